import Foundation
import Testing
@testable import TrawlCore
import TrawlTestSupport

/// The C shim turns every Xapian failure into a typed error; nothing crashes the process.
@Suite(.ownThreads) struct ShimErrorTests {
    /// A writer let go without a commit leaves the database as its last commit left it: Xapian's
    /// close() and destructor commit what is pending (and a commit that cannot write may abort the
    /// process from inside Xapian), so the shim discards it first.
    @Test func aWriterLetGoWithoutACommitCommitsNothing() throws {
        let fixture = try IndexFixture(withSeeds: false)
        let path = fixture.directory + "/db"
        func put(_ id: String, into writer: IndexWriter) throws {
            let article = Article(id: id, title: "Title of \(id)", body: "Body of \(id).")
            try writer.put(article, fields: IndexedFields(path: id, fileKey: nil, copySignature: nil,
                                                          storedData: StoredArticle.encode(article, path: id)))
        }
        do {
            let writer = try IndexWriter(path: path)
            try put("kept.txt", into: writer)
            try writer.commit()
            try put("dropped.txt", into: writer)
            try writer.setMetadata("trawl.test", "uncommitted")
        }
        let reader = try IndexReader(path: path)
        #expect(try reader.documentCount() == 1)
        #expect(try reader.article(id: "kept.txt").title == "Title of kept.txt")
        #expect(throws: TrawlError.self) { try reader.article(id: "dropped.txt") }
        #expect(try IndexWriter(path: path).documentCount() == 1)
    }

    @Test func missingIndexIsIndexNotFound() {
        #expect {
            try IndexReader(path: "/nonexistent/trawl-index-\(UUID().uuidString)")
        } throws: { error in
            if case .indexNotFound = error as? TrawlError { return true }
            return false
        }
    }

    @Test func secondWriterIsLocked() throws {
        let fixture = try IndexFixture(withSeeds: false)
        let path = fixture.directory + "/db"
        let first = try IndexWriter(path: path)
        #expect {
            try IndexWriter(path: path)
        } throws: { error in
            if case .indexLocked = error as? TrawlError { return true }
            return false
        }
        withExtendedLifetime(first) {}
    }

    /// A lock that goes away within a moment (as when a child being spawned by another thread
    /// still shares the closed writer's lock descriptor) is waited for, not reported.
    @Test func writerWaitsForALockReleasedInAMoment() throws {
        let fixture = try IndexFixture(withSeeds: false)
        let path = fixture.directory + "/db"
        final class Holder: @unchecked Sendable { var writer: IndexWriter? }
        let holder = Holder()
        holder.writer = try IndexWriter(path: path)
        let release = Thread { usleep(300_000); holder.writer = nil }
        release.start()
        let second = try IndexWriter(path: path)
        withExtendedLifetime(second) {}
    }

    @Test func unparsableQueryIsBadQuery() throws {
        let fixture = try IndexFixture()
        try fixture.index()
        let reader = try fixture.reader()
        for text in ["storm AND", "date:2025-13-45..2025-14-01", "date:yesterday", "date:2025-13-45", "date:2025-02-30", "date:2025-00"] {
            do throws(TrawlError) {
                _ = try reader.search(SearchQuery(text: text))
                Issue.record("\(text) was accepted")
            } catch .badQuery {
                // expected
            } catch {
                Issue.record("\(text): \(error)")
            }
        }
    }

    @Test func getOfUnknownIdIsNotFound() throws {
        let fixture = try IndexFixture()
        try fixture.index()
        #expect(throws: TrawlError.notFound(id: "../../etc/passwd")) { try fixture.reader().article(id: "../../etc/passwd") }
    }

    @Test func veryLongIdsStillMakeUniqueTerms() throws {
        let fixture = try IndexFixture(withSeeds: false)
        let long = String(repeating: "x", count: 400)
        try fixture.write("a.jsonl", """
            {"id": "\(long)a", "title": "First", "body": "alpha text"}
            {"id": "\(long)b", "title": "Second", "body": "beta text"}
            """)
        try fixture.index()
        #expect(try fixture.reader().documentCount() == 2)
        #expect(try fixture.reader().article(id: long + "b").title == "Second")
    }
}
