import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// `trawl-index` on folders full of things that are not good articles: each bad file is reported
/// with its path and the reason, the run finishes (exit status 1), the good files are indexed and
/// searchable, and a re-run changes nothing.
@Suite(.ownThreads, .serialized) struct IndexerBadInputTests {
    /// Article files with awkward names: each is good and must be indexed under its own name.
    static let awkwardNames = ["with space.txt", "new\nline.txt", "ünïcødé – café.txt", "folder.txt/inner.txt"]

    /// path -> what the reason must say.
    static let expectedFailures = [
        "binary.txt": "binary file", "invalid.txt": "invalid UTF-8 at byte 7", "empty.txt": "empty file",
        "bad\nname.md": "empty file", "broken.json": "JSON", "loop-a.txt": "symbolic link loop",
        "loop-b.txt": "symbolic link loop", "sub/up": "already visited", "dangling.txt": "No such file or directory",
        #"caf\xE9.txt"#: "not valid UTF-8",
    ]

    /// Builds the folder: one plain good article, the awkward names, every bad kind, a FIFO and
    /// a file of another type (both skipped). Returns the folder and the good ids.
    static func makeBadFolder(_ scratch: Scratch) throws -> (folder: String, good: [String]) {
        let folder = scratch.path + "/articles"
        let corpus = ArticleCorpus(folder: folder)
        var good = try corpus.write(0..<1)
        for (offset, name) in awkwardNames.enumerated() {
            try scratch.writeBytes(Array(ArticleCorpus.text(100 + offset).utf8), to: "articles/" + name)
            good.append(name)
        }
        try scratch.writeBytes([0x54, 0x69, 0x74, 0x6C, 0x65, 0x0A, 0x00, 0x01], to: "articles/binary.txt")
        try scratch.writeBytes(Array("Title\n\n".utf8) + [0xC3, 0x28] + Array(" body\n".utf8), to: "articles/invalid.txt")
        try scratch.writeBytes([], to: "articles/empty.txt")
        try scratch.writeBytes([], to: "articles/bad\nname.md")
        try scratch.writeBytes(Array(#"{"title": "cut off"#.utf8), to: "articles/broken.json")
        try scratch.writeBytes(Array("a,b\n1,2\n".utf8), to: "articles/table.csv")
        let links = FileManager.default
        try links.createSymbolicLink(atPath: folder + "/loop-a.txt", withDestinationPath: "loop-b.txt")
        try links.createSymbolicLink(atPath: folder + "/loop-b.txt", withDestinationPath: "loop-a.txt")
        try links.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        try links.createSymbolicLink(atPath: folder + "/sub/up", withDestinationPath: "..")
        try links.createSymbolicLink(atPath: folder + "/dangling.txt", withDestinationPath: "nowhere.txt")
        #expect(mkfifo(folder + "/pipe.txt", 0o644) == 0)
        // A Latin-1 name, as an old system would write "café.txt": not UTF-8.
        let latin1 = Array((folder + "/caf").utf8) + [0xE9] + Array(".txt".utf8) + [0]
        let fd = latin1.withUnsafeBufferPointer {
            $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(fd >= 0 && write(fd, "Title\n\nBody\n", 13) == 13 && close(fd) == 0)
        return (folder, good)
    }

    @Test(.timeLimit(.minutes(2))) func badFilesAreReportedAndTheGoodOnesServed() throws {
        let scratch = try Scratch()
        let (folder, good) = try Self.makeBadFolder(scratch)
        let index = scratch.path + "/index"

        let first = try runIndexer(index: index, articles: folder, timeout: 60)
        #expect(first.status == 1, "\(first.stderr)")
        #expect(first.count("added") == good.count && first.count("documents") == good.count)
        #expect(first.count("skipped") == 2, "the FIFO and the .csv file are skipped, not read")
        #expect(Set(first.failures.keys) == Set(Self.expectedFailures.keys), "\(first.failures)")
        for (path, reason) in Self.expectedFailures {
            #expect(first.failures[path]?.contains(reason) == true, "\(path): \(first.failures[path] ?? "not reported")")
        }
        #expect(first.count("failed") == Self.expectedFailures.count)

        // People read stderr: one line per failure, a path with a newline in it escaped.
        let lines = first.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(lines.count == Self.expectedFailures.count, "\(first.stderr)")
        #expect(lines.allSatisfy { $0.hasPrefix("trawl-index: ") })
        #expect(first.stderr.contains(#"trawl-index: bad\nname.md: empty file"#))

        // A re-run reads only the files that failed, changes nothing, and says so in words.
        let again = try runProgram(Binaries.path("trawl-index"), ["--index", index, folder])
        #expect(again.status == 1)
        let expectedLine = "added 0, updated 0, unchanged \(good.count), deleted 0, skipped 2, failed \(Self.expectedFailures.count)"
        #expect(again.stdout.hasPrefix(expectedLine), "\(again.stdout)")

        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s")
        let connection = try Connection(socketPath: daemon.socketPath)
        #expect(try connection.requestObject(["op": "hello"])["documents"] as? Int == good.count)
        for (offset, id) in good.enumerated() {
            let number = offset == 0 ? 0 : 99 + offset
            let found = try connection.requestObject(["op": "search", "q": ArticleCorpus.marker(number), "snippet": false])
            let ids = (found["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(ids == [id], "searching the marker of \(id.debugDescription): \(found)")
            #expect(try connection.requestObject(["op": "get", "article": id]).isOK, "get \(id.debugDescription)")
        }

        // Once the bad files are gone, the run is clean.
        for path in Self.expectedFailures.keys where path != "sub/up" && !path.contains("\\x") {
            try FileManager.default.removeItem(atPath: folder + "/" + path)
        }
        try FileManager.default.removeItem(atPath: folder + "/sub")
        let latin1 = Array((folder + "/caf").utf8) + [0xE9] + Array(".txt".utf8) + [0]
        #expect(latin1.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { unlink($0.baseAddress!) } } == 0)
        let clean = try runIndexer(index: index, articles: folder)
        #expect(clean.status == 0 && clean.count("failed") == 0 && clean.count("unchanged") == good.count, "\(clean.summary)")
    }

    /// As root every file is readable, so the run is made as `nobody` (setpriv), which cannot read
    /// a mode-000 file or list a mode-000 folder. Unprivileged, the test runs as the user it is.
    @Test(.enabled(if: geteuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func unreadableFilesAndFoldersAreReported() throws {
        let scratch = try Scratch()
        let folder = scratch.path + "/articles"
        try ArticleCorpus(folder: folder).write(0..<2)
        try ArticleCorpus(folder: folder + "/locked").write(2..<3)
        #expect(chmod(folder + "/a000001.txt", 0) == 0 && chmod(folder + "/locked", 0) == 0)
        let index = scratch.path + "/index"
        try FileManager.default.createDirectory(atPath: index, withIntermediateDirectories: true)

        var command = [Binaries.path("trawl-index"), "--json", "--index", index, folder]
        if geteuid() == 0 {
            let nobody = try #require(getpwnam("nobody")).pointee
            #expect(chmod(scratch.path, 0o755) == 0 && chown(index, nobody.pw_uid, nobody.pw_gid) == 0)
            command = ["/usr/bin/setpriv", "--reuid=\(nobody.pw_uid)", "--regid=\(nobody.pw_gid)", "--clear-groups"] + command
        }
        let run = try runProgramUntil(command[0], Array(command.dropFirst()), timeout: 60)
        #expect(run.status == 1, "\(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let failures = (summary["failures"] as? [[String: String]] ?? []).map { "\($0["path"] ?? ""): \($0["reason"] ?? "")" }
        #expect(failures.sorted() == [
            "a000001.txt: cannot read the file: Permission denied", "locked: cannot read folder: Permission denied",
        ])
        #expect(summary["added"] as? Int == 1 && summary["documents"] as? Int == 1)
        #expect(run.stderr.contains("trawl-index: a000001.txt: cannot read the file: Permission denied"))
    }
}
