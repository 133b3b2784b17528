/// Lenient reading of a response object's members (the client's side): a missing member, or one
/// of an unexpected type, takes its default and stays in `rest`, so output for scripts can still
/// show what a newer (or older) daemon sent.
struct ResponseFields {
    /// The members not read yet.
    private(set) var rest: [String: WireValue]

    init(_ value: WireValue) { rest = value.members ?? [:] }

    /// Takes the member when `read` accepts its value; leaves it in `rest` otherwise.
    private mutating func take<T>(_ key: String, _ read: (WireValue) -> T?) -> T? {
        guard let value = rest[key], let typed = read(value) else { return nil }
        rest[key] = nil
        return typed
    }

    mutating func text(_ key: String) -> String? { take(key) { $0.text } }
    mutating func int(_ key: String) -> Int? { take(key) { $0.int } }
    mutating func double(_ key: String) -> Double? { take(key) { $0.double } }
    mutating func bool(_ key: String) -> Bool? { take(key) { $0.bool } }
    mutating func object(_ key: String) -> WireValue? { take(key) { $0.members == nil ? nil : $0 } }
    mutating func array(_ key: String) -> [WireValue]? { take(key) { $0.elements } }
}

/// A response body: written by the server in the protocol's order, read back leniently by clients.
public protocol ResponseBody: Sendable {
    /// The members after `id` and `ok`.
    func write(into json: inout JSONWriter)
    /// Reads an answer's members; never fails (see `ResponseFields`).
    init(reading value: WireValue)
}

extension ResponseBody {
    /// The body as a JSON value (keys sorted when printed), e.g. for `--json` output.
    public var jsonValue: WireValue {
        var json = JSONWriter()
        json.object { json in write(into: &json) }
        // What the writer wrote is JSON.
        return json.bytes.withUnsafeBufferPointer { (try? WireJSONParser.parse($0)) ?? .object([:]) }
    }
}

/// Whole response lines (`\n` included): `id` when the request had one, `ok`, then the body.
public enum ResponseLine {
    /// `{"id":…,"ok":true,…}`
    public static func success(id: RequestID?, _ body: some ResponseBody) -> [UInt8] {
        envelope(id: id, ok: true) { json in body.write(into: &json) }
    }

    /// `{"id":…,"ok":true}`: the answer to `ping`.
    public static func pong(id: RequestID?) -> [UInt8] { envelope(id: id, ok: true) { _ in } }

    /// `{"id":…,"ok":false,"error":{"code":…,"message":…}}`
    public static func failure(_ failure: ProtocolError) -> [UInt8] {
        envelope(id: failure.id, ok: false) { json in
            json.key(Keys.error)
            json.object { json in
                json.field(Keys.code, failure.code.rawValue)
                json.field(Keys.message, failure.message)
            }
        }
    }

    private static func envelope(id: RequestID?, ok: Bool, _ body: (inout JSONWriter) -> Void) -> [UInt8] {
        var json = JSONWriter()
        json.object { json in
            json.id(id)
            json.field(Keys.ok, ok)
            body(&json)
        }
        return json.line
    }

    /// The error of a response that is not `ok` (a lenient read: a daemon's odd answer still
    /// becomes an error that says what it sent).
    public static func error(in response: WireValue) -> (code: String, message: String)? {
        guard response[Keys.ok]?.bool != true else { return nil }
        return (
            response[Keys.error]?[Keys.code]?.text ?? "error",
            response[Keys.error]?[Keys.message]?.text ?? "trawld refused the request"
        )
    }

    /// Milliseconds to the microsecond: enough for anyone, and short on the wire.
    public static func rounded(_ milliseconds: Double) -> Double {
        (milliseconds * 1000).rounded() / 1000
    }
}
