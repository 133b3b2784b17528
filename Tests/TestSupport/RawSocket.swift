// A plain `swift build` builds every target, and the Testing module is there only for test
// builds: outside them this file compiles to nothing.
#if canImport(Testing)
import Foundation
import Testing
import TrawlClient

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
        do throws(UnixSocket.Failure) {
            fd = try UnixSocket.connect(to: path, readTimeoutMilliseconds: Int(timeout * 1000))
        } catch {
            throw RawSocketError("connect \(path): \(error.reason)")
        }
    }

    deinit { close(fd) }

    /// Reads give up after `seconds` from now on (a short wait where nothing may come, a long one
    /// where something must, on a busy machine).
    public func setReadTimeout(_ seconds: TimeInterval) {
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1_000_000))
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

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
