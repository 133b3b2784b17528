import Foundation
import Testing
import TrawlTestSupport

/// `trawl` finds trawld's socket the way trawld does: `--socket`, then `TRAWL_SOCKET`, then the
/// config file's `socket.path` (`--config`, else `TRAWL_CONFIG`), relative to the file's folder.
@Suite(.ownThreads, .serialized) struct CLIConfigTests {
    let scratch: Scratch
    let daemon: DaemonProcess
    let config: String

    init() throws {
        scratch = try Scratch()
        daemon = try DaemonProcess(index: try TestIndexes.indexSeeds(in: scratch), socket: scratch.path + "/run/s.sock")
        try FileManager.default.createDirectory(atPath: scratch.path + "/etc", withIntermediateDirectories: true)
        config = try scratch.write(
            """
            # the socket, relative to this file's folder
            index:
              path: ../index
            socket:
              mode: "0660"
              later:
                path: not/this.sock
              path: "../run/s.sock"   # beside the index
            """, to: "etc/trawl.yaml")
    }

    @Test func configFlagAndEnvironmentNameTheSocket() throws {
        let flag = try runTrawl(["--count", "hubs", "--config", config], socket: nil)
        #expect(flag.status == 0 && flag.stdout == "5\n", "\(flag.stderr)")
        let environment = try runTrawl(["--count", "hubs"], socket: nil, environment: ["TRAWL_CONFIG": config])
        #expect(environment.status == 0 && environment.stdout == "5\n", "\(environment.stderr)")
        let first = try runTrawl(["--config", config, "ping"], socket: nil)
        #expect(first.status == 0 && first.stdout.hasPrefix("pong from \(scratch.path)/etc/../run/s.sock"), "\(first.stdout) \(first.stderr)")
    }

    /// Forms YAML allows and trawld reads (checked by hand with `trawld --config`): the client
    /// must find the same socket in them, not fall back to the default one.
    @Test func configFilesAsEditorsWriteThem() throws {
        for (name, text) in [
            ("crlf", "socket:\r\n  path: ../run/s.sock\r\n"),
            ("bom", "\u{FEFF}socket:\n  path: ../run/s.sock\n"),
            ("tab-comment", "socket:\n  path: ../run/s.sock\t# after a tab\n"),
        ] {
            let file = try scratch.write(text, to: "etc/\(name).yaml")
            let result = try runTrawl(["--count", "hubs", "--config", file], socket: nil)
            #expect(result.status == 0 && result.stdout == "5\n", "\(name): \(result.stderr)")
        }
    }

    @Test func aConfigFileUnderHomeIsFoundAsTrawldFindsIt() throws {
        let result = try runTrawl(["--count", "hubs"], socket: nil, environment: ["HOME": scratch.path, "TRAWL_CONFIG": "~/etc/trawl.yaml"])
        #expect(result.status == 0 && result.stdout == "5\n", "\(result.stderr)")
    }

    @Test func socketFlagAndVariableWinOverTheConfigFile() throws {
        let elsewhere = try scratch.write("socket:\n  path: /nonexistent/s.sock\n", to: "other.yaml")
        let flag = try runTrawl(["--count", "hubs", "--config", elsewhere], socket: daemon.socketPath)
        #expect(flag.stdout == "5\n", "\(flag.stderr)")
        let variable = try runTrawl(["--count", "hubs", "--config", elsewhere], socket: nil, environment: ["TRAWL_SOCKET": daemon.socketPath])
        #expect(variable.stdout == "5\n", "\(variable.stderr)")
        let fromFile = try runTrawl(["--count", "hubs", "--config", elsewhere], socket: nil)
        #expect(fromFile.status == 2 && fromFile.stderr.contains("/nonexistent/s.sock"), "\(fromFile.stderr)")
    }

    @Test func anUnreadableConfigFileIsAnError() throws {
        let missing = try runTrawl(["--count", "hubs", "--config", scratch.path + "/missing.yaml"], socket: nil)
        #expect(missing.status == 2 && missing.stderr.contains("missing.yaml") && missing.stderr.contains("--config"), "\(missing.stderr)")
        let flow = try scratch.write("socket: {path: s.sock}\n", to: "flow.yaml")
        let unread = try runTrawl(["--count", "hubs", "--config", flow], socket: nil)
        #expect(unread.status == 2 && unread.stderr.contains("flow.yaml:1"), "\(unread.stderr)")
    }
}

/// `--ids` pages through the daemon, whose `limit` stops at 1000.
@Suite(.ownThreads, .serialized) struct CLIIdPagingTests {
    @Test func idsListMoreMatchesThanOnePage() throws {
        let scratch = try Scratch()
        let lines = (0..<1005).map { #"{"id":"bulk-\#($0)","title":"Bulletin \#($0)","body":"A short bulletin about the tide."}"# }
        let index = try TestIndexes.index(files: ["bulk.jsonl": lines.joined(separator: "\n") + "\n"], in: scratch)
        let daemon = try DaemonProcess(index: index, socket: scratch.path + "/s.sock")
        let all = try runTrawl(["--ids", "tide"], socket: daemon.socketPath)
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.lines.count == 1005 && Set(all.lines).count == 1005)
        let tail = try runTrawl(["--ids", "--offset", "1000", "--sort", "newest", "tide"], socket: daemon.socketPath)
        #expect(tail.lines.count == 5)
    }

    @Test func idsPageWithinTheDaemonsConfiguredLimit() throws {
        let scratch = try Scratch()
        let daemon = try DaemonProcess(
            index: try FerryCorpus.index(in: scratch), socket: scratch.path + "/s.sock", environment: ["TRAWL_LIMITS_MAX_LIMIT": "50"])
        let all = try runTrawl(["--ids", "ferry"], socket: daemon.socketPath)
        #expect(all.status == 0 && Set(all.lines).count == FerryCorpus.total, "\(all.stdout) \(all.stderr)")
    }
}
