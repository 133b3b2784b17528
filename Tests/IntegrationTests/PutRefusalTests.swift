import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// What `put` and `delete` refuse: a peer without write access gets `forbidden` (and keeps
/// reading), a malformed article `bad_request` naming its field, a delete of an article that
/// comes from a file is refused naming the file (which stays, as does its article), an unknown
/// id is `deleted: false`; trawld with write access but no usable articles root does not start.
@Suite(.ownThreads, .serialized) struct PutRefusalTests {
    @Test(.timeLimit(.minutes(2))) func aPeerWithoutWriteAccessIsForbiddenAndKeepsReading() throws {
        // Write access for another user only (the tests run as root: uid 0 is not listed).
        let setUp = try PushedIndex(articles: 2, environment: ["TRAWL_SOCKET_WRITE_UIDS": "4242", "TRAWL_SOCKET_WRITE_GIDS": "4242"])
        let connection = try setUp.connect()
        let put = try connection.put(PushedIndex.article("x/1", marker: "pushedmarkerforbidden"))
        #expect(put.errorCode == "forbidden" && put.errorMessage?.contains("socket.write_uids") == true, "\(put)")
        #expect(try connection.delete(setUp.corpus.name(0)).errorCode == "forbidden")
        #expect(try connection.exactMatches(ArticleCorpus.marker(1)) == [setUp.corpus.name(1)])
        #expect(!FileManager.default.fileExists(atPath: setUp.ingestFolder + "/x%2F1.json"))

        // Without write access configured at all: forbidden too, and no ingest folder is made.
        let scratch = try Scratch()
        let plain = try DaemonProcess(index: setUp.index, socket: scratch.path + "/s")
        #expect(try plain.roundTrip(#"{"op":"put","article":{"id":"x","body":"y"}}"#).errorCode == "forbidden")
    }

    @Test(.timeLimit(.minutes(2))) func malformedArticlesAreRefusedNamingTheField() throws {
        let setUp = try PushedIndex(articles: 1, environment: ["TRAWL_LIMITS_MAX_REQUEST_BYTES": "\(4 << 20)"])
        let connection = try setUp.connect()
        let good = PushedIndex.article("ok/1", marker: "pushedmarkergood")
        func changed(_ key: String, _ value: Any?) -> [String: Any] {
            var article = good
            article[key] = value
            return article
        }
        let cases: [([String: Any], String)] = [
            (changed("id", nil), "article.id is required"),
            (changed("id", ""), "article.id is empty"),
            (changed("id", 7), "article.id must be a string"),
            (changed("id", "a\nb"), "article.id holds the control character"),
            (changed("id", " padded"), "article.id starts or ends with white space"),
            (changed("id", String(repeating: "i", count: 1025)), "article.id is 1025 bytes long"),
            (changed("body", nil), "article.body is required"),
            (changed("body", "  \n "), "article.body is empty"),
            (changed("title", ["a"]), "article.title must be a string"),
            (changed("date", "last Tuesday-ish"), "\"date\" is not a date"),
            (changed("titel", "typo"), "article.titel is not an article field"),
            (changed("body", String(repeating: "word ", count: 300_000)), "article is 1500"),
        ]
        for (article, expected) in cases {
            let answer = try connection.put(article)
            #expect(answer.errorCode == "bad_request" && answer.errorMessage?.contains(expected) == true, "\(expected): \(answer)")
        }
        #expect(try connection.requestObject(["op": "put"]).errorMessage?.contains("article is required") == true)
        #expect(try connection.requestObject(["op": "put", "article": good, "wait": "yes"]).errorMessage?.contains("wait") == true)
        // Nothing was stored; the good article still goes in after them.
        let stored = try FileManager.default.contentsOfDirectory(atPath: setUp.ingestFolder)
        #expect(stored.isEmpty, "\(stored)")
        #expect(try connection.put(good, wait: true).isOK)
    }

    @Test(.timeLimit(.minutes(2))) func deletesRemovePushedArticlesAndRefuseFileBackedOnes() throws {
        let setUp = try PushedIndex(articles: 2)
        let connection = try setUp.connect()
        #expect(try connection.put(PushedIndex.article("gone/1", marker: "pushedmarkergone"), wait: true).isOK)
        let deleted = try connection.delete("gone/1")
        #expect(deleted.isOK && deleted["deleted"] as? Bool == true && deleted["seq"] is Int, "\(deleted)")
        #expect(try connection.exactMatches("pushedmarkergone").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: setUp.ingestFolder + "/gone%2F1.json"))

        let unknown = try connection.delete("never/there")
        #expect(unknown.isOK && unknown["deleted"] as? Bool == false, "\(unknown)")
        // A stored file the index does not hold (its reading failed) goes too: a later run would read it again.
        let broken = setUp.ingestFolder + "/broken.json"
        try "not JSON".write(toFile: broken, atomically: false, encoding: .utf8)
        #expect(try connection.delete("broken")["deleted"] as? Bool == true)
        #expect(!FileManager.default.fileExists(atPath: broken))

        // An article from a file: refused naming the file; the file and its article stay.
        let fileBacked = setUp.corpus.name(0)
        let refused = try connection.delete(fileBacked)
        #expect(refused.errorCode == "bad_request", "\(refused)")
        #expect(refused.errorMessage?.contains(setUp.corpus.folder + "/" + fileBacked) == true, "\(refused)")
        #expect(FileManager.default.fileExists(atPath: setUp.corpus.folder + "/" + fileBacked))
        #expect(try connection.exactMatches(ArticleCorpus.marker(0)) == [fileBacked])
        // ... and so is a put of its id.
        let put = try connection.put(PushedIndex.article(fileBacked, marker: "pushedmarkertakeover"))
        #expect(put.errorCode == "bad_request" && put.errorMessage?.contains(fileBacked) == true, "\(put)")
    }

    @Test func writeAccessWithoutAUsableArticlesRootDoesNotStart() throws {
        let scratch = try Scratch()
        let index = try TestIndexes.indexNews(in: scratch)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TRAWL_") }
        environment["TRAWL_SOCKET_WRITE_UIDS"] = "\(getuid())"
        environment["TRAWL_ARTICLES_ROOT"] = scratch.path + "/missing"
        let run = try runProgram(Binaries.path("trawld"), ["--index", index, "--socket", scratch.path + "/s"], environment: environment)
        #expect(run.status != 0 && run.stderr.contains("articles.root"), "\(run.stderr)")

        environment["TRAWL_ARTICLES_ROOT"] = scratch.path
        environment["TRAWL_INGEST_FOLDER"] = "/tmp"
        let outside = try runProgram(Binaries.path("trawld"), ["--index", index, "--socket", scratch.path + "/s"], environment: environment)
        #expect(outside.status != 0 && outside.stderr.contains("ingest.folder"), "\(outside.stderr)")
    }
}
