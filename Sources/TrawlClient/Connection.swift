#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TrawlProtocol

/// A blocking connection to trawld: one JSON object per line each way.
/// Blocking I/O on purpose: the CLI makes one request and exits, and must start fast. No
/// Foundation either: loading and initialising it was about a third of a one-shot query.
public final class Connection {
    public let socketPath: String
    private let fd: Int32
    private var buffer: [UInt8] = []

    /// Connects, or throws `.unreachable` with the path and the reason.
    public init(socketPath: String, timeoutSeconds: Int = 60) throws(ClientError) {
        self.socketPath = socketPath
        do throws(UnixSocket.Failure) {
            fd = try UnixSocket.connect(to: socketPath, readTimeoutMilliseconds: timeoutSeconds * 1000)
        } catch {
            throw .unreachable(path: socketPath, reason: error.reason)
        }
    }

    deinit { close(fd) }

    /// Sends one request line (a newline is added).
    public func send(line: String) throws(ClientError) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw .io("cannot send to trawld: \(String(cString: strerror(errno)))") }
            sent += n
        }
    }

    /// Reads one response line (without the newline).
    public func readLine() throws(ClientError) -> String {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { throw .io("trawld closed the connection") }
            if n < 0 { throw .io("cannot read from trawld: \(String(cString: strerror(errno)))") }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }

    /// Sends one request and returns the parsed response object.
    public func request(_ request: Request, id: RequestID? = nil) throws(ClientError) -> WireValue {
        try exchange(String(decoding: Envelope(id: id, request: request).encoded().dropLast(), as: UTF8.self))
    }

    /// Sends any JSON value as a request (tests send what no typed request can) and returns the
    /// parsed response object.
    public func request(_ request: WireValue) throws(ClientError) -> WireValue {
        try exchange(request.jsonText())
    }

    private func exchange(_ line: String) throws(ClientError) -> WireValue {
        try send(line: line)
        let answer = try readLine()
        let response: WireValue
        do {
            response = try WireJSONParser.parse(answer)
        } catch {
            throw .protocolViolation("trawld sent a line that is not JSON (\(error.message)): \(answer.prefix(200))")
        }
        guard case .object = response else {
            throw .protocolViolation("trawld sent a line that is not a JSON object: \(answer.prefix(200))")
        }
        return response
    }
}

/// Why the client could not talk to the daemon.
public enum ClientError: Error, CustomStringConvertible, Sendable {
    case unreachable(path: String, reason: String)
    case io(String)
    case protocolViolation(String)

    public var description: String {
        switch self {
        case .unreachable(let path, let reason):
            "cannot reach trawld at \(path) (\(reason)); start it with `trawld` (or `scripts/run` in the repository)"
        case .io(let message), .protocolViolation(let message): message
        }
    }
}
