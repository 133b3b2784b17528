import Foundation
import Testing
@testable import TrawlCore
import TrawlProtocol
import TrawlTestSupport

/// Articles that leave their groups in incremental runs: rewritten with another story under the
/// same id (a wire service's or a CMS's reused id), or deleted. Groups never merge, a group of one
/// is no group, and the incremental result is the one a rebuild of the same files gives.
@Suite(.ownThreads) struct GroupLeavingTests {
    static let rotterdam = [
        "Dock workers at the port of Rotterdam walked off the job on Friday, halting container traffic at Europe's largest port in a dispute over automation and pay.",
        "The FNV union said about 4,000 lashers and crane operators joined the 48-hour stoppage, which began at 6 a.m. local time and left dozens of container ships waiting at anchor in the North Sea.",
        "Union negotiator Niek Stam said the terminals had refused to guarantee jobs as they install remote-controlled cranes at the Maasvlakte II terminals.",
        "The Port of Rotterdam Authority said the strike would cost shippers millions of euros a day and warned that congestion could spread to Antwerp and Hamburg within days.",
        "Shipping lines Maersk and MSC said they were diverting some vessels to Bremerhaven and Zeebrugge, while retailers warned of delays to Christmas stock.",
    ]
    static let opera = [
        "Tickets for the Vienna Opera Ball sold out within eleven minutes of going on sale on Friday, organisers said, with boxes costing up to 24,500 euros.",
        "The ball, held on the last Thursday of the carnival season, draws about 5,000 guests in evening dress, including politicians, business leaders and celebrities.",
        "Director Bogdan Roscic said demand from American and Asian visitors had doubled compared with last year.",
    ]

    /// Every article's (copies group, story), by id; "-" for none.
    static func groups(in fixture: IndexFixture) throws -> [String: String] {
        var everything = SearchQuery(text: "")
        everything.limit = 2000
        everything.snippet = false
        let hits = try fixture.reader().search(everything).hits
        return Dictionary(uniqueKeysWithValues: hits.map { ($0.id, "\($0.cluster ?? "-") \($0.story ?? "-")") })
    }

    func write(_ fixture: IndexFixture, _ id: String, _ paragraphs: [String], day: Int, source: String) throws {
        try fixture.write(article: [
            "id": id, "title": "\(source) \(id)", "body": paragraphs.joined(separator: "\n\n"), "source": source,
            "date": "2026-11-\(day)T09:00:00Z",
        ])
    }

    /// Reprints of the Rotterdam story under `wire/1` (the earliest) and `reprints` more ids, and an
    /// unrelated opera story.
    func rotterdamAndOpera(reprints: Int, shards: Int = 1) throws -> IndexFixture {
        let fixture = try IndexFixture()
        try fixture.removeAllArticles()
        try write(fixture, "wire/1", Self.rotterdam, day: 26, source: "AP")
        for n in 0..<reprints { try write(fixture, "paper/\(n + 2)", Array(Self.rotterdam.prefix(4)), day: 27, source: "Courier\(n)") }
        try write(fixture, "paper/opera", Self.opera, day: 28, source: "Gazette")
        try fixture.index(rebuild: true, shards: shards)
        return fixture
    }

    /// The bug: `wire/1` rewritten with the opera story kept the name `wire/1` for its new group,
    /// which its old partner still held: both stories were one group (collapse hid the opera).
    @Test(arguments: [1, 3]) func anIdRewrittenWithAnotherStoryLeavesItsGroupAndMergesNothing(shards: Int) throws {
        let fixture = try rotterdamAndOpera(reprints: 1, shards: shards)
        #expect(try Self.groups(in: fixture) == ["wire/1": "wire/1 wire/1", "paper/2": "wire/1 wire/1", "paper/opera": "- -"])
        try write(fixture, "wire/1", Self.opera, day: 26, source: "AP")
        try fixture.index()
        let incremental = try Self.groups(in: fixture)
        // paper/2 has no copies left; wire/1 and the opera piece are copies, named as a rebuild names them.
        #expect(incremental == ["wire/1": "wire/1 wire/1", "paper/2": "- -", "paper/opera": "wire/1 wire/1"], "\(incremental)")
        try fixture.index(rebuild: true, shards: shards)
        #expect(try Self.groups(in: fixture) == incremental)

        // And back: the Rotterdam text again.
        try write(fixture, "wire/1", Self.rotterdam, day: 26, source: "AP")
        try fixture.index()
        let back = try Self.groups(in: fixture)
        #expect(back == ["wire/1": "wire/1 wire/1", "paper/2": "wire/1 wire/1", "paper/opera": "- -"], "\(back)")
        try fixture.index(rebuild: true, shards: shards)
        #expect(try Self.groups(in: fixture) == back)
    }

    /// A group that keeps two members keeps its name, and the new group takes another.
    @Test(arguments: [1, 3]) func aNameStillHeldIsNotGivenToANewGroup(shards: Int) throws {
        let fixture = try rotterdamAndOpera(reprints: 2, shards: shards)
        try write(fixture, "wire/1", Self.opera, day: 26, source: "AP")
        try fixture.index()
        let groups = try Self.groups(in: fixture)
        #expect(groups["paper/2"] == "wire/1 wire/1" && groups["paper/3"] == "wire/1 wire/1", "\(groups)")
        #expect(groups["wire/1"] == "paper/opera paper/opera" && groups["paper/opera"] == "paper/opera paper/opera", "\(groups)")
        #expect(Set(try fixture.ids("copies:wire/1")) == ["paper/2", "paper/3"])
        #expect(Set(try fixture.ids("story:paper/opera")) == ["wire/1", "paper/opera"])
    }

    /// An article whose partners are all deleted is in no group (README: an article without copies
    /// has no group); that was left as a group of one.
    @Test func theLastArticleOfAGroupLeavesIt() throws {
        let fixture = try rotterdamAndOpera(reprints: 1)
        try fixture.remove("wire/1.json")
        try fixture.index()
        let groups = try Self.groups(in: fixture)
        #expect(groups == ["paper/2": "- -", "paper/opera": "- -"], "\(groups)")
        #expect(try fixture.ids("copies:wire/1").isEmpty && fixture.ids("story:wire/1").isEmpty)
    }
}
