import TrawlWire

/// Turns one request line into a validated `WireEnvelope`, or a `WireFailure` with the
/// protocol's code: `bad_json` (not UTF-8, not JSON, not an object), `bad_request` (a field
/// missing, of the wrong type or out of range; the message names it), `unknown_op`.
/// Unknown fields are ignored, so newer clients can send more.
public struct WireRequestDecoder: Sendable {
    /// Highest `limit` accepted (the server's configured maximum, at most 1000).
    public var maximumLimit: Int
    /// How plain words combine when the request does not say (`operator`, an extension field).
    public var defaultOperator: SearchQuery.DefaultOperator

    /// Most `source` values in one request (each is one more term in the filter; 10,000 took 4 s).
    public static let maximumSources = 1000
    /// Longest `highlight.pre` / `.post`, in bytes: the markers are repeated around every matched
    /// word of up to 1000 snippets, so a 100 KB marker made a 1.3 GB answer.
    public static let maximumHighlightBytes = 256

    /// A decoder for a server's limits; `maximumLimit` is capped at `SearchQuery.maximumLimit`.
    public init(maximumLimit: Int = SearchQuery.maximumLimit, defaultOperator: SearchQuery.DefaultOperator = .and) {
        self.maximumLimit = max(0, min(maximumLimit, SearchQuery.maximumLimit))
        self.defaultOperator = defaultOperator
    }

    /// Decodes one line (without its `\n`).
    public func decode(_ line: UnsafeRawBufferPointer) throws(WireFailure) -> WireEnvelope {
        let bytes = line.assumingMemoryBound(to: UInt8.self)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw WireFailure(.badJSON, "the request is not valid UTF-8")
        }
        let value: WireValue
        do {
            value = try WireJSONParser.parse(bytes)
        } catch {
            throw WireFailure(.badJSON, "the request is not valid JSON: \(error.message)")
        }
        guard case .object(let members) = value else {
            throw WireFailure(.badJSON, "a request must be a JSON object, not \(value.typeName)")
        }
        let id = try Self.id(members["id"])
        do {
            return WireEnvelope(id: id, request: try request(WireFields(members: members)))
        } catch {
            throw WireFailure(error.code, error.message, id: id)
        }
    }

    /// Decodes one line held in any byte collection.
    public func decode(_ line: some Collection<UInt8>) throws(WireFailure) -> WireEnvelope {
        let result = line.withContiguousStorageIfAvailable { buffer in
            Result { () throws(WireFailure) in try decode(UnsafeRawBufferPointer(buffer)) }
        } ?? Array(line).withUnsafeBytes { buffer in Result { () throws(WireFailure) in try decode(buffer) } }
        return try result.get()
    }

    private static func id(_ value: WireValue?) throws(WireFailure) -> WireRequestID? {
        switch value {
        case nil, .null: return nil  // `"id": null` is taken as no id, as JSON-RPC clients send it
        case .string(let text): return .string(text)
        case .number(let number): return .number(number.literal)
        case .some(let other): throw WireFailure(.badRequest, "id must be a string or a number, not \(other.typeName)")
        }
    }

    private func request(_ fields: WireFields) throws(WireFailure) -> WireRequest {
        let op = try fields.requiredString("op", "one of \(WireFields.list(WireRequest.opNames))")
        switch op {
        case "ping": return .ping
        case "hello": return .hello
        case "stats": return .stats
        case "reload": return .reload
        case "search": return .search(try searchQuery(fields))
        case "count": return .count(try countQuery(fields))
        case "get":
            let article = try fields.requiredString("article", "the article id, as in search hits")
            guard !article.isEmpty, !article.utf8.contains(0) else {
                throw WireFailure(.badRequest, "article must be a non-empty article id without NUL characters")
            }
            return .get(article: article)
        default:
            throw WireFailure(
                .unknownOp, "unknown op \(WireFields.quote(op)): use one of \(WireFields.list(WireRequest.opNames))")
        }
    }
}
