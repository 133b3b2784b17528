#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which socket the client talks to. The same precedence as trawld's, so that both agree:
/// `--socket`, then `TRAWL_SOCKET` (and `TRAWL_SOCKET_PATH`, the key's own variable), then the
/// config file's `socket.path` (`--config`, else `TRAWL_CONFIG`, else `./config/trawl.yaml`
/// when it exists; relative to the file's folder), else `index/trawld.sock`.
public enum SocketPath {
    /// The default config's socket, run from the repository root.
    public static let fallback = "index/trawld.sock"

    public static func resolve(flag: String?, configFlag: String?) throws(SocketConfigError) -> String {
        if let flag { return flag }
        if let socket = environment("TRAWL_SOCKET") ?? environment("TRAWL_SOCKET_PATH") { return socket }
        let file: String
        if let chosen = configFlag ?? environment("TRAWL_CONFIG") {
            // trawld expands `~` here too: TRAWL_CONFIG=~/trawl.yaml set where no shell expands it.
            file = expandingHome(chosen)
        } else if access("config/trawl.yaml", R_OK) == 0 {
            file = "config/trawl.yaml"
        } else {
            return fallback
        }
        guard let text = readFile(file) else {
            throw SocketConfigError("cannot read the config file \(file): check the path given with --config or TRAWL_CONFIG")
        }
        // A file without `socket.path` leaves trawld on its built-in default, which is ours too.
        guard let path = try SocketConfigFile.socketPath(in: text, file: file) else { return fallback }
        return relative(path, to: folder(of: file))
    }

    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    /// `path` as the daemon reads it: `~` is the home folder; a relative path is relative to `base`.
    static func relative(_ path: String, to base: String) -> String {
        let path = expandingHome(path)
        if path.hasPrefix("/") || base.isEmpty { return path }
        return base + "/" + path
    }

    /// `~` and `~/...` with the home folder.
    static func expandingHome(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = environment("HOME") else { return path }
        return home + path.dropFirst()
    }

    /// The folder of `file` ("" for a bare name: the working directory).
    static func folder(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "" }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }

    /// The whole file, or nil when it cannot be read. A config file is small; 1 MiB is plenty.
    private static func readFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while bytes.count < 1 << 20 {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A config file whose socket setting the client cannot read.
public struct SocketConfigError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
