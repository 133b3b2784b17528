import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// `trawl put FILE|-` and `trawl delete ID`: one object or JSON lines, a line per article,
/// a bad line reported with its number while the others are stored, exit status 0/1/2.
@Suite(.ownThreads, .serialized) struct CLIPutTests {
    func trawl(_ setUp: PushedIndex, _ arguments: [String]) throws -> Finished {
        try runProgram(Binaries.path("trawl"), arguments + ["--socket", setUp.daemon.socketPath])
    }

    func line(_ article: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: article, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test(.timeLimit(.minutes(2))) func putsJSONLinesAndReportsEachLine() throws {
        let setUp = try PushedIndex(articles: 1)
        let lines = [
            try line(PushedIndex.article("cli/1", marker: "pushedmarkercli1")), "",
            try line(["id": "cli/bad", "title": "no body"]),
            try line(PushedIndex.article("cli/2", marker: "pushedmarkercli2")),
        ]
        let file = try setUp.scratch.write(lines.joined(separator: "\n") + "\n", to: "batch.jsonl")
        let run = try trawl(setUp, ["put", "--wait", file])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("cli/1\tseq ") && run.stdout.contains("cli/2\tseq "), "\(run.stdout)")
        #expect(run.stderr.contains("batch.jsonl:3: bad_request: article.body is required"), "\(run.stderr)")
        #expect(try setUp.connect().exactMatches("pushedmarkercli2") == ["cli/2"])

        let single = try setUp.scratch.write(
            "{\n  \"id\": \"cli/3\",\n  \"body\": \"One pretty-printed pushedmarkercli3 article.\"\n}\n", to: "one.json")
        #expect(try trawl(setUp, ["put", "--wait", single]).status == 0)
        #expect(try setUp.connect().exactMatches("pushedmarkercli3") == ["cli/3"])

        #expect(try trawl(setUp, ["delete", "--wait", "cli/3"]).status == 0)
        #expect(try trawl(setUp, ["delete", "cli/3"]).status == 1)
        let refused = try trawl(setUp, ["delete", setUp.corpus.name(0)])
        #expect(refused.status == 2 && refused.stderr.contains("bad_request"), "\(refused.stderr)")
    }

    @Test(.timeLimit(.minutes(2))) func helloListsTheNewOps() throws {
        let setUp = try PushedIndex(articles: 1)
        let ops = try setUp.connect().requestObject(["op": "hello"])["ops"] as? [String] ?? []
        #expect(ops.contains("put") && ops.contains("delete"), "\(ops)")
    }
}
