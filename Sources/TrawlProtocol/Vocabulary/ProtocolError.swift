/// The error codes of the protocol (PROTOCOL.md, "Error codes"). Closed set: add, never rename.
public enum ErrorCode: String, Sendable, CaseIterable {
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
public struct ProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: ErrorCode
    /// Says what to fix (and, for `bad_request`, starts with the field's name).
    public var message: String
    /// The failed request's `id`, echoed in the answer.
    public var id: RequestID?

    public init(_ code: ErrorCode, _ message: String, id: RequestID? = nil) {
        self.code = code
        self.message = message
        self.id = id
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
