// A plain `swift build` builds every target, and the Testing module is there only for test
// builds: outside them this file compiles to nothing.
#if canImport(Testing)
import Foundation
import Testing

/// A Unix socket spoken to in raw bytes, for what `TrawlClient.Connection` (whole UTF-8 lines,
/// one answer each) cannot do: invalid UTF-8, partial lines, slow drips, a client that never
/// reads or that vanishes. Tests of the server must not go through the client's own checks.
/// NOTE: `@unchecked Sendable`: each instance is used by one test at a time.
public final class RawSocket: @unchecked Sendable {
    private let fd: Int32
    private var received: [UInt8] = []

    /// Connects; reads give up after `timeout` seconds (the suite runs beside load and kill
    /// tests, so a healthy answer may take seconds).
    public init(_ path: String, timeout: TimeInterval = 30) throws {
        OwnThreads.check("a blocking socket")
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawSocketError("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8.prefix($0.count - 1)) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw RawSocketError("connect \(path): \(reason)")
        }
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Sends every byte (blocking); throws when the peer has gone.
    public func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw RawSocketError("send: \(String(cString: strerror(errno)))") }
            sent += n
        }
    }

    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Sends what the kernel takes right now; 0 when its buffers are full. Throws when the peer has gone.
    public func sendWithoutBlocking(_ bytes: [UInt8]) throws -> Int {
        let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        if n >= 0 { return n }
        if errno == EAGAIN || errno == EWOULDBLOCK { return 0 }
        throw RawSocketError("send: \(String(cString: strerror(errno)))")
    }

    /// The next line without its `\n`; nil at end of stream (or when the peer reset it).
    /// Throws when nothing comes within the timeout.
    public func readLine() throws -> String? {
        while true {
            if let newline = received.firstIndex(of: UInt8(ascii: "\n")) {
                defer { received.removeSubrange(...newline) }
                return String(decoding: received[..<newline], as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 || (n < 0 && errno == ECONNRESET) { return nil }
            if n < 0 { throw RawSocketError("no answer: \(String(cString: strerror(errno)))") }
            received.append(contentsOf: chunk[0..<n])
        }
    }

    /// Shuts the write side: the server sees end of stream but can still answer.
    public func finishSending() { shutdown(fd, Int32(SHUT_WR)) }

    /// Drops the connection both ways at once, unread answers and all, as a killed client does.
    public func vanish() { shutdown(fd, Int32(SHUT_RDWR)) }
}

public struct RawSocketError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
#endif
