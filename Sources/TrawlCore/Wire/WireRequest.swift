/// A request's `id`: any JSON string or number, echoed back exactly as it was sent.
public enum WireRequestID: Sendable, Hashable {
    case string(String)
    /// The number's literal JSON text (`7`, `7.5`, `1e3`).
    case number(String)

    /// An integer id.
    public static func int(_ value: Int) -> WireRequestID { .number(String(value)) }
}

/// One decoded, validated request.
public enum WireRequest: Sendable, Equatable {
    case ping
    case hello
    case search(SearchQuery)
    /// Only `text` and the filters of the query matter (`limit` is 0, no snippets or facets).
    case count(SearchQuery)
    /// `get`: one article by its id.
    case get(article: String)
    case stats
    case reload

    /// The protocol's ops, by wire name.
    public static let opNames = ["ping", "hello", "search", "count", "get", "stats", "reload"]

    /// The wire name of this request's op.
    public var op: String {
        switch self {
        case .ping: "ping"
        case .hello: "hello"
        case .search: "search"
        case .count: "count"
        case .get: "get"
        case .stats: "stats"
        case .reload: "reload"
        }
    }
}

/// A request with its envelope's `id`.
public struct WireEnvelope: Sendable, Equatable {
    /// The request's `id`, if it had one.
    public var id: WireRequestID?
    /// The op and its fields.
    public var request: WireRequest

    /// A request with its `id`.
    public init(id: WireRequestID?, request: WireRequest) {
        self.id = id
        self.request = request
    }
}
