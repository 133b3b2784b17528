import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// The live generation damaged on disk under a daemon that already has it open (DaemonFailureTests
/// covers a daemon started on a damaged index): queries get `internal` or `no_index` with a
/// message, the daemon keeps answering `ping` and `stats`, an incremental run
/// either works or fails naming the cure, and `trawl-index --rebuild` recovers without a restart.
@Suite(.ownThreads, .serialized) struct CorruptIndexTests {
    enum Damage: String, CaseIterable {
        case postlistOverwritten, postlistTruncated, termlistTruncated

        var table: String { self == .termlistTruncated ? "termlist.glass" : "postlist.glass" }
        /// Searches, counts and gets never read the termlist table (only updates do).
        var breaksQueries: Bool { self != .termlistTruncated }
    }

    @Test(.timeLimit(.minutes(3)), arguments: Damage.allCases)
    func damageUnderARunningDaemon(_ damage: Damage) throws {
        let scratch = try Scratch()
        let corpus = ArticleCorpus(folder: scratch.path + "/articles")
        try corpus.write(0..<400)
        let index = scratch.path + "/index"
        #expect(try runIndexer(index: index, articles: corpus.folder).status == 0)
        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s")
        let connection = try Connection(socketPath: daemon.socketPath)
        #expect(try connection.requestObject(["op": "count", "q": "council"]).total == 400)

        let table = index + "/gen-1/" + damage.table
        switch damage {
        case .postlistOverwritten:
            // In place (same inode, so the daemon's open handle reads it), zeroed as a failing disk
            // or a crashed file system leaves it. NOTE: not random bytes: Xapian 1.4's B-tree code
            // can read out of bounds on random garbage under an open handle and crash the process
            // (seen with one seed; a fresh open reports it cleanly: DaemonFailureTests).
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: table))
            let size = Int(try handle.seekToEnd())
            try handle.seek(toOffset: 0)
            try handle.write(contentsOf: Data(count: size))
            try handle.close()
        case .postlistTruncated, .termlistTruncated:
            #expect(truncate(table, 8192) == 0)
        }
        usleep(500_000)  // past the daemon's poll tick, so every worker has refreshed its handle

        // Every query is answered: a result (a block still cached) or an error with a message.
        var errors: [String] = []
        let requests: [[String: Any]] = [
            ["op": "search", "q": "council marker000123x"], ["op": "get", "article": corpus.name(5)],
            ["op": "count", "q": "budget"], ["op": "search", "q": "\"new housing\"", "limit": 50],
        ]
        for request in requests + requests {
            let answer = try connection.requestObject(request)
            if answer.isOK { continue }
            #expect(["internal", "no_index"].contains(answer.errorCode ?? ""), "\(answer)")
            #expect(answer.errorMessage?.isEmpty == false)
            errors.append(answer.errorMessage ?? "")
        }
        if damage.breaksQueries { #expect(!errors.isEmpty, "\(damage) went unnoticed") }
        if damage == .postlistOverwritten {
            #expect(errors.contains { $0.contains("trawl-index --rebuild") }, "the message names the cure: \(errors)")
        }
        print("\(damage): \(errors.count) of \(2 * requests.count) queries failed: \(Set(errors).sorted())")
        #expect(try connection.requestObject(["op": "ping"]).isOK)
        let stats = try connection.requestObject(["op": "stats"])
        #expect(stats.isOK, "\(stats)")
        #expect(daemon.process.isRunning)

        // An update writes into the damaged generation: it may fail, but must then name the cure.
        try ArticleCorpus(folder: corpus.folder).write(400..<401)
        let update = try runIndexer(index: index, articles: corpus.folder)
        if update.status != 0 {
            #expect(update.status == 2 && update.stderr.contains("trawl-index --rebuild"), "\(update.stderr)")
        }
        print("\(damage): incremental run: status \(update.status) \(update.stderr)")
        let rebuilt = try runIndexer(index: index, articles: corpus.folder, ["--rebuild"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let served = try IndexInspection.servedIDs(socket: daemon.socketPath, generation: rebuilt.count("generation"))
        #expect(served.generation == rebuilt.count("generation") && Set(served.ids).count == 401)
        #expect(try connection.requestObject(["op": "get", "article": corpus.name(5)]).isOK)
    }
}
