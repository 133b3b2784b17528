import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// `trawl-index` on volumes that are legal but unusual: one huge file, one folder of very many
/// files. The default run uses small versions; `TRAWL_SOAK=1` the full ones (a 50 MB file,
/// 100,000 files). Times are printed for the record.
@Suite(.ownThreads, .serialized) struct IndexerVolumeTests {
    static let soak = ProcessInfo.processInfo.environment["TRAWL_SOAK"] == "1"

    @Test(.timeLimit(.minutes(10))) func aHugeFileIsIndexedAndSearchable() throws {
        let megabytes = Self.soak ? 50 : 5
        let scratch = try Scratch()
        let folder = scratch.path + "/articles"
        try ArticleCorpus(folder: folder).write(0..<3)
        // Lines of prose up to the size, then a word that only the end of the file holds.
        let paragraph = ArticleCorpus.commonWords + " Officials declined to comment further on the matter.\n"
        var text = "A very long report\n\n"
        text.reserveCapacity(megabytes << 20 + 100)
        while text.utf8.count < megabytes << 20 { text += paragraph }
        text += "The last line holds tailword\(megabytes)mb.\n"
        try text.write(toFile: folder + "/huge.txt", atomically: false, encoding: .utf8)

        let started = Date()
        let peak = PeakMemory()
        let program = try StartedProgram(Binaries.path("trawl-index"), ["--json", "--index", scratch.path + "/index", folder])
        while program.process.isRunning {
            peak.sample(pid: program.pid)
            usleep(50_000)
        }
        let run = program.finish()
        let seconds = Date().timeIntervalSince(started)
        print(String(format: "trawl-index, one %d MB file and 3 small ones: %.1f s, peak RSS %d MB", megabytes, seconds, peak.megabytes))
        #expect(run.status == 0, "\(run.stderr)")
        // Generous: the file's text is held a few times over (bytes, string, terms); far more means a leak.
        #expect(peak.megabytes < 300 + 25 * megabytes, "peak RSS \(peak.megabytes) MB for a \(megabytes) MB file")

        let daemon = try DaemonProcess(index: scratch.path + "/index", socket: scratch.path + "/s")
        let found = try daemon.roundTrip(#"{"op":"search","q":"tailword\#(megabytes)mb","snippet":false}"#)
        #expect((found["hits"] as? [[String: Any]])?.first?["id"] as? String == "huge.txt", "\(found)")
        #expect(try daemon.roundTrip(#"{"op":"hello"}"#)["documents"] as? Int == 4)
    }

    @Test(.timeLimit(.minutes(15))) func aFolderOfVeryManyFiles() throws {
        let count = Self.soak ? 100_000 : 10_000
        let scratch = try Scratch()
        defer { scratch.removeQuickly("articles") }
        let folder = scratch.path + "/articles"
        try ArticleCorpus(folder: folder).write(0..<count, paragraphs: 1)
        let index = scratch.path + "/index"

        var started = Date()
        let first = try runIndexer(index: index, articles: folder, timeout: 900)
        let firstSeconds = Date().timeIntervalSince(started)
        started = Date()
        let again = try runIndexer(index: index, articles: folder, timeout: 300)
        let againSeconds = Date().timeIntervalSince(started)
        print(String(
            format: "trawl-index, %d files in one folder: first run %.1f s (%.0f files/s), unchanged re-run %.2f s",
            count, firstSeconds, Double(count) / firstSeconds, againSeconds))

        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.count("added") == count && first.count("documents") == count)
        #expect(again.status == 0 && again.count("unchanged") == count && again.count("added") == 0)
        // The unchanged run reads no file contents, only the folder and stat data.
        #expect(againSeconds < max(5, firstSeconds / 4), "an unchanged re-run took \(againSeconds) s")

        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s")
        for number in [0, count / 2, count - 1] {
            let found = try daemon.roundTrip(#"{"op":"search","q":"\#(ArticleCorpus.marker(number))","snippet":false}"#)
            #expect((found["hits"] as? [[String: Any]])?.first?["id"] as? String == ArticleCorpus(folder: folder).name(number))
        }
    }
}

/// The highest resident memory seen of a process, sampled from /proc (VmHWM is its own peak).
final class PeakMemory {
    private(set) var kilobytes = 0
    var megabytes: Int { kilobytes / 1024 }

    func sample(pid: pid_t) {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let value = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
            kilobytes = max(kilobytes, value)
        }
    }
}
