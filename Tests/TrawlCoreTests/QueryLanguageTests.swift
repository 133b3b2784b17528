import Foundation
import Testing
@testable import TrawlCore
import TrawlTestSupport

/// How people type news queries: names (capitalised, possessive, accented), bylines, hosts,
/// negations; each case was seen to fail before (issue 11).
@Suite(.ownThreads) struct QueryLanguageTests {
    let news: IndexFixture
    let seeds: IndexFixture

    init() throws {
        news = try IndexFixture(withSeeds: false)
        let articles: [(String, String, String, String?)] = [
            ("canada", "Canada’s Carney calls snap election", "Mark Carney said Canada’s vote would follow Trump’s tariffs.", "Ann Saphir"),
            ("musk", "Tesla shares fall", "Musk's company lost value; Tesla said strikes hurt.", "Danielle de Wolfe"),
            ("tennis", "Djoković wins in Paris", "Novak Djoković beat the champion at the café by the river.", "Marie Dubois-Lefèvre"),
            ("turkey", "Erdoğan visits Berlin", "President Erdoğan met Merz at a cafe.", nil),
            ("uk", "U.K. inflation falls", "Inflation in the U.K. fell to 2.5% in October. The U.S.A. and the E.U. watched.", nil),
        ]
        for (id, title, body, byline) in articles {
            let by = byline.map { #", "byline": "\#($0)""# } ?? ""
            try news.write("\(id).json", #"{"id": "\#(id)", "title": "\#(title)", "body": "\#(body)"\#(by)}"#)
        }
        try news.write("rte.json", #"{"id": "rte", "title": "Dáil vote", "body": "The vote was close.", "source": "RTÉ"}"#)
        try news.write("sz.json", #"{"id": "sz", "title": "Bundestag vote", "body": "The vote was close.", "source": "Süddeutsche Zeitung"}"#)
        try news.index()
        seeds = try IndexFixture()
        try seeds.index()
    }

    @Test func capitalisedWordsFindWhatTheirLowerCaseFinds() throws {
        #expect(try news.ids("Musk") == ["musk"])
        #expect(try news.ids("Canada") == ["canada"])
        #expect(try news.ids("Carney AND (Tesla OR Trump)") == ["canada"])
        #expect(try news.ids("Carney AND (Tesla OR Trump)") == news.ids("carney AND (tesla OR trump)"))
        #expect(try seeds.ids("PM").count == seeds.ids("pm").count)
        #expect(try !seeds.ids("PM").isEmpty)
        // A quoted word is the exact form: "musk" is not "Musk's".
        #expect(try news.ids("\"musk\"").isEmpty)
    }

    /// Queries are normalised as the indexed text is (typographic quotes, NFKC): a ligature or a
    /// full-width letter pasted into a query finds the plain word.
    @Test func queriesAreNormalisedLikeTheIndexedText() throws {
        let fixture = try IndexFixture(withSeeds: false)
        try fixture.write("budget.json", #"{"id": "budget", "title": "Budget day", "body": "The ﬁnance minister spoke of Canada’s debt."}"#)
        try fixture.index()
        #expect(try fixture.ids("finance") == ["budget"])
        #expect(try fixture.ids("ﬁnance") == ["budget"])
        #expect(try fixture.ids("ｆｉｎａｎｃｅ") == ["budget"])
        #expect(try fixture.ids("“canada’s debt”") == ["budget"])
    }

    @Test func accentsFoldBothWays() throws {
        #expect(try news.ids("Djokovic") == ["tennis"])
        #expect(try news.ids("djoković") == ["tennis"])
        #expect(try news.ids("Erdogan") == ["turkey"])
        #expect(try Set(news.ids("cafe")) == ["tennis", "turkey"])
        #expect(try Set(news.ids("café")) == ["tennis", "turkey"])
        #expect(try news.ids("\"novak djokovic\"") == ["tennis"])
        #expect(try news.ids("title:djokovic") == ["tennis"])
        #expect(try news.ids("by:lefevre") == ["tennis"])
    }

    @Test func snippetsShowTheTextAsWrittenWithTheMatchMarked() throws {
        let tennis = try #require(try news.reader().search(SearchQuery(text: "Djokovic")).hits.first)
        #expect(tennis.snippet?.contains("<b>Djoković</b>") == true, "\(tennis.snippet ?? "")")
        let canada = try #require(try news.reader().search(SearchQuery(text: "Canada")).hits.first)
        #expect(canada.snippet?.contains("<b>Canada’s</b>") == true || canada.snippet?.contains("<b>Canada's</b>") == true, "\(canada.snippet ?? "")")
    }

    @Test func bylinesTakePhrasesAndHyphenatedNames() throws {
        #expect(try news.ids("by:\"Ann Saphir\"") == ["canada"])
        #expect(try news.ids("by:\"de Wolfe\"") == ["musk"])
        #expect(try news.ids("by:Dubois-Lefèvre") == ["tennis"])
        #expect(try news.ids("by:\"Saphir Ann\"").isEmpty)
        #expect(try seeds.ids("by:\"de Wolfe\"") == ["003_d31b54c3e87b35a3.txt"])
    }

    @Test func siteMatchesHostsAsPeopleWriteThem() throws {
        let hosts = try IndexFixture(withSeeds: false)
        for (id, url) in [("g", "https://www.theguardian.com/world/1"), ("n", "https://asia.nikkei.com/a"),
                          ("b", "https://www.bbc.co.uk/news/2")] {
            try hosts.write("\(id).json", #"{"id": "\#(id)", "title": "Report", "body": "Text.", "url": "\#(url)"}"#)
        }
        try hosts.index()
        #expect(try hosts.ids("site:theguardian.com") == ["g"])
        #expect(try hosts.ids("site:www.theguardian.com") == ["g"])
        #expect(try hosts.ids("site:nikkei.com") == ["n"])
        #expect(try hosts.ids("site:asia.nikkei.com") == ["n"])
        #expect(try hosts.ids("site:bbc.co.uk") == ["b"])
        // Public suffixes alone are not sites.
        #expect(try hosts.ids("site:com").isEmpty)
        #expect(try hosts.ids("site:co.uk").isEmpty)
    }

    @Test func aQueryOfNegationsReturnsTheArticlesWithoutThem() throws {
        #expect(try seeds.ids("-albania").isEmpty)
        #expect(try seeds.ids("-albania") == seeds.ids("NOT albania"))
        #expect(try Set(seeds.ids("-source:bbc")) == Set(Seeds.names).subtracting(["002_5f7415eda35cdc68.txt"]))
        #expect(try seeds.ids("-source:ap").count == 5)
        let mentions = try Set(seeds.ids("carney OR trump"))
        #expect(!mentions.isEmpty)
        #expect(try Set(seeds.ids("-carney -trump")) == Set(Seeds.names).subtracting(mentions))
        #expect(try Set(news.ids("-carney -trump")) == ["musk", "tennis", "turkey", "uk", "rte", "sz"])
        // Negation beside other words is unchanged.
        #expect(try news.ids("tesla -carney") == ["musk"])
    }

    /// NEAR and ADJ match a word's possessive as the word alone does (`Musk` finds "Musk's"):
    /// positional operators match unstemmed words, and `Musk NEAR Tesla` missed "Musk's company
    /// ... Tesla". Phrases stay exact.
    @Test func nearAndAdjFindPossessives() throws {
        #expect(try news.ids("Musk NEAR Tesla") == ["musk"])
        #expect(try news.ids("Tesla NEAR Musk") == ["musk"])
        #expect(try news.ids("Musk ADJ company") == ["musk"])
        #expect(try news.ids("musk NEAR/3 company") == ["musk"])
        #expect(try news.ids("(Canada ADJ vote) OR zzz") == ["canada"])
        #expect(try news.ids("vote NEAR trump") == ["canada"])
        #expect(try news.ids("Carney NEAR vote NEAR Trump") == ["canada"])
        #expect(try news.ids("Musk's NEAR Tesla") == ["musk"])
        #expect(try news.ids("title:tesla NEAR musk").isEmpty, "title: words are the title's")
        #expect(try news.ids("company ADJ Musk").isEmpty, "ADJ keeps the order")
        #expect(try news.ids("\"musk company\"").isEmpty, "a phrase matches exact words")
        #expect(try news.ids("-tesla Carney NEAR vote") == ["canada"])
    }

    /// Initialisms are read as Xapian indexes them (`U.K.` is the term `uk`): lower-cased before
    /// parsing, they were the phrase "u k" and found nothing.
    @Test func initialismsFindWhatTheirLettersFind() throws {
        #expect(try news.ids("U.K.") == ["uk"])
        #expect(try news.ids("U.K") == ["uk"])
        #expect(try news.ids("U.K. inflation") == ["uk"])
        #expect(try news.ids("\"U.K. inflation\"") == ["uk"])
        #expect(try news.ids("title:U.K.") == ["uk"])
        #expect(try news.ids("U.S.A.") == ["uk"])
        #expect(try news.ids("E.U. -tesla") == ["uk"])
        #expect(try news.ids("UK inflation") == ["uk"])
        // Not initialisms: a single capital, or letters running on into a word.
        #expect(try news.ids("U.Kx").isEmpty)
    }

    /// A source is matched with and without its accents, by `source:` and by the source filter.
    @Test func sourcesMatchWithOrWithoutAccents() throws {
        for query in ["source:RTÉ", "source:rte", "source:Rté", "source:\"RTÉ\"", "vote source:RTE"] {
            #expect(try news.ids(query) == ["rte"], "\(query)")
        }
        #expect(try news.ids("source:\"Süddeutsche Zeitung\"") == ["sz"])
        #expect(try news.ids("source:\"suddeutsche zeitung\"") == ["sz"])
        #expect(try news.ids("close -source:rte") == ["sz"])
        for source in ["RTÉ", "rte", "RTE"] {
            #expect(try news.ids("vote") { $0.sources = [source] } == ["rte"], "\(source)")
        }
    }

    @Test func reversedDateRangeIsAnError() throws {
        #expect(throws: TrawlError.self) { try seeds.ids("date:2025-06..2025-05") }
        #expect(try seeds.ids("hubs date:2025-05..2025-06") == ["003_d31b54c3e87b35a3.txt"])
    }

    @Test(arguments: [
        ("foo AND", "ends with AND: add a word after it or remove AND"),
        ("AND foo", "starts with AND: add a word before it or remove AND"),
        ("foo OR", "ends with OR"),
        ("(foo AND) bar", "AND at character 6 is followed by \")\""),
        ("NOT", "ends with NOT: add a word after it or remove NOT"),
        ("foo AND OR bar", "AND at character 5 is followed by OR"),
        ("foo (OR bar)", "OR at character 6 has no word before it"),
    ])
    func syntaxErrorsSayWhatIsWrongAndWhere(query: String, expected: String) throws {
        let reader = try seeds.reader()
        do throws(TrawlError) {
            _ = try reader.search(SearchQuery(text: query))
            Issue.record("\(query) was accepted")
        } catch {
            guard case .badQuery(let detail) = error else { throw error }
            #expect(detail.contains(expected), "\(detail)")
            #expect(!detail.contains("<expression>") && !detail.contains("QueryParserError"), "\(detail)")
        }
    }
}
