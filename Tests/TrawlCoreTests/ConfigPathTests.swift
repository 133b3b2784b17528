import Foundation
import Testing

@testable import TrawlCore
import TrawlTestSupport

/// Paths from the config file, the environment and flags become absolute with `.` and `..`
/// resolved, but a symlink at the end of a path is kept as named: trawld must see (and refuse)
/// a symlink planted at its socket path, not the file it points to.
@Suite(.ownThreads) struct ConfigPathTests {
    @Test func relativePathsResolveAgainstTheirBase() {
        #expect(ConfigLoader.absolute("../index", base: "/srv/trawl/config") == "/srv/trawl/index")
        #expect(ConfigLoader.absolute("./run/../trawld.sock", base: "/srv") == "/srv/trawld.sock")
        #expect(ConfigLoader.absolute("/var/lib/trawl/", base: "/srv") == "/var/lib/trawl")
        #expect(ConfigLoader.absolute("/", base: "/srv") == "/")
        #expect(ConfigLoader.absolute("a/..", base: "/srv") == "/srv")
    }

    @Test func aSymlinkAtTheEndIsNotFollowed() throws {
        var template = Array("/tmp/trawl-cfg-XXXXXX".utf8CString)
        let folder = String(cString: try #require(mkdtemp(&template)))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(FileManager.default.createFile(atPath: folder + "/target", contents: Data()))
        try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: folder + "/target")
        #expect(ConfigLoader.absolute("link", base: folder) == folder + "/link")
        #expect(ConfigLoader.absolute(folder + "/./link", base: "/") == folder + "/link")
    }
}
