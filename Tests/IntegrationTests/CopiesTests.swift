import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// Copies groups through the real trawl-index, trawld and trawl: `TestIndexes.news` holds one
/// story twice (uk/hubs-1, then uk/hubs-2 a day later), grouped under the earlier one.
@Suite(.ownThreads, .serialized) struct CopiesTests {
    let scratch: Scratch
    let daemon: DaemonProcess

    init() throws {
        scratch = try Scratch()
        daemon = try DaemonProcess(index: try TestIndexes.indexNews(in: scratch), socket: scratch.path + "/s")
    }

    func hits(_ fields: [String: Any]) throws -> [[String: Any]] { try daemon.searchHits(fields) }

    @Test func collapseCopiesFoldsTheCopyAndNamesTheGroup() throws {
        let folded = try hits(["q": "hubs", "collapse": "copies"])
        #expect(folded.count == 2)
        let story = try #require(folded.first { $0["copies"] != nil })
        #expect(story["copies"] as? Int == 1 && story["duplicates"] as? Int == 1)
        #expect(story["cluster"] as? String == "uk/hubs-1")
        #expect(try hits(["q": "hubs", "collapse": true]).count == 2)
        // Without collapse every article is a hit; those with copies name their group.
        let all = try hits(["q": "hubs"])
        #expect(all.count == 3 && all.allSatisfy { $0["copies"] == nil })
        #expect(all.compactMap { $0["cluster"] as? String } == ["uk/hubs-1", "uk/hubs-1"])
    }

    @Test func copiesQueryListsTheGroup() throws {
        let members = try hits(["q": "copies:uk/hubs-1", "sort": "oldest"]).compactMap { $0["id"] as? String }
        #expect(members == ["uk/hubs-1", "uk/hubs-2"])
        #expect(try hits(["q": "copies:world/storm"]).isEmpty)  // no copies, no group
    }

    @Test func cliCollapseShowsTheCopies() throws {
        for flags in [["--collapse", "copies"], ["--collapse"]] {
            let result = try runTrawl(flags + ["--color", "never", "hubs"], socket: daemon.socketPath)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("   +1 copy\n"), "\(flags): \(result.stdout)")
            #expect(result.stdout.contains("2 articles"), "\(result.stdout)")
        }
        let plain = try runTrawl(["--color", "never", "hubs"], socket: daemon.socketPath)
        #expect(!plain.stdout.contains("copy"))
        // A word after a bare --collapse that names no grouping is a query word.
        let word = try runTrawl(["--collapse", "storm", "--count"], socket: daemon.socketPath)
        #expect(word.stdout == "2\n", "\(word.stderr)")
        let json = try runTrawl(["--json", "--collapse", "copies", "hubs"], socket: daemon.socketPath)
        for member in [#""cluster":"uk/hubs-1","copies":1,"#, #""duplicates":1,"#] {
            #expect(json.stdout.contains(member), "\(json.stdout)")
        }
    }
}
