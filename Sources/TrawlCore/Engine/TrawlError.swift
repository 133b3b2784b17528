import CXapian

/// Everything that can go wrong in the engine layer, classified so callers can react
/// (retry on `indexChanged`, answer `no_index`, `bad_query`, `not_found`, `timeout`...).
public enum TrawlError: Error, Equatable, Sendable, CustomStringConvertible {
    case indexNotFound(path: String, detail: String)
    case indexUnreadable(path: String, detail: String)
    case indexLocked(path: String, detail: String)
    case indexChanged(detail: String)
    case indexCorrupt(path: String, detail: String)
    case storage(path: String, detail: String)
    case badQuery(detail: String)
    /// A query that parses but asks for more than an answer may hold; `detail` says what to ask instead.
    case queryTooBroad(detail: String)
    case notFound(id: String)
    case timeout(detail: String)
    case invalidArgument(String)
    case outOfMemory
    case engine(detail: String)
    /// A remote shard did not answer within `shards.timeout_ms` (or connect within `connect_timeout_ms`).
    case shardTimeout(detail: String)
    /// A remote shard refused or broke the connection; for a search, every shard did.
    case shardUnavailable(detail: String)

    /// Builds the error for a failed shim call; frees the shim's message.
    init(status: tx_status, message: UnsafeMutablePointer<CChar>?, path: String = "") {
        defer { tx_string_free(message) }
        let statusText = String(cString: tx_status_string(status))
        let detail = message.map { String(cString: $0) } ?? statusText
        switch status {
        case TX_ERR_DATABASE_NOT_FOUND: self = .indexNotFound(path: path, detail: detail)
        case TX_ERR_DATABASE_OPENING: self = .indexUnreadable(path: path, detail: detail)
        case TX_ERR_DATABASE_LOCKED: self = .indexLocked(path: path, detail: detail)
        case TX_ERR_DATABASE_MODIFIED: self = .indexChanged(detail: detail)
        case TX_ERR_DATABASE_CORRUPT: self = .indexCorrupt(path: path, detail: detail)
        case TX_ERR_DATABASE: self = .storage(path: path, detail: detail)
        case TX_ERR_QUERY_SYNTAX: self = .badQuery(detail: detail)
        case TX_ERR_NOT_FOUND: self = .notFound(id: detail)
        case TX_ERR_TIMEOUT: self = .timeout(detail: detail)
        case TX_ERR_INVALID_ARGUMENT: self = .invalidArgument(detail)
        case TX_ERR_OUT_OF_MEMORY: self = .outOfMemory
        case TX_ERR_NETWORK_TIMEOUT: self = .shardTimeout(detail: detail)
        case TX_ERR_NETWORK: self = .shardUnavailable(detail: detail)
        default: self = .engine(detail: "\(statusText): \(detail)")
        }
    }

    public var description: String {
        switch self {
        case .indexNotFound(let path, _): "no index at \(path): build one with `trawl-index`"
        case .indexUnreadable(let path, let detail): "cannot open the index at \(path): \(detail)"
        case .indexLocked(let path, let detail): "the index at \(path) is locked by another writer (\(detail))"
        case .indexChanged(let detail): "the index changed while it was being read: \(detail)"
        case .indexCorrupt(let path, let detail):
            "the index at \(path) is damaged (\(detail)); rebuild it with `trawl-index --rebuild`"
        case .storage(let path, let detail): "index storage error at \(path): \(detail)"
        case .badQuery(let detail): "cannot parse the query: \(detail)"
        case .queryTooBroad(let detail): detail
        case .notFound(let id): "no article with id \(id)"
        case .timeout(let detail): "the query ran past its time budget: \(detail)"
        case .invalidArgument(let detail): "invalid argument: \(detail)"
        case .outOfMemory: "out of memory"
        case .engine(let detail): "search engine error: \(detail)"
        case .shardTimeout(let detail): "a remote shard did not answer in time: \(detail)"
        case .shardUnavailable(let detail): "a remote shard cannot be reached: \(detail)"
        }
    }
}

/// Runs a shim call that reports through a status and a malloc'd message.
@inline(__always)
func check(
    path: String = "", _ call: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> tx_status
) throws(TrawlError) {
    var message: UnsafeMutablePointer<CChar>?
    let status = call(&message)
    guard status == TX_OK else { throw TrawlError(status: status, message: message, path: path) }
}
