import Testing
import TrawlCore
import TrawlTestSupport

/// trawld reads the `current` stub itself (Xapian's syntax) to open each shard with its own timeouts.
@Suite(.ownThreads) struct ShardStubTests {
    @Test func localAndRemoteLinesInShardOrder() throws {
        let text = "# shards\nauto gen-3/shard-0\n\nremote 10.0.0.5:7101\nglass /srv/shard-2\nremote [::1]:7102\n"
            + "remote :ssh b xapian-progsrv /srv/shard-4\n"
        let stub = try ShardStub(text: text, folder: "/idx")
        #expect(stub.endpoints == [
            .local(path: "/idx/gen-3/shard-0"), .remote(host: "10.0.0.5", port: 7101), .local(path: "/srv/shard-2"),
            .remote(host: "::1", port: 7102), .program("ssh", arguments: "b xapian-progsrv /srv/shard-4"),
        ])
        #expect(stub.needsOwnOpening)
        #expect(stub.endpoints.map(\.description) == [
            "/idx/gen-3/shard-0", "10.0.0.5:7101", "/srv/shard-2", "[::1]:7102", ":ssh b xapian-progsrv /srv/shard-4",
        ])
        #expect(ShardStub.name(3) == "shard-3")
    }

    @Test func oneLocalLineIsLeftToXapian() throws {
        #expect(try !ShardStub(text: "auto gen-7\n", folder: "/idx").needsOwnOpening)
        #expect(try ShardStub(text: "remote h:1\n", folder: "/idx").needsOwnOpening)
        #expect(try ShardStub(text: "remote :xapian-progsrv /db\n", folder: "/idx").needsOwnOpening)
    }

    @Test func linesTrawldCannotServeAreNamed() {
        for (text, line) in [("remote :\n", 1), ("auto a\nremote host\n", 2), ("remote h:0\n", 1), ("inmemory\n", 1)] {
            let error = #expect(throws: ShardStubError.self, "\(text)") { try ShardStub(text: text, folder: "/") }
            #expect(error?.line == line, "\(text)")
        }
        let empty = #expect(throws: ShardStubError.self) { try ShardStub(text: "# nothing\n", folder: "/") }
        #expect(empty?.description == "the index's current stub names no database")
    }
}
