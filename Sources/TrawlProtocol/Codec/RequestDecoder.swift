/// Turns one request line into a validated `Envelope`, or a `ProtocolError` with the protocol's
/// code: `bad_json` (not UTF-8, not JSON, not an object), `bad_request` (a field missing, of the
/// wrong type or out of range; the message names it), `unknown_op`. Unknown fields are ignored,
/// so newer clients can send more.
public struct RequestDecoder: Sendable {
    /// Highest `limit` accepted: the server's configured maximum, within `Limits.limit`.
    public let maximumLimit: Int

    public init(maximumLimit: Int = Limits.limit.upperBound) {
        self.maximumLimit = min(max(maximumLimit, Limits.limit.lowerBound), Limits.limit.upperBound)
    }

    /// Decodes one line (without its `\n`).
    public func decode(_ line: UnsafeRawBufferPointer) throws(ProtocolError) -> Envelope {
        let bytes = line.assumingMemoryBound(to: UInt8.self)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw ProtocolError(.badJSON, "the request is not valid UTF-8")
        }
        let value: WireValue
        do {
            value = try WireJSONParser.parse(bytes)
        } catch {
            throw ProtocolError(.badJSON, "the request is not valid JSON: \(error.message)")
        }
        guard case .object(let members) = value else {
            throw ProtocolError(.badJSON, "a request must be a JSON object, not \(value.typeName)")
        }
        let id = try Self.id(members[Keys.id])
        do {
            return Envelope(id: id, request: try request(FieldReader(members: members)))
        } catch {
            throw ProtocolError(error.code, error.message, id: id)
        }
    }

    /// Decodes one line held in any byte collection.
    public func decode(_ line: some Collection<UInt8>) throws(ProtocolError) -> Envelope {
        let result =
            line.withContiguousStorageIfAvailable { buffer in
                Result { () throws(ProtocolError) in try decode(UnsafeRawBufferPointer(buffer)) }
            } ?? Array(line).withUnsafeBytes { buffer in Result { () throws(ProtocolError) in try decode(buffer) } }
        return try result.get()
    }

    private static func id(_ value: WireValue?) throws(ProtocolError) -> RequestID? {
        switch value {
        case nil, .null: return nil  // `"id": null` is taken as no id, as JSON-RPC clients send it
        case .string(let text): return .string(text)
        case .number(let number): return .number(number.literal)
        case .some(let other): throw ProtocolError(.badRequest, "\(Keys.id) must be a string or a number, not \(other.typeName)")
        }
    }

    private func request(_ fields: FieldReader) throws(ProtocolError) -> Request {
        let ops = FieldReader.list(Op.allCases.map(\.rawValue))
        let name = try fields.requiredString(Keys.op, "one of \(ops)")
        guard let op = Op(rawValue: name) else {
            throw ProtocolError(.unknownOp, "unknown op \(FieldReader.quote(name)): use one of \(ops)")
        }
        switch op {
        case .ping: return .ping
        case .hello: return .hello
        case .stats: return .stats
        case .reload: return .reload
        case .search: return .search(try SearchRequest(reading: fields, maximumLimit: maximumLimit))
        case .count: return .count(CountRequest(filters: try SearchFilters(reading: fields)))
        case .get: return .get(try GetRequest(reading: fields))
        case .histogram: return .histogram(try HistogramRequest(reading: fields))
        case .similar: return .similar(try SimilarRequest(reading: fields, maximumLimit: maximumLimit))
        case .put: return .put(try PutRequest(reading: fields))
        case .delete: return .delete(try DeleteRequest(reading: fields))
        case .subscribe: return .subscribe(try SubscribeRequest(reading: fields, maximumLimit: maximumLimit))
        case .unsubscribe: return .unsubscribe(try UnsubscribeRequest(reading: fields))
        }
    }
}
