/// `subscribe` (PROTOCOL Additions, "subscribe"): a saved search whose new matches the daemon
/// sends as `event` lines on the same connection. The fields of `search` that select and present
/// hits apply (`q`, `source`, `since`, `until`, `collapse`, `operator`, `snippet`, `highlight`);
/// ranking and paging ones (`limit`, `offset`, `sort`, `facets`) do not.
public struct SubscribeRequest: Sendable, Equatable {
    public var search: SearchRequest
    /// Resume: every match whose change number is above this one first, then the live ones.
    public var sinceSeq: UInt64?

    public init(search: SearchRequest, sinceSeq: UInt64? = nil) {
        self.search = search
        self.sinceSeq = sinceSeq
    }

    init(reading fields: FieldReader, maximumLimit: Int) throws(ProtocolError) {
        search = try SearchRequest(reading: fields, maximumLimit: maximumLimit)
        sinceSeq = try fields.integer(Keys.sinceSeq, in: 0...Int.max).map { UInt64($0) }
    }

    func write(into json: inout JSONWriter) {
        search.write(into: &json)
        if let sinceSeq { json.field(Keys.sinceSeq, Int(clamping: sinceSeq)) }
    }
}

/// `unsubscribe`: ends one subscription of this connection.
public struct UnsubscribeRequest: Sendable, Equatable {
    public var subscription: String

    public init(subscription: String) { self.subscription = subscription }

    init(reading fields: FieldReader) throws(ProtocolError) {
        subscription = try fields.requiredString(Keys.subscription, "the id a subscribe answer gave")
    }
}

/// The answer to `subscribe` (events follow) and to `unsubscribe` (no more follow).
public struct SubscriptionResponse: ResponseBody, Equatable {
    public var subscription: String
    /// `subscribe`: the last change number the daemon serves now (live events come after it).
    public var seq: UInt64?

    public init(subscription: String, seq: UInt64? = nil) {
        self.subscription = subscription
        self.seq = seq
    }

    public func write(into json: inout JSONWriter) {
        json.field(Keys.subscription, subscription)
        if let seq { json.field(Keys.seq, Int(clamping: seq)) }
    }

    public init(reading value: WireValue) {
        var fields = ResponseFields(value)
        subscription = fields.text(Keys.subscription) ?? ""
        seq = fields.int(Keys.seq).map { UInt64(clamping: $0) }
    }
}

/// A line the daemon sends unasked on a connection with subscriptions: it has `event` where an
/// answer has `ok`. `hit`: an article that newly matches; `error`: the subscription is ended
/// (too far behind, the daemon stopping), resume it with `since_seq`.
public enum SubscriptionEvent: Sendable, Equatable {
    case hit(subscription: String, seq: UInt64, hit: Hit)
    case error(subscription: String, code: ErrorCode, message: String)

    /// The event's kind on the wire (`"event": "hit"`).
    public enum Kind: String, Sendable {
        case hit, error
    }

    public var subscription: String {
        switch self {
        case .hit(let subscription, _, _), .error(let subscription, _, _): subscription
        }
    }

    /// The event as one protocol line (`\n` included).
    public func encoded() -> [UInt8] {
        var json = JSONWriter()
        json.object { json in
            switch self {
            case .hit(let subscription, let seq, let hit):
                json.field(Keys.event, Kind.hit.rawValue)
                json.field(Keys.subscription, subscription)
                json.field(Keys.seq, Int(clamping: seq))
                json.key(Keys.hit)
                json.object { json in hit.write(into: &json) }
            case .error(let subscription, let code, let message):
                json.field(Keys.event, Kind.error.rawValue)
                json.field(Keys.subscription, subscription)
                json.key(Keys.error)
                json.object { json in
                    json.field(Keys.code, code.rawValue)
                    json.field(Keys.message, message)
                }
            }
        }
        return json.line
    }

    /// The event a line holds; nil when the line is an answer (no `event` member) or an event
    /// of a kind this client does not know.
    public init?(reading value: WireValue) {
        guard let kind = value[Keys.event]?.text.flatMap(Kind.init(rawValue:)) else { return nil }
        let subscription = value[Keys.subscription]?.text ?? ""
        switch kind {
        case .hit:
            guard let hit = value[Keys.hit], hit.members != nil else { return nil }
            self = .hit(subscription: subscription, seq: UInt64(clamping: value[Keys.seq]?.int ?? 0), hit: Hit(reading: hit))
        case .error:
            let code = value[Keys.error]?[Keys.code]?.text.flatMap(ErrorCode.init(rawValue:)) ?? .internal
            self = .error(subscription: subscription, code: code, message: value[Keys.error]?[Keys.message]?.text ?? "")
        }
    }
}
