import Foundation
import Testing
import TrawlClient
import TrawlTestSupport

/// The socket as the real trawld sets it up from its config, and what a peer can get from it:
/// mode and group applied, its folder created private, a planted symlink refused with the
/// target untouched, peers outside `allowed_uids`/`allowed_gids` refused and logged, and `get`
/// never reading a file by path. (The in-process SocketSafetyTests cover stale and live
/// sockets.) The tests run as root, so allow-lists leave uid 0 out to test a refusal.
@Suite(.ownThreads, .serialized) struct DaemonSecurityTests {
    let scratch: Scratch
    let index: String

    init() throws {
        scratch = try Scratch()
        index = try TestIndexes.indexNews(in: scratch)
    }

    func mode(_ path: String) -> (type: mode_t, permissions: mode_t, gid: gid_t)? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return (info.st_mode & S_IFMT, info.st_mode & 0o7777, info.st_gid)
    }

    @Test func socketModeGroupAndFoldersFollowTheConfig() throws {
        let plain = try DaemonProcess(index: index, socket: scratch.path + "/plain.sock")
        #expect(mode(plain.socketPath)?.type == S_IFSOCK && mode(plain.socketPath)?.permissions == 0o660)

        // A group other than ours, by name; the missing folder is made 0750 (not the umask's 0755).
        let group = String(cString: try #require(getgrgid(1)).pointee.gr_name)
        let config = try scratch.write("socket:\n  mode: \"0600\"\n  group: \"\(group)\"\n", to: "trawl.yaml")
        let socket = scratch.path + "/run/s"
        let configured = try DaemonProcess(index: index, socket: socket, extraArguments: ["--config", config])
        #expect(mode(socket)?.permissions == 0o600 && mode(socket)?.gid == 1)
        #expect(mode(scratch.path + "/run")?.permissions == 0o750)
        #expect(try configured.roundTrip(#"{"op":"ping"}"#).isOK)
    }

    @Test func refusesASymlinkPlantedAtTheSocketPath() throws {
        // The worst target: a stale socket, which trawld would otherwise remove and bind in its place.
        let target = scratch.path + "/other.sock"
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: target.utf8) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        close(fd)
        try #require(bound == 0)
        var before = stat()
        lstat(target, &before)

        let socket = scratch.path + "/s"
        try FileManager.default.createSymbolicLink(atPath: socket, withDestinationPath: target)
        let run = try runProgram(
            Binaries.path("trawld"), ["--index", index, "--socket", socket],
            environment: ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TRAWL_") })
        #expect(run.status == 1)
        #expect(run.stderr.contains("refusing to use socket path \(socket): it is a symbolic link"), "\(run.stderr)")
        var after = stat()
        #expect(lstat(target, &after) == 0 && after.st_ino == before.st_ino && after.st_mode == before.st_mode)
        #expect(mode(socket)?.type == S_IFLNK, "the link is left for its owner to remove")
    }

    @Test func peersOutsideTheAllowListAreRefusedAndLogged() throws {
        #expect(getuid() == 0, "run as root: the allow-list below leaves uid 0 out")
        let refusing = try scratch.write("socket:\n  allowed_uids: [4242]\n  allowed_gids: [4242]\n", to: "refuse.yaml")
        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s", extraArguments: ["--config", refusing])
        let client = try RawSocket(daemon.socketPath)
        try client.send(#"{"id":1,"op":"get","article":"uk/hubs-1"}"# + "\n")
        let answer = try client.readAnswer()
        #expect(answer?.errorCode == "forbidden" && answer?.errorMessage?.contains("not allowed") == true)
        #expect(try client.readLine() == nil, "then the connection is closed")
        #expect(daemon.waitForLog("refused a peer"))
        #expect(daemon.log.contains("uid 0"), "the log names the peer")

        // Allowed by group alone.
        let byGroup = try scratch.write("socket:\n  allowed_uids: [4242]\n  allowed_gids: [\(getgid())]\n", to: "group.yaml")
        let allowing = try DaemonProcess(index: index, socket: scratch.path + "/g", extraArguments: ["--config", byGroup])
        #expect(try allowing.roundTrip(#"{"op":"count","q":"hubs"}"#).isOK)
    }

    @Test func getNeverReadsAFileByPath() throws {
        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s")
        let connection = try Connection(socketPath: daemon.socketPath)
        let paths = [
            "../../etc/passwd", "/etc/passwd", "../../../../../../etc/shadow", "%2e%2e/etc/passwd", "..", "/",
            "articles/news.jsonl", index + "/current", "gen-1/iamglass", "uk/hubs-1/../../../etc/passwd",
        ]
        for path in paths {
            let answer = try connection.requestObject(["op": "get", "article": path])
            #expect(answer.errorCode == "not_found", "\(path): \(answer)")
            #expect(answer["doc"] == nil)
        }
        for id in ["uk/hubs-1\u{0}../../etc/passwd", "\u{0}", ""] {
            #expect(try connection.requestObject(["op": "get", "article": id]).errorCode == "bad_request")
        }
    }
}
