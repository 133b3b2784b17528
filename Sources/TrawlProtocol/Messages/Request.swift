/// One decoded, validated request.
public enum Request: Sendable, Equatable {
    case ping
    case hello
    case search(SearchRequest)
    case count(CountRequest)
    case get(GetRequest)
    case stats
    case reload
    case histogram(HistogramRequest)
    case similar(SimilarRequest)
    case put(PutRequest)
    case delete(DeleteRequest)
    case subscribe(SubscribeRequest)
    case unsubscribe(UnsubscribeRequest)

    /// This request's op.
    public var op: Op {
        switch self {
        case .ping: .ping
        case .hello: .hello
        case .search: .search
        case .count: .count
        case .get: .get
        case .stats: .stats
        case .reload: .reload
        case .histogram: .histogram
        case .similar: .similar
        case .put: .put
        case .delete: .delete
        case .subscribe: .subscribe
        case .unsubscribe: .unsubscribe
        }
    }
}

/// A request with its envelope's `id`.
public struct Envelope: Sendable, Equatable {
    public var id: RequestID?
    public var request: Request

    public init(id: RequestID? = nil, request: Request) {
        self.id = id
        self.request = request
    }

    /// The request as one protocol line (`\n` included), for clients.
    public func encoded() -> [UInt8] {
        var json = JSONWriter()
        json.object { json in
            json.id(id)
            json.field(Keys.op, request.op.rawValue)
            switch request {
            case .ping, .hello, .stats, .reload: break
            case .get(let get): json.field(Keys.article, get.article)
            case .search(let search): search.write(into: &json)
            case .count(let count): count.filters.write(into: &json)
            case .histogram(let histogram): histogram.write(into: &json)
            case .similar(let similar): similar.write(into: &json)
            case .put(let put): put.write(into: &json)
            case .delete(let delete): delete.write(into: &json)
            case .subscribe(let subscribe): subscribe.write(into: &json)
            case .unsubscribe(let unsubscribe): json.field(Keys.subscription, unsubscribe.subscription)
            }
        }
        return json.line
    }
}

extension JSONWriter {
    /// The envelope's `id` member, when there is one, written as it was received.
    mutating func id(_ id: RequestID?) {
        guard let id else { return }
        key(Keys.id)
        switch id {
        case .string(let text): string(text)
        case .number(let literal): raw(literal)
        }
    }

    /// The text written so far and a newline: one protocol line.
    var line: [UInt8] {
        var line = bytes
        line.append(UInt8(ascii: "\n"))
        return line
    }
}
