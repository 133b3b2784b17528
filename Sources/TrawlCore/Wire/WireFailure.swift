/// The error codes of the wire protocol (PROTOCOL.md, "Error codes"). Closed set: add, never rename.
public enum WireErrorCode: String, Sendable, CaseIterable {
    /// The line is not a JSON object (or not valid UTF-8).
    case badJSON = "bad_json"
    /// A field is missing, of the wrong type, or out of range; the message names the field.
    case badRequest = "bad_request"
    /// `op` is not one of the protocol's ops.
    case unknownOp = "unknown_op"
    /// The query string cannot be parsed.
    case badQuery = "bad_query"
    /// The request line is over the size limit; the server closes the connection after this.
    case requestTooLarge = "request_too_large"
    /// No index has been built yet.
    case noIndex = "no_index"
    /// `get` of an article id that is not in the index.
    case notFound = "not_found"
    /// The server's queue is full.
    case overloaded = "overloaded"
    /// The request ran (or waited) past its time budget.
    case timeout = "timeout"
    /// Anything else; the message says what failed.
    case `internal` = "internal"
    /// The peer's uid/gid is not allowed to use the socket (added to the protocol's set).
    case forbidden = "forbidden"
}

/// A request that failed: the code, a message saying what to fix, and the request's `id`
/// when the line could be read far enough to find it.
public struct WireFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The protocol's error code.
    public var code: WireErrorCode
    /// Human-readable; says what to fix (and names the field for `bad_request`).
    public var message: String
    /// The failed request's `id`, echoed in the answer.
    public var id: WireRequestID?

    /// A failure with its code and message.
    public init(_ code: WireErrorCode, _ message: String, id: WireRequestID? = nil) {
        self.code = code
        self.message = message
        self.id = id
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }

    /// Classifies an engine error for the wire.
    /// NOTE: `indexChanged` only reaches here after the reader's own reopen-and-retry failed,
    /// so it goes out as `internal` with a message inviting a retry.
    public init(_ error: TrawlError, id: WireRequestID? = nil) {
        let code: WireErrorCode =
            switch error {
            case .indexNotFound: .noIndex
            case .badQuery: .badQuery
            case .notFound: .notFound
            case .timeout: .timeout
            case .indexChanged, .indexUnreadable, .indexLocked, .indexCorrupt, .storage, .invalidArgument,
                .outOfMemory, .engine:
                .internal
            }
        var message = error.description
        if case .indexChanged = error { message += "; try again" }
        self.init(code, message, id: id)
    }
}
