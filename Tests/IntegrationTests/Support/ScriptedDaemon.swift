import Foundation
import TrawlTestSupport

/// A stand-in for trawld on a Unix socket that answers each request line with what `answer`
/// returns and keeps the requests: for tests of what `trawl` sends, and of how it prints
/// answers the real daemon does not give yet. Serves on a thread of its own (the test's
/// async pool must not block), one connection at a time.
final class ScriptedDaemon: @unchecked Sendable {
    let socketPath: String
    private let listener: Int32
    private let log = RequestLog()

    init(socket: String, answer: @escaping @Sendable ([String: Any]) -> [String: Any]) throws {
        socketPath = socket
        let listener = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: socket.utf8.prefix($0.count - 1)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw RawSocketError("cannot listen on \(socket)") }
        self.listener = listener
        // The thread holds only what it needs, so that deinit (which ends it) can run.
        let log = self.log
        Thread { Self.serve(listener, log: log, answer: answer) }.start()
    }

    /// Wakes the thread's `accept`, which then fails and the thread closes the listener. Closing
    /// it here instead could let a thread that is between connections accept on a reused file
    /// descriptor: the listener of the next test's daemon, answering with this one's script.
    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        unlink(socketPath)
    }

    /// The requests so far, in order.
    var requests: [[String: Any]] { log.requests }

    private static func serve(_ listener: Int32, log: RequestLog, answer: ([String: Any]) -> [String: Any]) {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                close(listener)
                return
            }
            var pending: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            reading: while true {
                let n = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
                guard n > 0 else { break }
                pending.append(contentsOf: chunk[0..<n])
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = Data(pending[..<newline])
                    pending.removeSubrange(...newline)
                    let request = (try? JSONSerialization.jsonObject(with: line)) as? [String: Any] ?? [:]
                    log.append(request)
                    var response = answer(request)
                    if response["ok"] == nil { response["ok"] = true }
                    guard let data = try? JSONSerialization.data(withJSONObject: response, options: [.sortedKeys]) else { break reading }
                    let bytes = Array(data) + [UInt8(ascii: "\n")]
                    guard bytes.withUnsafeBytes({ send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else {
                        break reading
                    }
                }
            }
            close(client)
        }
    }
}

private final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var received: [[String: Any]] = []
    var requests: [[String: Any]] { lock.withLock { received } }
    func append(_ request: [String: Any]) { lock.withLock { received.append(request) } }
}
