import TrawlClient
import TrawlProtocol

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A subscription that outlives its connection (`trawl watch`): when trawld goes away or ends the
/// connection (a restart, an upgrade, a backlog overflow), it connects again with backoff, forever,
/// and subscribes with `since_seq` of the last hit it handed out, so no match is missed. Matches come
/// at least once (PROTOCOL, "subscribe"): one already handed out (same seq, same article) is dropped.
/// Errors that waiting will not heal end it: the first connection failing, or trawld refusing the
/// subscription itself (a bad query, a forbidden peer).
final class ResumingSubscription {
    /// Waits between attempts to reconnect: from the first, doubling up to the last.
    static let firstRetry: Double = 0.2
    static let longestRetry: Double = 5
    /// How many recent hits are remembered to recognise one that comes again.
    static let remembered = 1024

    private let socketPath: String
    private let request: SearchRequest
    private var connection: Connection
    /// The seq to resume after: the last hit handed out (or where the first subscribe started).
    private(set) var last: UInt64
    /// Recent hits handed out, by seq: the article each was.
    private var handedOut: [UInt64: String] = [:]

    /// Subscribes; any failure here is the caller's to report (nothing has been watched yet).
    init(socketPath: String, request: SearchRequest, sinceSeq: UInt64?) throws {
        self.socketPath = socketPath
        self.request = request
        let (connection, served) = try Self.subscribe(socketPath, request, sinceSeq: sinceSeq)
        self.connection = connection
        last = sinceSeq ?? served
    }

    /// The next new match, waiting as long as it takes (reconnecting meanwhile).
    func next() throws -> (seq: UInt64, hit: Hit) {
        while true {
            switch readEvent() {
            case .hit(_, let seq, let hit)?:
                if seq <= last, handedOut[seq] == hit.id { continue }  // already handed out before a reconnect
                remember(seq, hit.id)
                return (seq, hit)
            case .error(_, .overloaded, let message)?:
                // This reader fell behind its backlog: the subscription is ended; take it up again.
                Diagnostics.note("trawld ended the watch (\(message)); resuming")
                try reconnect()
            case .error(_, let code, let message)?:
                throw DaemonRefusal(code: code.rawValue, message: "trawld ended the watch: \(message)")
            case nil:
                try reconnect()
            }
        }
    }

    /// The next event line (answers are skipped); nil when the connection ended.
    private func readEvent() -> SubscriptionEvent? {
        while true {
            guard let line = try? connection.readLine() else { return nil }
            if let value = try? WireJSONParser.parse(line), let event = SubscriptionEvent(reading: value) { return event }
        }
    }

    /// Subscribes again after `last`, waiting between attempts; throws only what retrying cannot heal.
    private func reconnect() throws {
        Diagnostics.note("lost the connection to trawld; reconnecting (after seq \(last))")
        var wait = Self.firstRetry
        while true {
            usleep(useconds_t(wait * 1_000_000))
            do {
                (connection, _) = try Self.subscribe(socketPath, request, sinceSeq: last)
                Diagnostics.note("reconnected to trawld; watching for new matches after seq \(last)")
                return
            } catch let refusal as DaemonRefusal where Self.isLasting(refusal) {
                throw refusal
            } catch {
                wait = min(wait * 2, Self.longestRetry)
            }
        }
    }

    /// Refusals of the subscription itself, the same on every attempt (unlike `overloaded`,
    /// `no_index` or `internal` from a daemon that is starting).
    private static func isLasting(_ refusal: DaemonRefusal) -> Bool {
        [ErrorCode.badQuery, .badRequest, .badJSON, .unknownOp, .forbidden].map(\.rawValue).contains(refusal.code)
    }

    /// A connection with the subscription made on it, and the seq the daemon serves.
    private static func subscribe(_ path: String, _ request: SearchRequest, sinceSeq: UInt64?) throws -> (Connection, UInt64) {
        // No read timeout: events come when articles do.
        let connection: Connection
        do { connection = try Connection(socketPath: path, timeoutSeconds: 0) } catch { throw CLIError(error.description) }
        let answer = SubscriptionResponse(reading: try connection.call(.subscribe(SubscribeRequest(search: request, sinceSeq: sinceSeq))))
        return (connection, answer.seq ?? 0)
    }

    private func remember(_ seq: UInt64, _ id: String) {
        last = max(last, seq)
        handedOut[seq] = id
        if handedOut.count > 2 * Self.remembered {
            handedOut = handedOut.filter { $0.key + UInt64(Self.remembered) > last }
        }
    }
}
