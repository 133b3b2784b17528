import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// Files that change under a running `trawl-index`: deleted, rewritten, or replaced by a FIFO
/// after the scan saw them. The run must finish (a FIFO must not hang it), report what it could
/// not read, and the next run must bring the index exactly up to the folder as it is then.
@Suite(.ownThreads, .serialized) struct IndexerChangingFilesTests {
    @Test(.timeLimit(.minutes(5))) func filesChangedDuringARebuildAreReportedThenCaughtUp() throws {
        let scratch = try Scratch()
        let folder = scratch.path + "/articles"
        let index = scratch.path + "/index"
        let corpus = ArticleCorpus(folder: folder)
        let count = 1500
        try corpus.write(0..<count, paragraphs: 4)
        let initial = try runIndexer(index: index, articles: folder)
        #expect(initial.status == 0, "\(initial.stderr)")

        // Files are read in path order, so the last ones are read well after the scan: change
        // them as soon as the rebuild has started writing (its new generation folder appears).
        let deleted = Array(count - 300..<count - 200)
        let fifos = Array(count - 200..<count - 100)
        let rewritten = Array(count - 100..<count)
        let program = try StartedProgram(Binaries.path("trawl-index"), ["--json", "--rebuild", "--index", index, folder])
        let deadline = Date().addingTimeInterval(60)
        while IndexInspection.debris(in: index).isEmpty, program.process.isRunning, Date() < deadline { usleep(1000) }
        let changedWhileRunning = program.process.isRunning
        for number in deleted { try FileManager.default.removeItem(atPath: folder + "/" + corpus.name(number)) }
        for number in fifos {
            try FileManager.default.removeItem(atPath: folder + "/" + corpus.name(number))
            #expect(mkfifo(folder + "/" + corpus.name(number), 0o644) == 0)
        }
        try corpus.write(rewritten[0]..<count, revision: 2, paragraphs: 4)
        while program.process.isRunning, Date() < deadline { usleep(10_000) }
        if program.process.isRunning { program.kill() }
        let during = program.finish()
        #expect(changedWhileRunning, "the rebuild ended before the files could be changed under it")
        #expect(during.status == 0 || during.status == 1, "the run must finish: \(during.stderr)")
        let summary = (try? JSONSerialization.jsonObject(with: Data(during.stdout.utf8))) as? [String: Any] ?? [:]
        let failures = (summary["failures"] as? [[String: String]] ?? [])
        #expect(!failures.isEmpty, "files deleted or replaced after the scan must be reported")
        for failure in failures {
            let number = Int((failure["path"] ?? "").dropFirst().prefix(6)) ?? -1
            let reason = failure["reason"] ?? ""
            if deleted.contains(number) {
                #expect(reason == "cannot read the file: No such file or directory", "\(failure)")
            } else if fifos.contains(number) {
                // Read either once the FIFO was there, or between the removal and the mkfifo.
                let expected = reason.contains("not a regular file") || reason.hasSuffix("No such file or directory")
                #expect(expected, "\(failure)")
            } else if rewritten.contains(number) {
                #expect(reason == "empty file", "read between the truncation and the write: \(failure)")
            } else {
                Issue.record("unexpected failure \(failure)")
            }
        }

        // The next run catches up with the folder as it is now: nothing missing, nothing stale.
        let next = try runIndexer(index: index, articles: folder)
        #expect(next.status == 0, "\(next.failures)")
        #expect(next.count("skipped") == fifos.count, "FIFOs are skipped by the scan")
        let expected = Set((0..<count).filter { !deleted.contains($0) && !fifos.contains($0) }.map(corpus.name))
        #expect(next.count("documents") == expected.count)
        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s")
        let served = try IndexInspection.servedIDs(socket: daemon.socketPath)
        let missing = expected.subtracting(served.ids), extra = Set(served.ids).subtracting(expected)
        #expect(
            served.ids.count == expected.count && missing.isEmpty && extra.isEmpty,
            "missing \(missing.prefix(5)), extra \(extra.prefix(5))")
        let connection = try Connection(socketPath: daemon.socketPath)
        for number in [rewritten.first!, rewritten.last!] {
            #expect(try connection.exactMatches(ArticleCorpus.marker(number, revision: 2)) == [corpus.name(number)])
            #expect(try connection.exactMatches(ArticleCorpus.marker(number)).isEmpty, "\(corpus.name(number)) is stale")
        }
    }
}
