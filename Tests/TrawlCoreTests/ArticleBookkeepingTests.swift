import Foundation
import Testing
@testable import TrawlCore
import TrawlTestSupport

/// Incremental runs keep books per article: a bad line costs only itself, an edited article is
/// the only one written again, and duplicate ids follow one rule whatever the kind of run.
@Suite(.ownThreads) struct ArticleBookkeepingTests {
    private func line(_ id: String, _ body: String) -> String {
        #"{"id": "\#(id)", "title": "Story \#(id)", "body": "\#(body)"}"#
    }

    @Test func badJSONLinesLineIsReportedAndEveryOtherLineIndexed() throws {
        let fixture = try IndexFixture(withSeeds: false)
        try fixture.write("feed.jsonl", [
            line("a", "first wombat"), #"{"id": "b", "body": "broken wombat""#, line("c", "third wombat"),
        ].joined(separator: "\n") + "\n")
        let summary = try fixture.index()
        #expect(summary.added == 2 && summary.failed == 1 && summary.documents == 2)
        #expect(summary.failures == [FileProblem(
            path: "feed.jsonl", reason: "line 2, column 36: not valid JSON (expected ',' or '}' in an object); check the syntax")])
        #expect(try fixture.ids("wombat").sorted() == ["a", "c"])

        // The file is read again (and reported again) until it is fixed; nothing is rewritten.
        let again = try fixture.index()
        #expect(again.line == "added 0, updated 0, unchanged 2, deleted 0, skipped 0, failed 1")
        try fixture.write("feed.jsonl", [line("a", "first wombat"), line("b", "fixed wombat"), line("c", "third wombat")]
            .joined(separator: "\n"))
        let fixed = try fixture.index()
        #expect(fixed.line == "added 1, updated 0, unchanged 2, deleted 0, skipped 0, failed 0")
        #expect(try fixture.ids("wombat").sorted() == ["a", "b", "c"])
    }

    @Test func aLineThatBreaksKeepsItsArticleUntilTheFileIsReadCleanly() throws {
        let fixture = try IndexFixture(withSeeds: false)
        try fixture.write("feed.jsonl", [line("a", "first wombat"), line("b", "second wombat")].joined(separator: "\n"))
        try fixture.index()
        // An edit breaks b's line: it is reported, and the b already indexed stays (the line may still be b).
        try fixture.write("feed.jsonl", [line("a", "first wombat"), #"{"id": "b", "body": "second wombat, edited"#]
            .joined(separator: "\n"))
        let broken = try fixture.index()
        #expect(broken.line == "added 0, updated 0, unchanged 1, deleted 0, skipped 0, failed 1")
        #expect(broken.documents == 2)
        #expect(try fixture.reader().article(id: "b").body == "second wombat")
        // Once the file reads cleanly, an article that is really gone goes.
        try fixture.write("feed.jsonl", line("a", "first wombat"))
        let clean = try fixture.index()
        #expect(clean.line == "added 0, updated 0, unchanged 1, deleted 1, skipped 0, failed 0")
        #expect(try fixture.ids("wombat") == ["a"])
    }

    @Test func manyBadLinesAreReportedInAReadableLine() throws {
        let fixture = try IndexFixture(withSeeds: false)
        let lines = (1...30).map { $0 % 2 == 0 ? line("g\($0)", "good gecko") : "{oops" }
        try fixture.write("m.jsonl", lines.joined(separator: "\n"))
        let summary = try fixture.index()
        #expect(summary.added == 15 && summary.failed == 1)
        let reason = try #require(summary.failures.first?.reason)
        #expect(reason.hasPrefix("line 1, column 2: not valid JSON"))
        #expect(reason.contains("line 19, column 2:") && !reason.contains("line 21,"))
        #expect(reason.hasSuffix("; and 5 more like these in this file"))
    }

    @Test func editingOneArticleOfA500LineFileUpdatesThatArticleOnly() throws {
        let fixture = try IndexFixture(withSeeds: false)
        var lines = (1...500).map { line("n\($0)", "article number \($0) about otters") }
        try fixture.write("big.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(try fixture.index().added == 500)

        lines[249] = line("n250", "article number 250 about beavers now")
        lines.remove(at: 9)
        try fixture.write("big.jsonl", lines.joined(separator: "\n") + "\n")
        let update = try fixture.index()
        #expect(update.line == "added 0, updated 1, unchanged 498, deleted 1, skipped 0, failed 0")
        #expect(update.documents == 499)
        #expect(try fixture.ids("beavers") == ["n250"])
        #expect(throws: TrawlError.self) { try fixture.reader().article(id: "n10") }
        #expect(try fixture.index().line == "added 0, updated 0, unchanged 499, deleted 0, skipped 0, failed 0")
    }

    /// What both kinds of run must say and hold for files `a.json`, `b.json` and a `.jsonl` that all have id `same`.
    private func expectFirstInPathOrderWins(_ summary: IndexSummary, _ fixture: IndexFixture) throws {
        #expect(summary.failures == [
            FileProblem(path: "b.json", reason: "article id 'same' is also in a.json, which comes first in path order and is the one indexed; this one is not (ids must be unique)"),
            FileProblem(path: "c.jsonl", reason: "article id 'same' is also in a.json, which comes first in path order and is the one indexed; this one is not (ids must be unique); article id 'twin' appears more than once in this file; only the first is indexed (ids must be unique)"),
        ])
        #expect(summary.failed == 2 && summary.documents == 3)
        let reader = try fixture.reader()
        #expect(try reader.article(id: "same").body == "one okapi")
        #expect(try reader.article(id: "twin").body == "first twin")
        #expect(try fixture.ids("okapi") == ["same"])
    }

    private func writeDuplicates(_ fixture: IndexFixture) throws {
        try fixture.write("a.json", #"{"id": "same", "body": "one okapi"}"#)
        try fixture.write("b.json", #"{"id": "same", "body": "two okapi"}"#)
        try fixture.write("c.jsonl", [line("same", "three okapi"), line("twin", "first twin"), line("own", "own text"),
                                       line("twin", "second twin")].joined(separator: "\n"))
    }

    @Test func duplicateIdsFirstInPathOrderWinsOnRebuild() throws {
        let fixture = try IndexFixture(withSeeds: false)
        try writeDuplicates(fixture)
        try expectFirstInPathOrderWins(try fixture.index(rebuild: true), fixture)
        // The incremental run after it reads the files with duplicates again and says the same.
        let next = try fixture.index()
        try expectFirstInPathOrderWins(next, fixture)
        #expect(next.added == 0 && next.updated == 0 && next.deleted == 0)
    }

    @Test func duplicateIdsFirstInPathOrderWinsOnIncrementalRuns() throws {
        let fixture = try IndexFixture(withSeeds: false)
        try fixture.index()  // an empty generation, so that the next runs are incremental
        try writeDuplicates(fixture)
        let first = try fixture.index()
        #expect(!first.rebuilt)
        try expectFirstInPathOrderWins(first, fixture)
        let again = try fixture.index()
        try expectFirstInPathOrderWins(again, fixture)
        #expect(again.line == "added 0, updated 0, unchanged 3, deleted 0, skipped 0, failed 2")
    }

    @Test func aLaterRunKeepsTheRuleWhenFilesComeAndGo() throws {
        let fixture = try IndexFixture(withSeeds: false)
        try fixture.write("b.json", #"{"id": "same", "body": "two okapi"}"#)
        try fixture.index()
        // A file earlier in path order takes the id over; the other is reported, not silently replaced.
        try fixture.write("a.json", #"{"id": "same", "body": "one okapi"}"#)
        let takeover = try fixture.index()
        #expect(takeover.failures.map(\.path) == ["b.json"])
        // The id's article is replaced: an update (the index holds as many articles as before).
        #expect(takeover.line == "added 0, updated 1, unchanged 0, deleted 0, skipped 0, failed 1")
        #expect(try fixture.reader().article(id: "same").body == "one okapi")
        #expect(try fixture.index().failures.map(\.path) == ["b.json"])  // stable
        // A later file with the id is reported and does not replace it.
        try fixture.write("z.json", #"{"id": "same", "body": "last okapi"}"#)
        #expect(try fixture.index().failures.map(\.path) == ["b.json", "z.json"])
        #expect(try fixture.reader().article(id: "same").body == "one okapi")
        // When the winner goes, the next in path order gets the id.
        try fixture.remove("a.json")
        // The mass-delete guard counts the articles of vanished files before reading the rest, so
        // losing the only winner of a one-article index looks like losing every article.
        let after = try fixture.index { $0.allowMassDelete = true }
        #expect(after.failures.map(\.path) == ["z.json"])
        #expect(try fixture.reader().article(id: "same").body == "two okapi")
        #expect(after.documents == 1)
    }

    @Test func unclosedFrontMatterIsAWarningInTheSummary() throws {
        let fixture = try IndexFixture(withSeeds: false)
        try fixture.write("open.md", "---\ntitle: Never closed\ndate: 2025-05-01\n\nThe text about a pangolin.\n")
        let summary = try fixture.index()
        #expect(summary.added == 1 && summary.failed == 0)
        #expect(summary.warnings.map(\.path) == ["open.md"])
        #expect(summary.warnings.first?.reason.contains("never closed") == true)
        #expect(try fixture.reader().article(id: "open.md").title == nil)
    }
}
