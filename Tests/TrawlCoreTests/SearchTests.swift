import Foundation
import Testing
@testable import TrawlCore
import TrawlTestSupport

/// Searching the seed articles in-process: phrases, fields, dates, order, snippets, facets,
/// spelling and duplicate collapse, exactly as the daemon will run them.
@Suite(.ownThreads) struct SearchTests {
    let fixture: IndexFixture

    init() throws {
        fixture = try IndexFixture()
        try fixture.index()
    }

    @Test func phraseFindsExactWords() throws {
        #expect(try Set(fixture.ids("\"return hubs\"")) == Set(Seeds.names))
        #expect(try fixture.ids("\"hubs return\"").isEmpty)
    }

    @Test func phraseThroughStopWordsMatches() throws {
        // "to the UK" is all stop words but one: they are indexed, so the phrase still matches.
        let ids = try fixture.ids("\"seeking to frustrate their deportation\"")
        #expect(ids.contains("004_942c03c566ac67b7.txt"))
        #expect(try !fixture.ids("\"to the UK\"").isEmpty)
    }

    @Test func curlyAndStraightApostrophesAreTheSameWord() throws {
        // Seed 001 writes "country’s" with a curly apostrophe; the query uses a straight one.
        let straight = try fixture.ids("\"the country's long-term recovery\"")
        let curly = try fixture.ids("\"the country’s long-term recovery\"")
        #expect(straight == ["001_b053db553f314cb7.txt"])
        #expect(curly == straight)
    }

    @Test func stemmingFindsOtherFormsOfPlainWords() throws {
        #expect(try fixture.ids("crossing").count >= 3)
        #expect(try fixture.ids("crossing") == fixture.ids("crossings"))
    }

    @Test func fieldPrefixesSelectByMetadata() throws {
        #expect(try fixture.ids("source:bbc") == ["002_5f7415eda35cdc68.txt"])
        #expect(try fixture.ids("source:BBC") == ["002_5f7415eda35cdc68.txt"])
        #expect(try fixture.ids("site:bbc.com") == ["002_5f7415eda35cdc68.txt"])
        #expect(try fixture.ids("by:wolfe") == ["003_d31b54c3e87b35a3.txt"])
        #expect(try fixture.ids("title:\"begin talks\"") == ["004_942c03c566ac67b7.txt"])
    }

    @Test func dateRangesAndFilters() throws {
        #expect(try fixture.ids("hubs date:2025-05-01..2025-05-31") == ["003_d31b54c3e87b35a3.txt"])
        #expect(try fixture.ids("hubs date:2025-05-15") == ["003_d31b54c3e87b35a3.txt"])
        #expect(try fixture.ids("hubs date:..2025-04-30").isEmpty)
        #expect(try fixture.ids("hubs") { $0.since = "2025-05-15"; $0.until = "2025-05-15" } == ["003_d31b54c3e87b35a3.txt"])
        #expect(try fixture.ids("hubs") { $0.sources = ["BBC"] } == ["002_5f7415eda35cdc68.txt"])
    }

    @Test func sortByDatePutsUndatedLast() throws {
        let newest = try fixture.ids("hubs") { $0.sort = .newest }
        let oldest = try fixture.ids("hubs") { $0.sort = .oldest }
        #expect(newest.first == "003_d31b54c3e87b35a3.txt")
        #expect(oldest.first == "003_d31b54c3e87b35a3.txt")
        #expect(newest.count == 5)
    }

    @Test func snippetsHighlightMatchedWords() throws {
        var query = SearchQuery(text: "\"return hubs\" Albania")
        query.highlightPre = "[["
        query.highlightPost = "]]"
        let result = try fixture.reader().search(query)
        #expect(result.hits.count == 5)
        for hit in result.hits {
            let snippet = try #require(hit.snippet)
            #expect(snippet.contains("[["), "\(hit.id): \(snippet)")
        }
        // The snippet highlights other forms of a stemmed word: "crossings" marks "crossing".
        let stemmed = try fixture.reader().search(SearchQuery(text: "crossings"))
        #expect(stemmed.hits.contains { $0.snippet?.contains("<b>crossing</b>") == true })
    }

    @Test func hitsCarryStoredFields() throws {
        let hit = try #require(try fixture.reader().search(SearchQuery(text: "by:wolfe")).hits.first)
        #expect(hit.title == "Keir Starmer steps up migrant crackdown as he announces 'return hubs' for failed asylum seekers")
        #expect(hit.byline == "Danielle de Wolfe")
        #expect(hit.date == "2025-05-15T11:13:00Z")
        #expect(hit.source == nil && hit.url == nil)
    }

    @Test func facetsCountAllMatches() throws {
        var query = SearchQuery(text: "hubs")
        query.facets = [.source, .year, .month]
        query.limit = 1
        let result = try fixture.reader().search(query)
        #expect(result.facets["source"] == ["bbc": 1])
        #expect(result.facets["year"] == ["2025": 1])
        #expect(result.facets["month"] == ["2025-05": 1])
    }

    @Test func misspelledQueryIsCorrected() throws {
        let result = try fixture.reader().search(SearchQuery(text: "albnia"))
        #expect(result.corrected == "albania")
        #expect(result.searchedCorrected)
        #expect(!result.hits.isEmpty)
    }

    /// With no hits asked for, Xapian's totals are loose bounds; `exactTotals` counts every match.
    @Test func exactTotalsCountEveryMatch() throws {
        var query = SearchQuery(text: "hubs")
        query.limit = 0
        query.exactTotals = true
        query.sources = ["bbc"]
        let total = try fixture.reader().search(query).total
        #expect(total.lower == 1 && total.estimate == 1 && total.upper == 1)
        // Without spelling, a misspelled query counts what it matches: nothing.
        var typo = SearchQuery(text: "albnia")
        typo.limit = 0
        typo.exactTotals = true
        typo.correct = .off
        let typoResult = try fixture.reader().search(typo)
        #expect(typoResult.total.upper == 0 && !typoResult.searchedCorrected)
    }

    /// Xapian proposes "crossings" for "crossing" (more frequent, same stem, same articles):
    /// a suggestion that finds nothing more is not offered.
    @Test func correctlySpelledWordsGetNoSuggestion() throws {
        for text in ["crossing", "crossings", "\"return hubs\" albania"] {
            let result = try fixture.reader().search(SearchQuery(text: text))
            #expect(result.corrected == nil, "\(text) -> \(result.corrected ?? "")")
            #expect(!result.hits.isEmpty && !result.searchedCorrected)
        }
    }

    /// Spelling is looked up only when it can help (it costs as much as the search): a word in no
    /// article is corrected even when the rest of the query fills the page.
    @Test func aWordInNoArticleIsCorrectedEvenWhenThePageIsFull() throws {
        let birds = try IndexFixture(withSeeds: false)
        try birds.write("a.json", #"{"id": "a", "title": "Harbour pelicans", "body": "Pelicans nest by the harbour."}"#)
        try birds.write("b.json", #"{"id": "b", "title": "Harbour storm", "body": "A storm closed the harbour."}"#)
        try birds.write("c.json", #"{"id": "c", "title": "Pelicans return", "body": "The pelicans came back after the storm."}"#)
        try birds.index()
        var query = SearchQuery(text: "harbour OR pelicnas")
        query.limit = 1
        let result = try birds.reader().search(query)
        #expect(result.hits.count == 1 && result.total.estimate == 2 && !result.searchedCorrected)
        #expect(result.corrected == "harbour OR pelicans")
    }

    @Test func collapseKeepsOneHitPerDuplicateGroup() throws {
        // Two copies of one agency story with different headlines and a trimmed ending.
        let story = (1...40).map { "Sentence \($0) of the shared wire story about the harbour pelicans." }.joined(separator: " ")
        let copies = try IndexFixture(withSeeds: false)
        try copies.write("wire-a.json", #"{"id": "a", "title": "Pelicans return", "body": "\#(story)"}"#)
        try copies.write("wire-b.json", #"{"id": "b", "title": "Harbour welcomes pelicans", "body": "\#(story) Extra line."}"#)
        try copies.write("other.json", #"{"id": "c", "title": "Other", "body": "A different report on pelicans entirely."}"#)
        try copies.index()
        var query = SearchQuery(text: "pelicans")
        #expect(try copies.reader().search(query).hits.count == 3)
        query.collapse = .copies
        let collapsed = try copies.reader().search(query)
        #expect(collapsed.hits.count == 2)
        #expect(collapsed.hits.contains { $0.duplicates == 1 })
    }

    @Test func emptyQueryListsEverything() throws {
        #expect(try fixture.ids("").count == 5)
    }

    @Test func getReturnsTheWholeArticle() throws {
        let article = try fixture.reader().article(id: "002_5f7415eda35cdc68.txt")
        #expect(article.title == "UK to start talks on return hubs for failed asylum seekers")
        #expect(article.url == "https://www.bbc.com/news/articles/c8re55z8kv7o")
        #expect(article.body.contains("The UK is in talks with other countries"))
    }
}
