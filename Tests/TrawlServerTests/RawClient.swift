import Foundation
import TrawlCore
import TrawlWire

/// A plain POSIX socket client that speaks raw bytes, so the tests exercise the server's
/// framing and not a client library's. Blocking calls run on threads of their own: Swift's
/// cooperative pool and Dispatch's threads are held by the blocking integration tests.
/// NOTE: `@unchecked Sendable`: each instance is used by one test at a time.
final class RawClient: @unchecked Sendable {
    private let fd: Int32
    private var pending: [UInt8] = []

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private init(fd: Int32) { self.fd = fd }

    deinit { close(fd) }

    /// Connects. Reads time out after 30 s, so a broken test fails instead of hanging; the whole
    /// suite runs in parallel with load and kill tests, so a healthy answer may take seconds.
    static func connect(_ path: String) async throws -> RawClient {
        try await offPool {
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw Failure(description: "socket()") }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8.prefix($0.count - 1)) }
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard result == 0 else {
                close(fd)
                throw Failure(description: "connect(\(path)): \(String(cString: strerror(errno)))")
            }
            var timeout = timeval(tv_sec: 30, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            return RawClient(fd: fd)
        }
    }

    /// Sends all of `text` in one write call where the kernel allows.
    func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) async throws {
        try await Self.offPool { [fd] in
            var offset = 0
            while offset < bytes.count {
                let sent = bytes[offset...].withUnsafeBytes { Foundation.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard sent > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
                offset += sent
            }
        }
    }

    /// Shuts the write side (the server still answers what it received).
    func finishSending() { shutdown(fd, Int32(SHUT_WR)) }

    /// The next line without `\n`; nil at end of stream.
    func readLine() async throws -> String? {
        try await Self.offPool { [self] in try self.blockingReadLine() }
    }

    /// The next response, parsed.
    func readResponse() async throws -> WireValue {
        guard let line = try await readLine() else { throw Failure(description: "connection closed before a response") }
        return try Self.parse(line)
    }

    /// Sends one request line and reads its response.
    func roundTrip(_ request: String) async throws -> WireValue {
        try await send(request + "\n")
        return try await readResponse()
    }

    static func parse(_ line: String) throws -> WireValue {
        try WireJSONParser.parse(line)
    }

    private func blockingReadLine() throws -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count == 0 { return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self) }
            guard count > 0 else { throw Failure(description: "recv: \(String(cString: strerror(errno)))") }
            pending.append(contentsOf: chunk[..<count])
        }
    }

    private static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }
}

/// Reading responses in tests (`subscript`, `int` and `text` come with TrawlWire).
extension WireValue {
    var isTrue: Bool { self == .bool(true) }

    var count: Int { elements?.count ?? 0 }

    /// `error.code` of a failure response.
    var errorCode: String? { self["error"]?["code"]?.text }
}
