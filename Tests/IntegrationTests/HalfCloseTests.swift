import Foundation
import Testing
import TrawlTestSupport

/// `echo '{"op":"ping"}' | socat - UNIX-CONNECT:…`, as the README shows: the client sends its
/// requests and shuts its write side at once, so they can reach trawld together with the end of
/// the stream, before the connection is even set up. Every one must still be answered.
@Suite(.ownThreads) struct HalfCloseTests {
    @Test func requestsThatArriveWithTheEndOfTheStreamAreAnswered() throws {
        let scratch = try Scratch()
        let index = try TestIndexes.indexSeeds(in: scratch)
        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s")
        for attempt in 0..<100 {
            let socket = try RawSocket(daemon.socketPath)
            try socket.send("{\"id\":\(attempt),\"op\":\"ping\"}\n{\"op\":\"count\",\"q\":\"\\\"return hubs\\\"\"}")
            socket.finishSending()
            let ping = try #require(try socket.readAnswer(), "attempt \(attempt): no answer at all")
            #expect(ping["ok"] as? Bool == true && ping["id"] as? Int == attempt)
            // The last request has no newline: the end of the stream ends it.
            let count = try #require(try socket.readAnswer(), "attempt \(attempt): the second request got no answer")
            #expect((count["total"] as? [String: Any])?["estimate"] as? Int == 5)
            #expect(try socket.readLine() == nil, "after the answers, the end of the stream")
        }
    }
}
