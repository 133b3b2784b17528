import Foundation
import Testing

@testable import TrawlCore
import TrawlTestSupport

/// A subscription round's shortcut (`ChangedTerms`, `tx_changed_terms`, cxapian::may_match): a query
/// that needs a term none of the changed articles holds is answered without a match. It must never
/// change an answer: every query shape finds exactly what it finds without the shortcut.
@Suite(.ownThreads) struct ChangedTermsTests {
    private static let vocabulary = [
        "harbour", "council", "ferry", "strike", "budget", "albania", "starmer", "migrants", "hubs", "vote",
        "school", "closure", "flood", "bridge", "election", "minister", "tariff", "steel", "court", "appeal",
    ]

    /// Old articles (indexed first) and new ones (the change range), from the vocabulary; the new ones
    /// use only part of it, so that some queries cannot match them.
    private func fixture(shards: Int) throws -> (IndexFixture, after: UInt64, through: UInt64) {
        let fixture = try IndexFixture(withSeeds: false)
        var random = SplitMix64(seed: 11)
        func text(_ n: Int, words: ArraySlice<String>) -> String {
            let body = (0..<30).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
            return "\(words.randomElement(using: &random)!.capitalized) report \(n)\n\n12 May 2025\n\nBy Staff\n\n\(body).\n"
        }
        for n in 0..<30 { try fixture.write("old-\(n).txt", text(n, words: Self.vocabulary[...])) }
        try fixture.write(article: ["id": "old-wire", "title": "Ferry strike", "source": "Reuters", "body": "The ferry strike went on."])
        try fixture.index(shards: shards)
        let after = try fixture.reader().lastChange()
        for n in 0..<4 { try fixture.write("new-\(n).txt", text(100 + n, words: Self.vocabulary[..<8])) }
        try fixture.write(article: ["id": "new-wire", "title": "Harbour council's budget", "source": "BBC", "body": "Café owners at the harbour."])
        try fixture.index(shards: shards)
        return (fixture, after, try fixture.reader().lastChange())
    }

    /// Queries of every shape the language has: words in and out of the new articles, AND, OR, NOT,
    /// phrases, fields, wildcards, possessives, accents, filters, and random mixes.
    private func queries() -> [(text: String, sources: [String])] {
        var list: [(String, [String])] = [
            ("harbour", []), ("tariff", []), ("harbour tariff", []), ("harbour OR tariff", []), ("tariff OR steel", []),
            ("harbour -tariff", []), ("tariff -harbour", []), ("harbour NOT ferry", []), ("-tariff", []),
            ("\"ferry strike\"", []), ("\"strike ferry\"", []), ("title:harbour", []), ("title:tariff", []),
            ("harb*", []), ("tar*", []), ("council's", []), ("cafe", []), ("Café", []), ("Starmer", []),
            ("", ["bbc"]), ("", ["reuters"]), ("ferry", ["reuters"]), ("ferry", ["bbc"]), ("source:bbc", []),
            ("date:2025-05-12", []), ("date:2025-05-12 tariff", []), ("court NEAR appeal", []), ("(flood OR bridge) vote", []),
            ("harbour AND (tariff OR steel)", []), ("zzzunknown", []), ("zzzunknown OR ferry", []),
        ]
        var random = SplitMix64(seed: 5)
        let joins = [" ", " OR ", " -", " AND ", " NOT "]
        for _ in 0..<150 {
            let words = (0..<Int.random(in: 1...3, using: &random)).map { _ in Self.vocabulary.randomElement(using: &random)! }
            var text = words[0]
            for word in words.dropFirst() { text += joins.randomElement(using: &random)! + word }
            list.append((text, Bool.random(using: &random) ? [] : [["bbc"], ["reuters"]].randomElement(using: &random)!))
        }
        return list
    }

    @Test(arguments: [1, 3]) func everyQueryFindsTheSameChangesWithAndWithoutTheShortcut(shards: Int) throws {
        let (fixture, after, through) = try fixture(shards: shards)
        let reader = try fixture.reader()
        let changed = try #require(try reader.changedTerms(after: after, through: through, maxArticles: 100))
        var matched = 0
        for (text, sources) in queries() {
            var query = SearchQuery(text: text)
            query.sources = sources
            query.correct = .off
            query.snippet = false
            query.limit = 100
            query.seqAfter = after
            query.seqThrough = through
            let plain = try reader.changes(query)
            #expect(try reader.changes(query, among: changed) == plain, "\(text) \(sources)")
            if !plain.isEmpty { matched += 1 }
        }
        // Not a vacuous check: many queries match new articles, and many cannot.
        #expect(matched > 20)
        #expect(matched < queries().count - 20)
    }

    /// Filters count too on several local shards, where a filter term is read through a posting source
    /// (term_query.h): no changed article is from Reuters, so no match runs. A time budget no match can
    /// keep (1 ns) tells a run (`timeout`) from a skip (no changes).
    @Test(arguments: [1, 3]) func aFilterNoChangedArticleHoldsRunsNoMatch(shards: Int) throws {
        let (fixture, after, through) = try fixture(shards: shards)
        let reader = try fixture.reader()
        let changed = try #require(try reader.changedTerms(after: after, through: through, maxArticles: 100))
        for (text, sources) in [("", ["reuters"]), ("ferry", ["reuters"]), ("source:reuters", []), ("ferry source:reuters", [])] {
            var query = SearchQuery(text: text)
            query.sources = sources
            query.correct = .off
            query.snippet = false
            query.seqAfter = after
            query.seqThrough = through
            query.timeBudget = 1e-9
            let ran = #expect(throws: TrawlError.self) { try reader.changes(query) }
            guard case .timeout? = ran else {
                Issue.record("\(text) \(sources): a match run should overrun its budget, got \(String(describing: ran))")
                continue
            }
            #expect(try reader.changes(query, among: changed).isEmpty, "\(text) \(sources)")
        }
    }

    @Test func tooManyChangesGiveNoSetAndAnEmptyRangeNone() throws {
        let (fixture, after, through) = try fixture(shards: 1)
        let reader = try fixture.reader()
        #expect(try reader.changedTerms(after: after, through: through, maxArticles: 5) != nil)
        #expect(try reader.changedTerms(after: after, through: through, maxArticles: 4) == nil)
        #expect(try reader.changedTerms(after: through, through: through, maxArticles: 100) == nil)
    }
}
