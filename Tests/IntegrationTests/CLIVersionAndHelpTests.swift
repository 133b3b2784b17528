import Foundation
import Testing
import TrawlProtocol
import TrawlTestSupport

/// One version string for the three programs, and a `trawl --help` that shows how to search.
@Suite(.ownThreads) struct CLIVersionAndHelpTests {
    @Test(arguments: ["trawl", "trawld", "trawl-index"])
    func versionFlag(program: String) throws {
        let result = try runProgram(Binaries.path(program), ["--version"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == TrawlVersion.string + "\n", "\(result.stdout)")
    }

    /// The client starts fast because it loads no Swift library (Package.swift says why and how).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ldd")))
    func theClientLoadsNoSwiftLibrary() throws {
        let libraries = try runProgram("/usr/bin/ldd", [Binaries.path("trawl")])
        #expect(libraries.status == 0, "\(libraries.stderr)")
        #expect(libraries.stdout.contains("libc.so"), "\(libraries.stdout)")
        #expect(!libraries.stdout.contains("libswift") && !libraries.stdout.contains("libFoundation"), "\(libraries.stdout)")
    }

    @Test func helpListsTheSearchOptionsAndTheSubcommands() throws {
        for flag in ["--help", "-h"] {
            let result = try runProgram(Binaries.path("trawl"), [flag])
            #expect(result.status == 0)
            for option in ["--ids", "--count", "--json", "--limit", "--source", "--since", "--correct", "--null", "--facets"] {
                #expect(result.stdout.contains(option), "\(flag) lists \(option): \(result.stdout)")
            }
            #expect(result.stdout.contains("Exit status: 0 hits, 1 no hits, 2 error"), "\(flag) says what the exit status means")
            for subcommand in ["get", "stats", "ping", "reload"] {
                #expect(result.stdout.contains("  \(subcommand) "), "\(flag) lists \(subcommand)")
            }
        }
    }
}
