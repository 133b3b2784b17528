import Testing
@testable import TrawlCore
import TrawlProtocol
import TrawlTestSupport

/// Corrections a script can trust: a word the index holds is never replaced, and a short word
/// only by one at most one edit away (Xapian's own lookup turned names into unrelated words).
@Suite(.ownThreads) struct SpellingCorrectionTests {
    let fixture: IndexFixture

    init() throws {
        fixture = try IndexFixture(withSeeds: false)
        let bodies = [
            "Mark won. Mark said the market would mark the day.",
            "Friedrich Merz spoke in Berlin; Merz and Merz again.",
            "Strikes closed the port; the strikes went on and on.",
            "Tesla and Musk's other firms spoke.",
            "Albania and Albania's prime minister Edi Rama met the press.",
        ]
        for (index, body) in bodies.enumerated() {
            try fixture.write("\(index).json", #"{"id": "\#(index)", "title": "Report \#(index)", "body": "\#(body)"}"#)
        }
        // Words the corrections were seen to jump to, many times over, so Xapian prefers them.
        for index in 5..<15 {
            try fixture.write("\(index).json", #"{"id": "\#(index)", "title": "Mark on merz", "body": "mark on merz strikes on mark; we care"}"#)
        }
        try fixture.index()
    }

    @Test(arguments: ["Musk", "musk", "Elon Musk", "metro strike", "Metro", "Carney", "Carney AND (Tesla OR Trump)"])
    func namesAreNotTurnedIntoOtherWords(text: String) throws {
        let result = try fixture.reader().search(SearchQuery(text: text))
        #expect(result.corrected == nil, "\(text) -> \(result.corrected ?? "")")
        #expect(!result.searchedCorrected)
    }

    @Test func aRealTypoIsStillCorrected() throws {
        let result = try fixture.reader().search(SearchQuery(text: "albnia"))
        #expect(result.corrected == "albania" && result.searchedCorrected && !result.hits.isEmpty)
    }

    @Test func correctChoosesWhatHappensToTheCorrection() throws {
        var query = SearchQuery(text: "albnia")
        query.correct = .suggest
        let suggested = try fixture.reader().search(query)
        #expect(suggested.corrected == "albania" && !suggested.searchedCorrected && suggested.hits.isEmpty)
        query.correct = .off
        let off = try fixture.reader().search(query)
        #expect(off.corrected == nil && off.hits.isEmpty)
    }

    /// With `auto`, the corrected query's own search decides (the shim searches it once): past its
    /// last page the answer is still for the correction, with no hits and its totals.
    @Test func autoAnswersTheCorrectionPastItsLastPage() throws {
        var query = SearchQuery(text: "albnia")
        query.offset = 5
        let result = try fixture.reader().search(query)
        #expect(result.corrected == "albania" && result.searchedCorrected && result.hits.isEmpty)
        #expect(result.total.upper == 1)
    }
    /// `Elon Musk` on an index with "Leon" but no "Musk": Xapian proposes `leon musk`, which finds
    /// nothing either; neither mode may offer it (people were shown "Showing results for: leon
    /// musk" over zero hits, scripts were told to try it).
    @Test(arguments: [SearchQuery.Correction.auto, .suggest])
    func aCorrectionThatFindsNothingIsNotOffered(mode: SearchQuery.Correction) throws {
        let fixture = try IndexFixture(withSeeds: false)
        try fixture.write("leon.json", #"{"id": "leon", "title": "Leon Trotsky", "body": "Leon Trotsky wrote history."}"#)
        try fixture.index()
        var query = SearchQuery(text: "Elon Musk")
        query.correct = mode
        let result = try fixture.reader().search(query)
        #expect(result.corrected == nil, "offered \(result.corrected ?? "")")
        #expect(!result.searchedCorrected && result.hits.isEmpty)
    }

    /// The same when the correction's words are each in the index but never together: Xapian's
    /// estimate for an AND of them is above zero, the match is empty ("care AND (tesla OR trump)").
    @Test(arguments: [SearchQuery.Correction.auto, .suggest])
    func aCorrectionWhoseWordsNeverMeetIsNotOffered(mode: SearchQuery.Correction) throws {
        var query = SearchQuery(text: "markt AND tesla")
        query.correct = mode
        let result = try fixture.reader().search(query)
        #expect(result.corrected == nil, "offered \(result.corrected ?? "")")
        #expect(!result.searchedCorrected && result.hits.isEmpty)
    }

    /// A correction inside an OR whose articles the query already finds adds nothing: `rama OR
    /// albnia` -> `rama OR albania` finds the same article (Xapian's estimate from one hit said
    /// more, and it was offered). One that does find more is still offered.
    @Test(arguments: [nil, Grouping.copies, .story])
    func aCorrectionThatFindsNoMoreIsNotOffered(collapse: Grouping?) throws {
        var same = SearchQuery(text: "rama OR albnia")
        same.collapse = collapse
        let result = try fixture.reader().search(same)
        #expect(result.corrected == nil, "offered \(result.corrected ?? "")")
        #expect(result.hits.map(\.id) == ["4"])
        var more = SearchQuery(text: "tesla OR albnia")
        more.collapse = collapse
        #expect(try fixture.reader().search(more).corrected == "tesla OR albania")
    }

    /// Xapian proposes `musk's` for `musk` (the spelling the index holds most) beside the real fix:
    /// the possessive split the proposal into other words than the query, and the whole correction
    /// was dropped. The word the index holds stays; the typo is corrected.
    @Test func aPossessiveInXapiansProposalKeepsTheCorrection() throws {
        var query = SearchQuery(text: "musk teslx")
        query.correct = .suggest
        #expect(try fixture.reader().search(query).corrected == "musk tesla")
        query.text = "musk NEAR teslx"
        #expect(try fixture.reader().search(query).corrected == "musk NEAR tesla")
    }
}
