import Foundation
import Testing
import TrawlClient
import TrawlCore
import TrawlTestSupport

/// The nightly job runs unattended: a wrong, empty or narrower root must not cost the archive,
/// a run that cannot start leaves nothing behind, and `--json` answers every outcome.
@Suite(.ownThreads, .serialized) struct IndexerSafetyTests {
    /// The acceptance case: wrong, empty and subfolder roots against a built index, with trawld serving it.
    @Test(.timeLimit(.minutes(3))) func wrongEmptyAndSubfolderRootsChangeNothing() throws {
        let scratch = try Scratch()
        let arts = scratch.path + "/arts"
        try ArticleCorpus(folder: arts + "/world", prefix: "w").write(0..<7)
        try ArticleCorpus(folder: arts + "/uk", prefix: "u").write(7..<16)
        let index = scratch.path + "/index"
        #expect(try runIndexer(index: index, articles: arts).status == 0)
        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s")
        let connection = try Connection(socketPath: daemon.socketPath)
        func served() throws -> String {
            let hello = try connection.requestObject(["op": "hello"])
            let count = try connection.requestObject(["op": "count", "q": ""]).total ?? -1
            let found = try connection.exactMatches(ArticleCorpus.marker(3))
            return "generation \(hello["generation"] ?? "?"), \(hello["documents"] ?? "?") documents, count \(count), marker 3 in \(found)"
        }
        let before = try served()
        #expect(before == "generation 1, 16 documents, count 16, marker 3 in [\"world/w000003.txt\"]")

        let empty = scratch.path + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        try ArticleCorpus(folder: scratch.path + "/other").write(0..<3)
        for root in [scratch.path + "/other", empty, arts + "/world"] {
            let run = try runIndexer(index: index, articles: root)
            #expect(run.status == 2, "\(root): \(run.stderr)")
            #expect(run.error?.code == "root_changed", "\(root): \(run.summary)")
            let message = run.error?.message ?? ""
            #expect(message.contains(arts) && message.contains(root) && message.contains("--allow-root-change"), "\(message)")
            #expect(run.stderr.contains("the index was built from \(arts), not from \(root)"))
            #expect(try served() == before, "after \(root)")
        }

        // The right root, unmounted (an empty folder where it was): the deletion limit.
        #expect(rename(arts, arts + ".away") == 0)
        try FileManager.default.createDirectory(atPath: arts, withIntermediateDirectories: true)
        let unmounted = try runIndexer(index: index, articles: arts)
        #expect(unmounted.status == 2 && unmounted.error?.code == "mass_delete", "\(unmounted.summary)")
        #expect(unmounted.stderr.contains("would delete 16 of the 16 articles") && unmounted.stderr.contains("--allow-mass-delete"))
        #expect(try served() == before)

        // Back in place: the next run finds nothing to do, and the daemon served all along.
        try FileManager.default.removeItem(atPath: arts)
        #expect(rename(arts + ".away", arts) == 0)
        let again = try runIndexer(index: index, articles: arts)
        #expect(again.status == 0 && again.count("unchanged") == 16 && again.count("deleted") == 0)
        #expect(try served() == before)
        #expect(daemon.process.isRunning)
    }

    /// A bad root, a bad config (stemmer, synonyms file) or a rollback of nothing: exit 2, one JSON error, and no index
    /// folder or lock file where there was none.
    @Test func runsThatCannotStartLeaveNothingBehind() throws {
        let scratch = try Scratch()
        let index = scratch.path + "/index"
        let badRoot = try runIndexer(index: index, articles: scratch.path + "/nope")
        #expect(badRoot.status == 2 && badRoot.error?.code == "bad_root", "\(badRoot.summary)")

        let badConfig = try scratch.write("search:\n  stemming: klingon\n", to: "bad.yaml")
        let articles = try scratch.seedArticles()
        let configured = try runIndexer(index: index, articles: articles, ["--config", badConfig])
        #expect(configured.status == 2 && configured.error?.code == "bad_config", "\(configured.summary)")
        let message = configured.error?.message ?? ""
        #expect(message.contains("search.stemming") && message.contains("klingon") && message.contains("english"), "\(message)")

        let noSynonyms = try scratch.write("indexing:\n  synonyms_file: missing.txt\n", to: "synonyms.yaml")
        let synonyms = try runIndexer(index: index, articles: articles, ["--config", noSynonyms])
        #expect(synonyms.status == 2 && synonyms.error?.message.contains("cannot read the synonyms file") == true, "\(synonyms.summary)")

        // The index's own folder is made, never a chain of parents (a typo must not grow a tree).
        let deep = try runIndexer(index: index + "/typo/index", articles: articles)
        #expect(deep.status == 2 && deep.error?.message.contains("\(index)/typo does not exist either") == true, "\(deep.summary)")

        let rollback = try runProgram(Binaries.path("trawl-index"), ["--json", "--rollback", "--index", index])
        #expect(rollback.status == 2 && rollback.stdout.contains(#""code":"no_index""#), "\(rollback.stdout)")

        #expect(!FileManager.default.fileExists(atPath: index), "nothing may be created by a run that did nothing")
    }

    /// A file where the index folder should be: named as such (not a lock held, which a script may retry).
    @Test func aFileAtTheIndexPathIsNamed() throws {
        let scratch = try Scratch()
        let articles = try scratch.seedArticles()
        let file = try scratch.write("not an index\n", to: "index")
        let run = try runIndexer(index: file, articles: articles)
        #expect(run.status == 2 && run.error?.code == "filesystem", "\(run.summary)")
        #expect(run.error?.message.contains("\(file) exists but is not a folder") == true, "\(run.summary)")
    }

    /// A folder that is not an index is refused before anything is written: a run wrote `current`
    /// over a file of that name and removed a `gen-1` folder it took for its own debris, and built
    /// an index inside the articles or inside a Xapian database. An empty folder, one with only
    /// hidden files (`.gitkeep`) and an existing index are used as before.
    @Test func aFolderThatIsNotAnIndexIsRefusedUntouched() throws {
        let scratch = try Scratch()
        let articles = try scratch.seedArticles()
        let notes = scratch.path + "/notes"
        try FileManager.default.createDirectory(atPath: notes + "/gen-1", withIntermediateDirectories: true)
        try "my notes\n".write(toFile: notes + "/current", atomically: false, encoding: .utf8)
        try "precious\n".write(toFile: notes + "/gen-1/thesis.txt", atomically: false, encoding: .utf8)
        let overNotes = try runIndexer(index: notes, articles: articles, ["--rebuild"])
        #expect(overNotes.status == 2 && overNotes.error?.code == "bad_index_folder", "\(overNotes.summary)")
        #expect(overNotes.error?.message.contains("is not the stub of a Trawl index") == true, "\(overNotes.summary)")
        #expect(try String(contentsOfFile: notes + "/current", encoding: .utf8) == "my notes\n")
        #expect(try String(contentsOfFile: notes + "/gen-1/thesis.txt", encoding: .utf8) == "precious\n")

        let intoArticles = try runIndexer(index: articles, articles: articles)
        #expect(intoArticles.status == 2 && intoArticles.error?.code == "bad_index_folder", "\(intoArticles.summary)")
        #expect(!FileManager.default.fileExists(atPath: articles + "/current") && !FileManager.default.fileExists(atPath: articles + "/.lock"))

        let index = scratch.path + "/index"
        try FileManager.default.createDirectory(atPath: index, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: index + "/.gitkeep", contents: nil)
        #expect(try runIndexer(index: index, articles: articles).status == 0)
        #expect(try runIndexer(index: index, articles: articles).status == 0, "an existing index")
        let database = try runIndexer(index: index + "/gen-1", articles: articles)
        #expect(database.status == 2 && database.error?.code == "bad_index_folder", "\(database.summary)")
    }

    @Test func aHeldLockIsAJSONErrorToo() throws {
        let scratch = try Scratch()
        let articles = try scratch.seedArticles()
        let index = try TestIndexes.build(articles: articles, index: scratch.path + "/index")
        let held = try WriterLock(path: index + "/.lock", purpose: "test")
        let run = try runIndexer(index: index, articles: articles)
        withExtendedLifetime(held) {}
        #expect(run.status == 2 && run.error?.code == "locked", "\(run.summary)")
        #expect(run.error?.message.contains("another trawl-index is writing this index (pid \(getpid()), test") == true, "\(run.summary)")
    }

    /// Bad flags are a run that cannot start too: one JSON error (`usage`), exit 2, nothing created.
    @Test func badFlagsAreAJSONErrorToo() throws {
        let scratch = try Scratch()
        let index = scratch.path + "/index"
        for flags in [["--rollback", scratch.path], ["--rollback", "--rebuild"], ["--no-such-flag"], ["--writers", "many"]] {
            let run = try runProgram(Binaries.path("trawl-index"), ["--json", "--index", index] + flags)
            #expect(run.status == 2, "\(flags): \(run.stderr)")
            let object = (try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) as? [String: Any] ?? [:]
            #expect(object["ok"] as? Bool == false && object.errorCode == "usage", "\(flags): \(run.stdout)")
            #expect(run.stdout.split(separator: "\n").count == 1, "\(flags): \(run.stdout)")
        }
        #expect(try runProgram(Binaries.path("trawl-index"), ["--json", "--help"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: index))
    }

    /// `/` stays `/` (not `\/`) in the summary, and `ok` tells a finished run from a refused one.
    @Test func jsonOutputKeepsSlashes() throws {
        let scratch = try Scratch()
        let articles = try scratch.seedArticles()
        try FileManager.default.createDirectory(atPath: articles + "/sub", withIntermediateDirectories: true)
        try "".write(toFile: articles + "/sub/empty.txt", atomically: false, encoding: .utf8)
        let run = try runProgram(Binaries.path("trawl-index"), ["--json", "--index", scratch.path + "/index", articles])
        #expect(run.status == 1)
        #expect(run.stdout.contains(#""path":"sub/empty.txt""#) && !run.stdout.contains(#"\/"#), "\(run.stdout)")
        #expect(run.stdout.contains(#""ok":true"#))
        #expect(run.stdout.split(separator: "\n").count == 1)
    }
}

extension IndexerRun {
    /// `error` of a `--json` answer for a run that did nothing.
    var error: (code: String, message: String)? {
        guard let error = summary["error"] as? [String: Any], summary["ok"] as? Bool == false else { return nil }
        return (error["code"] as? String ?? "", error["message"] as? String ?? "")
    }
}
