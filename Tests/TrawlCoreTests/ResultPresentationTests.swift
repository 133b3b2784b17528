import Foundation
import Testing
import TrawlProtocol
@testable import TrawlCore
import TrawlTestSupport

/// What people read off a result: totals, highlighted titles, facet values and their order.
@Suite(.ownThreads) struct ResultPresentationTests {
    /// A phrase's total used to be an estimate ("10 of about 1000" where count said 68).
    @Test func smallTotalsAreExact() throws {
        let fixture = try IndexFixture(withSeeds: false)
        for index in 0..<60 {
            let body = index % 2 == 0 ? "The peace talks resumed today." : "Talks about peace and the weather."
            try fixture.write("\(index).json", #"{"id": "\#(index)", "title": "Story \#(index)", "body": "\#(body) Filler \#(index)."}"#)
        }
        try fixture.index()
        let total = try fixture.reader().search(SearchQuery(text: "\"peace talks\"")).total
        #expect(total.lower == 30 && total.upper == 30 && total.estimate == 30, "\(total)")
    }

    @Test func matchedWordsAreHighlightedInTitles() throws {
        let seeds = try IndexFixture()
        try seeds.index()
        let hits = try seeds.reader().search(SearchQuery(text: "begin talks")).hits
        let bbc = try #require(hits.first { $0.id == "004_942c03c566ac67b7.txt" })
        #expect(bbc.titleHighlighted == "UK to <b>begin</b> <b>talks</b> on return hubs for failed asylum seekers")
        // No word of the query in the title: no field.
        let albania = try seeds.reader().search(SearchQuery(text: "Tirana")).hits
        #expect(!albania.isEmpty && albania.allSatisfy { $0.titleHighlighted == nil })
        // A `title:` query shows its match in the snippet, from the title.
        let titled = try seeds.reader().search(SearchQuery(text: "title:begin")).hits
        #expect(titled.first?.snippet?.contains("<b>begin</b>") == true, "\(titled.first?.snippet ?? "")")
        #expect(titled.first?.titleHighlighted?.contains("<b>begin</b>") == true)
    }

    /// `title:"return hubs"` marked nothing (phrase words are unstemmed `S` terms, which the title
    /// pass never compared), so its snippet was body text with no match in it.
    @Test(arguments: ["title:\"return hubs\"", "title:\"Return Hubs\"", "title:(return hubs)"])
    func aTitlePhraseIsHighlightedInTheTitle(text: String) throws {
        let seeds = try IndexFixture()
        try seeds.index()
        let hit = try #require(try seeds.reader().search(SearchQuery(text: text)).hits.first { $0.id == "004_942c03c566ac67b7.txt" })
        #expect(hit.titleHighlighted == "UK to begin talks on <b>return</b> <b>hubs</b> for failed asylum seekers")
        #expect(hit.snippet == hit.titleHighlighted)
    }

    @Test func sourceFacetKeepsTheCaseArticlesWrite() throws {
        let fixture = try IndexFixture(withSeeds: false)
        for (index, source) in ["The Guardian", "The Guardian", "the guardian", "BBC"].enumerated() {
            try fixture.write("\(index).json", #"{"id": "\#(index)", "title": "Vote", "body": "Vote.", "source": "\#(source)", "date": "2025-0\#(6 - index)-01"}"#)
        }
        try fixture.index()
        var query = SearchQuery(text: "vote")
        query.facets = [.source, .month]
        let result = try fixture.reader().search(query)
        #expect(result.facets["source"] == ["The Guardian": 3, "BBC": 1])
        #expect(try fixture.ids("source:guardian").isEmpty)
        #expect(try fixture.ids("vote") { $0.sources = ["THE GUARDIAN"] }.count == 3)
        #expect(try fixture.ids("vote") { $0.sources = ["bbc"] } == ["3"])
        // Months go out in date order.
        let line = String(decoding: ResponseLine.success(id: nil, SearchResponse(result: result, tookMs: 0, generation: 1)), as: UTF8.self)
        let months = ["2025-03", "2025-04", "2025-05", "2025-06"].map { line.range(of: "\"\($0)\"")?.lowerBound }
        #expect(months.allSatisfy { $0 != nil } && months == months.sorted { $0! < $1! })
    }

    /// Whether a snippet is marked (else the highlighted title is shown): the byte search on ASCII
    /// text finds what Foundation's `contains` finds, and declines anything else.
    @Test func asciiMarkerSearchAgreesWithFoundation() {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("ab<>/ .;K`\r\n")
        func text(_ count: Int) -> String { String((0..<count).map { _ in alphabet.randomElement(using: &random)! }) }
        for _ in 0..<5_000 {
            let haystack = text(Int.random(in: 0..<40, using: &random)), marker = text(Int.random(in: 1..<4, using: &random))
            let printable = marker.utf8.allSatisfy { (0x20..<0x7F).contains($0) }
            #expect(SearchResult.asciiContains(haystack, marker) == (printable ? haystack.contains(marker) : nil))
        }
        #expect(SearchResult.asciiContains("caf\u{E9} <b>x</b>", "<b>") == nil)
        #expect(SearchResult.asciiContains("<b>x</b>", "\u{AB}") == nil && SearchResult.asciiContains("<b>", "") == nil)
        #expect(SearchResult.asciiContains("", "<b>") == false)
        #expect(SearchResult.asciiContains("a <b>x</b>", "<b>") == true && SearchResult.asciiContains("a x", "<b>") == false)
    }
}
