import Foundation
import Testing
import TrawlCore

@testable import TrawlServer
import TrawlTestSupport

/// The socket file: created 0660 in its folder, made 0750 if missing (not its parents); a crashed daemon's stale
/// file is replaced, a live daemon's socket and a planted symlink are refused; peers not in
/// the allowed uid/gid lists are answered `forbidden`.
@Suite(.ownThreads, .serialized) struct SocketSafetyTests {
    @Test func createsTheSocketWithItsModeInANewFolder() async throws {
        let dir = try Harness.temporaryDirectory()
        defer { Harness.removeDirectory(dir) }
        var config = Harness.config(dir)
        config.socket.path = dir + "/run/s.sock"
        try await Harness.withServer(config) { path in
            var info = stat()
            #expect(lstat(path, &info) == 0)
            #expect(info.st_mode & S_IFMT == S_IFSOCK && info.st_mode & 0o777 == 0o660)
            #expect(stat(dir + "/run", &info) == 0 && info.st_mode & 0o777 == 0o750)
        }
    }

    /// The mode and group are set between bind and listen: a peer that connects the moment it
    /// can already meets the configured mode (it used to meet the umask's mode for a moment,
    /// which a busy machine made visible).
    @Test func theSocketHasItsModeBeforeItListens() throws {
        let dir = try Harness.temporaryDirectory()
        defer { Harness.removeDirectory(dir) }
        let path = dir + "/s.sock"
        let fd = try SocketFile.bindBeforeListening(path, mode: 0o600, group: nil)
        defer { close(fd) }
        var info = stat()
        #expect(lstat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(throws: RawSocketError.self, "refused until it listens") { try RawSocket(path) }
        #expect(listen(fd, 1) == 0)
        #expect(throws: Never.self) { try RawSocket(path) }
    }

    @Test func replacesAStaleSocketFile() async throws {
        let dir = try Harness.temporaryDirectory()
        defer { Harness.removeDirectory(dir) }
        let config = Harness.config(dir)
        // A socket file nobody listens on: what a crashed daemon leaves behind.
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: config.socket.path.utf8) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        close(fd)
        #expect(bound == 0 && FileManager.default.fileExists(atPath: config.socket.path))
        try await Harness.withServer(config) { path async throws in
            let pong = try RawSocket(path).roundTrip(#"{"op":"ping"}"#)
            #expect(pong["ok"]?.isTrue == true)
        }
    }

    @Test func refusesToStartBesideALiveDaemon() async throws {
        let dir = try Harness.temporaryDirectory()
        defer { Harness.removeDirectory(dir) }
        let config = Harness.config(dir)
        try await Harness.withServer(config) { path in
            let error = await #expect(throws: DaemonStartupError.self) { try await Harness.withServer(config) { _ in } }
            #expect(error?.description.contains("already serving on \(path)") == true)
            // The first daemon is untouched.
            let pong = try RawSocket(path).roundTrip(#"{"op":"ping"}"#)
            #expect(pong["ok"]?.isTrue == true)
        }
    }

    @Test func refusesASymlinkAtTheSocketPath() async throws {
        let dir = try Harness.temporaryDirectory()
        defer { Harness.removeDirectory(dir) }
        let config = Harness.config(dir)
        try FileManager.default.createSymbolicLink(atPath: config.socket.path, withDestinationPath: dir + "/elsewhere")
        let error = await #expect(throws: DaemonStartupError.self) { try await Harness.withServer(config) { _ in } }
        #expect(error?.description.contains("symbolic link") == true)
    }

    @Test func refusesPeersNotAllowed() async throws {
        let dir = try Harness.temporaryDirectory()
        defer { Harness.removeDirectory(dir) }
        var config = Harness.config(dir)
        config.socket.allowedUIDs = [getuid() &+ 1]
        try await Harness.withServer(config) { path in
            let client = try RawSocket(path)
            try client.send(#"{"op":"ping"}"# + "\n")
            #expect(try client.readResponse().errorCode == "forbidden")
            #expect(try client.readLine() == nil)
        }
        config.socket.allowedUIDs = [getuid()]
        try await Harness.withServer(config) { path async throws in
            let pong = try RawSocket(path).roundTrip(#"{"op":"ping"}"#)
            #expect(pong["ok"]?.isTrue == true)
        }
    }
}
