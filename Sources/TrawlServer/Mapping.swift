import TrawlCore
import TrawlProtocol

// The one place that sees both the engine's model and the protocol's messages.

extension ProtocolError {
    /// Classifies an engine error for the wire.
    /// NOTE: `indexChanged` only reaches here after the reader's own reopen-and-retry failed,
    /// so it goes out as `internal` with a message inviting a retry.
    init(_ error: TrawlError, id: RequestID? = nil) {
        let code: ErrorCode =
            switch error {
            case .indexNotFound: .noIndex
            case .badQuery, .queryTooBroad: .badQuery
            case .notFound: .notFound
            case .timeout, .shardTimeout: .timeout
            case .indexChanged, .indexUnreadable, .indexLocked, .indexCorrupt, .storage, .invalidArgument,
                .outOfMemory, .engine, .shardUnavailable:
                .internal
            }
        var message = error.description
        if case .indexChanged = error { message += "; try again" }
        self.init(code, message, id: id)
    }
}

/// Runs an engine call, turning its error into the wire's.
func engine<T>(_ body: () throws(TrawlError) -> T) throws(ProtocolError) -> T {
    do {
        return try body()
    } catch {
        throw ProtocolError(error)
    }
}
