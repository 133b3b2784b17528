import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// `put`s on an index that runs out of room, made with a file size limit on trawld (a full disk
/// without the privileges to make one). With `ingest.min_free_mb`, puts are refused before their
/// commit while trawld keeps serving. Without it the commit itself fails: Xapian can fail such a
/// write inside a destructor, which ends the process in std::terminate (`EscapedEngineError`),
/// and before the handler trawld died of SIGABRT; now it logs why and what to do and exits 1, or
/// answers the put with the error. Either way every put answered `ok` is in the index after a restart.
@Suite(.ownThreads, .serialized) struct PutDiskFullTests {
    @Test(.enabled(if: FileSizeLimit.isAvailable), .timeLimit(.minutes(5)))
    func putsPastTheRoomOfTheIndexAreRefusedWhileTrawldServes() throws {
        let setUp = try PushedIndex(articles: 3, environment: ["TRAWL_INGEST_MIN_FREE_MB": "1"])
        _ = setUp.daemon.stop()
        let limited = try DaemonProcess(
            index: setUp.index, socket: setUp.scratch.path + "/l", extraArguments: ["--config", setUp.config],
            environment: setUp.environment, fileSizeLimit: try IndexInspection.largestFile(in: setUp.index) + 3 << 20)
        var committed: [String] = []
        var refusal: [String: Any]?
        for number in 0..<2000 where refusal == nil {
            let answer = try Connection(socketPath: limited.socketPath).put(Self.article("room/\(number)", number: number), wait: true)
            if answer.isOK { committed.append("room/\(number)") } else { refusal = answer }
        }
        let message = (refusal?["error"] as? [String: Any])?["message"] as? String ?? ""
        #expect(message.contains("ingest.min_free_mb") && message.contains("nothing was written"), "\(String(describing: refusal))")
        #expect(committed.count > 10, "\(committed.count) puts before the refusal")
        #expect(!FileManager.default.fileExists(atPath: setUp.ingestFolder + "/room%2F\(committed.count).json"))
        #expect(limited.ended == nil, "\(limited.log)")
        let connection = try Connection(socketPath: limited.socketPath)
        #expect(try connection.exactMatches("fullmarker\(committed.count - 1)") == [committed.last ?? ""])
        _ = limited.stop()

        try setUp.restart()
        #expect(try setUp.connect().put(Self.article("room/after", number: 9999), wait: true).isOK)
        for (number, id) in committed.enumerated() {
            #expect(try setUp.connect().exactMatches("fullmarker\(number)") == [id])
        }
    }

    @Test(.enabled(if: FileSizeLimit.isAvailable), .timeLimit(.minutes(5)))
    func commitsPastAFileSizeLimitNeverAbortTrawld() throws {
        let setUp = try PushedIndex(articles: 3, environment: ["TRAWL_INGEST_MIN_FREE_MB": "0"])
        _ = setUp.daemon.stop()
        var committed: [String] = []
        var number = 0
        // Limits a little past the largest index file, each in a different place of its next commits.
        for room in stride(from: 48, through: 480, by: 48) {
            let limited = try DaemonProcess(
                index: setUp.index, socket: setUp.scratch.path + "/l\(room)", extraArguments: ["--config", setUp.config],
                environment: setUp.environment, fileSizeLimit: try IndexInspection.largestFile(in: setUp.index) + room * 1024)
            var refused = 0
            var unanswered = false
            while limited.ended == nil, refused < 3, number < 2000 {
                let id = "full/\(number)"
                let article = Self.article(id, number: number)
                number += 1
                // No answer: trawld is ending (how, is checked below; its handler may wait a moment first).
                guard let answer = try? Connection(socketPath: limited.socketPath).put(article, wait: true) else {
                    unanswered = true
                    break
                }
                if answer.isOK { committed.append(id) } else { refused += 1 }
            }
            let at = "\(room) KB past the largest file"
            if let ended = limited.ended ?? (unanswered ? Self.endedWithin(limited, seconds: 10) : nil) {
                #expect(!ended.bySignal && ended.status == 1, "\(at): trawld ended with \(ended): \(limited.log)")
                #expect(limited.log.contains("free space on the index's file system"), "\(at): \(limited.log)")
            } else {
                #expect(refused == 3, "\(at): the limit was never reached")
                #expect(try limited.roundTrip(#"{"op":"ping"}"#).isOK, "\(at): trawld stopped answering: \(limited.log)")
                _ = limited.stop()
            }
        }

        try setUp.restart()
        let connection = try setUp.connect()
        for id in committed {
            let number = id.split(separator: "/").last.map(String.init) ?? ""
            #expect(try connection.exactMatches("fullmarker\(number)") == [id], "\(id) was answered ok but is not found")
        }
    }

    /// trawld's end, if it comes within `seconds`.
    private static func endedWithin(_ daemon: DaemonProcess, seconds: TimeInterval) -> (status: Int32, bySignal: Bool)? {
        let deadline = Date().addingTimeInterval(seconds)
        while daemon.ended == nil, Date() < deadline { usleep(20_000) }
        return daemon.ended
    }

    /// An article of about 600 words of its own, so that each commit grows the index.
    static func article(_ id: String, number: Int) -> [String: Any] {
        let words = (0..<600).map { "w\(number)x\($0 * 7919 % 10007)" }.joined(separator: " ")
        return [
            "id": id, "title": "Full disk \(number)", "body": "It mentions fullmarker\(number). \(words)",
            "date": "2026-11-30T08:15:00Z", "source": "wire",
        ]
    }
}
