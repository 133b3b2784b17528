import Foundation
import Testing
@testable import TrawlCore
import TrawlTestSupport

/// Stories among many unrelated articles: the seeds mixed into `Outsiders.count` articles about
/// events of their own (dated around the seeds' day, so that all share its window) come out as one
/// story with no outsider; outsiders share a story only with the follow-up written about the same
/// event (`Outsiders`). The groups found and the similarities are printed for the record.
@Suite(.ownThreads) struct StoryQualityTests {
    @Test(.timeLimit(.minutes(10))) func theSeedsAmongAThousandOutsidersAreOneStory() throws {
        let fixture = try IndexFixture()
        let outsiders = Outsiders()
        try outsiders.write(into: fixture)
        try fixture.index(rebuild: true)
        let stories = try StoryGroupsTests.stories(in: fixture)
        #expect(stories.count == Seeds.names.count + outsiders.articles.count)

        let seedStory = Set(Seeds.names.map { stories[$0] ?? nil })
        #expect(seedStory == [StoryGroupsTests.earliestSeed])
        let members = stories.filter { $0.value == StoryGroupsTests.earliestSeed }.keys
        #expect(Set(members) == Set(Seeds.names), "outsiders in the seeds' story: \(members.filter { !Seeds.names.contains($0) })")

        // Outsiders grouped together: each group must be one event (an article and its follow-ups).
        var groups: [String: [String]] = [:]
        for (id, story) in stories where !Seeds.names.contains(id) { if let story { groups[story, default: []].append(id) } }
        let wrong = groups.values.filter { Set($0.map(outsiders.event(of:))).count > 1 }
        let expectedPairs = outsiders.followUps
        let found = groups.values.filter { $0.count > 1 }.count
        print("stories among \(outsiders.articles.count) outsiders: \(groups.count) groups (\(expectedPairs) events written twice), \(wrong.count) mixing events: \(wrong.prefix(5))")
        #expect(wrong.isEmpty)
        #expect(found >= expectedPairs * 9 / 10)

        // The margins: the lowest similarity inside the seeds' story and between an event's two
        // write-ups, the highest between articles of different events.
        // (Measured over all days, as an undated article's query runs.)
        var lowestSeeds = (1.0, ""), lowestFollowUp = (1.0, ""), highestOther = (0.0, "")
        for (pair, value) in try StoryMeasure(fixture: fixture).similarities(limit: 10) {
            let ids = pair.components(separatedBy: " ~ ")
            let seeds = ids.filter(Seeds.names.contains).count
            if seeds == 2 {
                if value < lowestSeeds.0 { lowestSeeds = (value, pair) }
            } else if seeds == 0, outsiders.event(of: ids[0]) == outsiders.event(of: ids[1]) {
                if value < lowestFollowUp.0 { lowestFollowUp = (value, pair) }
            } else if value > highestOther.0 {
                highestOther = (value, pair)
            }
        }
        print("story similarity, threshold \(StoryGrouper.threshold): lowest seed pair found \(lowestSeeds), lowest follow-up pair \(lowestFollowUp), highest pair of different events \(highestOther)")
    }
}

/// Unrelated articles: each about an event of its own (a few rare names and topic words, repeated
/// as news repeats its subject) in common English filler, from one of several outlets, dated over
/// the two weeks around 15 May 2025. Every 25th event also gets a follow-up from another outlet a
/// day later: the same names and topic, other sentences. Deterministic (SplitMix64).
struct Outsiders {
    static let count = 1000
    static let filler = """
        the of and to in a is that for it as was with be by on not he i this are or his from at which but have \
        an had they you were their one all we can her has there been if more when will would who so no said \
        people year government officials told reporters week after new also could over two first last day \
        say made since about some other than then them these time into only its out up what
        """.split(separator: " ").map(String.init)
    static let sources = ["Herald", "Gazette", "Courier", "Tribune", "Wire", "Post"]

    struct Article {
        let id: String
        let event: Int
        let fields: [String: String]
    }

    let articles: [Article]
    var followUps: Int { articles.count - Set(articles.map(\.event)).count }

    init() {
        var random = SplitMix64(seed: 2025)
        func pick<T>(_ list: [T]) -> T { list[Int(random.next() % UInt64(list.count))] }
        func word() -> String {
            let syllables = ["ka", "lo", "mer", "tis", "van", "dor", "qui", "bel", "rom", "sa", "nev", "tra", "pol", "zen", "gar"]
            return (0..<(2 + Int(random.next() % 3))).map { _ in pick(syllables) }.joined()
        }
        func sentence(_ topic: [String]) -> String {
            let words = (0..<(10 + Int(random.next() % 10))).map { n in n % 4 == 1 ? pick(topic) : pick(Self.filler) }
            return words.joined(separator: " ").capitalized(first: true) + "."
        }
        var articles: [Article] = []
        var event = 0
        while articles.count < Self.count {
            let topic = (0..<8).map { _ in word() }
            let day = 1 + event % 28
            let writeUps = event % 25 == 0 ? 2 : 1
            for n in 0..<min(writeUps, Self.count - articles.count) {
                let body = (0..<(6 + Int(random.next() % 6))).map { _ in sentence(topic) }.joined(separator: "\n\n")
                let id = "outsider-\(event)" + (n == 0 ? "" : "-followup")
                articles.append(Article(id: id, event: event, fields: [
                    "id": id, "title": sentence(topic), "body": body, "source": Self.sources[(event + n) % Self.sources.count],
                    "date": String(format: "2025-05-%02dT%02d:00:00Z", min(day + n, 28), event % 24),
                ]))
            }
            event += 1
        }
        self.articles = articles
    }

    func write(into fixture: IndexFixture) throws {
        for article in articles { try fixture.write(article: article.fields) }
    }

    func event(of id: String) -> Int { articles.first { $0.id == id }?.event ?? -1 }
}

extension String {
    fileprivate func capitalized(first: Bool) -> String { prefix(1).uppercased() + dropFirst() }
}
