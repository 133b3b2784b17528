import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// Light requests run on the event loop that read them, heavy ones on the worker pool
/// (`IndexRouter`), against the real trawld with one loop and one worker: a slow query does not
/// hold a plain search on another connection of its loop, and a connection's answers keep
/// request order across both.
@Suite(.ownThreads, .serialized) struct InlineServingTests {
    let scratch: Scratch
    let daemon: DaemonProcess

    init() throws {
        scratch = try Scratch()
        daemon = try DaemonProcess(
            index: try GeneratedCorpus.index(), socket: scratch.path + "/s", extraArguments: ["--workers", "1"])
    }

    /// `GeneratedCorpus.expensiveSearch` without facets and with a short page: still slow, as its
    /// wildcards expand to thousands of terms before Xapian's time limit applies, so it goes to
    /// the pool.
    static func slowSearch(id: String) -> String {
        #"{"id":\#(id),"op":"search","q":"k* OR r* OR m* OR b* OR d* OR f* OR g*","limit":10}"#
    }

    @Test func aSlowQueryDoesNotHoldAPlainSearchOnAnotherConnection() throws {
        let slow = try RawSocket(daemon.socketPath, timeout: 60)
        let plain = try RawSocket(daemon.socketPath, timeout: 60)
        #expect(try plain.roundTrip(#"{"op":"ping"}"#).isOK)  // both connections are being served
        let burst = 4
        let started = Date()
        try slow.send((0..<burst).map { Self.slowSearch(id: "\($0)") }.joined(separator: "\n") + "\n")
        let answer = try plain.roundTrip(#"{"id":"plain","op":"search","q":"kamita OR kabo"}"#)
        let plainWaited = Date().timeIntervalSince(started)
        #expect(answer.isOK && answer["id"] as? String == "plain", "\(answer)")
        for number in 0..<burst {
            let slowAnswer = try slow.readAnswer() ?? [:]
            #expect(slowAnswer.isOK && slowAnswer["id"] as? Int == number, "\(slowAnswer)")
        }
        let slowTook = Date().timeIntervalSince(started)
        print("head of line: the plain search waited \(Int(plainWaited * 1000)) ms; the slow burst took \(Int(slowTook * 1000)) ms")
        // With every search inline, the plain one would wait for the whole burst: here it runs on
        // the loop while the pool works through the burst.
        #expect(plainWaited < slowTook / 2, "the plain search waited \(plainWaited) s of the burst's \(slowTook) s")
    }

    @Test func pipelinedInlineAndPoolRequestsAreAnsweredInOrder() throws {
        let client = try RawSocket(daemon.socketPath, timeout: 60)
        let kinds = [
            #""op":"search","q":"kamita OR kabo""#,  // inline
            #""op":"count","q":"kamita""#,  // pool
            #""op":"search","q":"k* OR r* OR m* OR b* OR d* OR f* OR g*","limit":10"#,  // pool (wildcards)
            #""op":"ping""#,
            #""op":"search","q":"kamita","facets":["source"]"#,  // pool
            #""op":"search","q":"kamita OR kabo","limit":200"#,  // pool
            #""op":"hello""#,  // inline
            #""op":"stats""#,  // inline
        ]
        let count = 3 * kinds.count
        try client.send((0..<count).map { #"{"id":\#($0),\#(kinds[$0 % kinds.count])}"# }.joined(separator: "\n") + "\n")
        var answered: [Int] = []
        for _ in 0..<count {
            let answer = try client.readAnswer() ?? [:]
            #expect(answer.isOK, "\(answer)")
            answered.append(answer["id"] as? Int ?? -1)
        }
        #expect(answered == Array(0..<count))
    }
}
