import TrawlTestSupport
import TrawlProtocol

/// Answers read as wire values, as the server tests check them.
extension RawSocket {
    /// The next response, parsed.
    func readResponse() throws -> WireValue {
        guard let line = try readLine() else { throw RawSocketError("connection closed before a response") }
        return try WireJSONParser.parse(line)
    }

    /// Sends one request line and reads its response.
    func roundTrip(_ request: String) throws -> WireValue {
        try send(request + "\n")
        return try readResponse()
    }
}

/// Reading responses in tests (`subscript`, `int` and `text` come with TrawlProtocol).
extension WireValue {
    var isTrue: Bool { self == .bool(true) }

    var count: Int { elements?.count ?? 0 }

    /// `error.code` of a failure response.
    var errorCode: String? { self["error"]?["code"]?.text }
}
