// swift-tools-version:6.1
import PackageDescription

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let nioCore = Target.Dependency.product(name: "NIOCore", package: "swift-nio")
let nioPosix = Target.Dependency.product(name: "NIOPosix", package: "swift-nio")
let lifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let unixSignals = Target.Dependency.product(name: "UnixSignals", package: "swift-service-lifecycle")
let configuration = Target.Dependency.product(name: "Configuration", package: "swift-configuration")
let yams = Target.Dependency.product(name: "Yams", package: "Yams")

/// Links the Swift runtime statically into the client, without Foundation: a one-shot
/// `trawl --count hubs` takes 8 ms instead of 12 ms (median wall time of 30 paired runs against
/// a dynamic build; loading the Swift shared libraries makes the difference).
/// SwiftPM's supported `--static-swift-stdlib` gives the same binary, but it is build-wide: it
/// links Foundation and ICU into trawld (107 MB) and trawl-index (87 MB) too, and as it changes
/// how every module is compiled, going between it and the tests' build recompiles the whole
/// package (3 minutes here). So the client names its static libraries itself: FoundationEssentials
/// (ArgumentParser uses it), whose libraries the driver's `-static-stdlib` does not add by itself,
/// and lld, because gold warns about a `mktemp` in them. A toolchain that renames them fails the
/// link; `CLIVersionAndHelpTests.theClientLoadsNoSwiftLibrary` fails if the client goes dynamic.
let staticSwiftRuntime = [
    "-static-stdlib", "-use-ld=lld", "-Xlinker", "--start-group",
    "-lFoundationEssentials", "-l_FoundationCollections", "-l_FoundationCShims", "-lswiftSynchronization",
    "-lswift_StringProcessing", "-lswift_RegexParser", "-lswiftDispatch", "-ldispatch", "-lBlocksRuntime", "-lstdc++",
    "-Xlinker", "--end-group",
]

let package = Package(
    name: "trawl",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "trawld", targets: ["trawld"]),
        .executable(name: "trawl-index", targets: ["trawl-index"]),
        .executable(name: "trawl", targets: ["trawl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: []),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // All C++ lives here: a plain C API over Xapian, every exception caught at the boundary.
        // The calendar's one rule (days in a month), for the shim, the engine and the client.
        .target(name: "CCalendar"),
        .target(
            name: "CXapian", dependencies: ["CCalendar"],
            linkerSettings: [.linkedLibrary("xapian")]
        ),
        // The wire protocol, once: JSON values, reader and writer, every member name and limit,
        // typed requests and responses with their encoding and decoding. Pure Swift, no
        // Foundation and no engine, so the client links it without their start-up cost.
        .target(name: "TrawlProtocol", dependencies: ["CCalendar"]),
        // Articles, schema, index and query logic. No NIO, no globals.
        .target(name: "TrawlCore", dependencies: ["CCalendar", "CXapian", "TrawlProtocol", configuration, yams]),
        // The daemon: socket server, line framing, request dispatch, worker pool.
        .target(name: "TrawlServer", dependencies: ["TrawlCore", "TrawlProtocol", nioCore, nioPosix, lifecycle, unixSignals, logging]),
        // A small blocking client for the wire protocol. No engine, so the CLI starts fast.
        .target(name: "TrawlClient", dependencies: ["TrawlProtocol"]),
        // What the executables share about the command line (exit statuses).
        .target(name: "TrawlCommandLine", dependencies: [argumentParser]),
        .executableTarget(name: "trawld", dependencies: ["TrawlServer", "TrawlCommandLine", "TrawlProtocol", argumentParser, logging, lifecycle]),
        .executableTarget(name: "trawl-index", dependencies: ["TrawlCore", "TrawlCommandLine", "TrawlProtocol", argumentParser]),
        // Linked with the Swift runtime statically, and without Foundation: a one-shot query's
        // whole process then takes a few ms instead of ~12 ms of loading shared libraries.
        .executableTarget(
            name: "trawl", dependencies: ["CCalendar", "TrawlClient", "TrawlCommandLine", "TrawlProtocol", argumentParser],
            linkerSettings: [.unsafeFlags(staticSwiftRuntime)]),
        // Shared by the test targets: threads of their own (OwnThreadsTrait), one index builder, one raw socket.
        .target(name: "TrawlTestSupport", dependencies: ["TrawlClient", "TrawlCore"], path: "Tests/TestSupport"),
        .testTarget(name: "TrawlProtocolTests", dependencies: ["TrawlProtocol", "TrawlTestSupport"]),
        .testTarget(name: "TrawlCoreTests", dependencies: ["TrawlCore", "TrawlTestSupport"]),
        .testTarget(
            name: "TrawlServerTests", dependencies: ["TrawlServer", "TrawlClient", "TrawlProtocol", "TrawlTestSupport"]),
        .testTarget(name: "IntegrationTests", dependencies: ["TrawlClient", "TrawlCore", "TrawlProtocol", "TrawlTestSupport"]),
    ],
    cxxLanguageStandard: .cxx17
)
