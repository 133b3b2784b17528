import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// Stories through the real trawl-index, trawld and trawl: the five seeds are one story (return
/// hubs, 15 May 2025, five outlets) named after 003, the only dated one.
@Suite(.ownThreads, .serialized) struct StoriesTests {
    static let story = "003_d31b54c3e87b35a3.txt"
    let scratch: Scratch
    let daemon: DaemonProcess

    init() throws {
        scratch = try Scratch()
        daemon = try DaemonProcess(index: try TestIndexes.indexSeeds(in: scratch), socket: scratch.path + "/s")
    }

    func hits(_ fields: [String: Any]) throws -> [[String: Any]] { try daemon.searchHits(fields) }

    @Test func collapseStoryFoldsTheSeedsAndStoryQueryListsThem() throws {
        let folded = try hits(["q": "hubs", "collapse": "story"])
        #expect(folded.count == 1)
        #expect(folded.first?["story"] as? String == Self.story && folded.first?["copies"] as? Int == 4, "\(folded)")
        let all = try hits(["q": "hubs"])
        #expect(all.count == 5 && all.allSatisfy { $0["story"] as? String == Self.story })
        #expect(try hits(["q": "story:\(Self.story)"]).count == 5)
    }

    @Test func cliShowsTheStory() throws {
        let folded = try runTrawl(["--collapse", "story", "--color", "never", "hubs"], socket: daemon.socketPath)
        #expect(folded.status == 0 && folded.stdout.contains("   +4 more in this story\n"), "\(folded.stdout)\(folded.stderr)")
        // The footer counts stories, not articles, when they are folded.
        #expect(folded.stdout.split(separator: "\n").last?.contains(/of \d+ stor(y|ies) ·/) == true, "\(folded.stdout)")
        let listing = try runTrawl(["story", Self.story], socket: daemon.socketPath)
        let lines = listing.stdout.split(separator: "\n")
        #expect(listing.status == 0 && lines.count == 5, "\(listing.stdout)\(listing.stderr)")
        #expect(lines.first?.hasPrefix("2025-05-15  ") == true && lines.first?.hasSuffix(Self.story) == true, "\(listing.stdout)")
        // No story: exit 1, saying why (it said nothing).
        let unknown = try runTrawl(["story", "no-such-story"], socket: daemon.socketPath)
        #expect(unknown.status == 1 && unknown.stdout.isEmpty && unknown.stderr.contains("no article has the id"), "\(unknown.stderr)")
        let member = try #require(try hits(["q": "story:\(Self.story)"]).compactMap { $0["id"] as? String }.first { $0 != Self.story })
        let notFirst = try runTrawl(["story", member], socket: daemon.socketPath)
        #expect(notFirst.status == 1 && notFirst.stderr.contains("is an article, but no story has that id"), "\(notFirst.stderr)")
    }
}

extension DaemonProcess {
    /// The hits of one `search` with these fields (the answer must be ok).
    func searchHits(_ fields: [String: Any]) throws -> [[String: Any]] {
        let answer = try Connection(socketPath: socketPath).requestObject(fields.merging(["op": "search"]) { old, _ in old })
        #expect(answer.isOK, "\(fields): \(answer)")
        return answer["hits"] as? [[String: Any]] ?? []
    }
}
