import CXapian
import Foundation
import Testing
@testable import TrawlCore
import TrawlTestSupport

/// FNV-1a has one implementation, the shim's (`tx_fnv1a`): Swift's content hashes and the
/// shim's long-key terms use it alike.
@Suite(.ownThreads) struct ContentHashTests {
    @Test func matchesPublishedFNV1aVectors() {
        #expect(ContentHash.fnv1a("".utf8) == 0xcbf2_9ce4_8422_2325)
        #expect(ContentHash.fnv1a("a".utf8) == 0xaf63_dc4c_8601_ec8c)
        #expect(ContentHash.fnv1a("foobar".utf8) == 0x8594_4171_f739_67e8)
    }

    @Test func sameHashForEveryKindOfByteSequence() {
        let text = "Storm hits the coast, crossings closed"
        let expected = ContentHash.fnv1a(text.utf8)
        #expect(ContentHash.fnv1a(Data(text.utf8)) == expected)
        #expect(ContentHash.fnv1a(Array(text.utf8)) == expected)
        #expect(ContentHash.fnv1a(text.utf8.lazy.map { $0 }) == expected)  // not contiguous
    }

    /// An id past Xapian's term limit becomes a shortened term with a hash; writing, getting,
    /// counting and deleting it must all make the same term.
    @Test func longIdIsFoundAndDeletedByItsHashedTerm() throws {
        let fixture = try IndexFixture(withSeeds: false)
        let path = fixture.directory + "/db"
        let id = String(repeating: "very-long-folder-name/", count: 15) + "article.txt"
        let writer = try IndexWriter(path: path)
        let article = Article(id: id, title: "A long path", body: "Body text.")
        try writer.put(article, fields: IndexedFields(path: id, fileKey: nil, copySignature: nil,
                                                      storedData: StoredArticle.encode(article, path: id)))
        try writer.commit()
        let reader = try IndexReader(path: path)
        #expect(try reader.article(id: id).title == "A long path")
        #expect(try reader.termFrequency(prefix: TX_PREFIX_ID, key: id) == 1)
        #expect(try writer.delete(id: id))
        try writer.commit()
    }
}
