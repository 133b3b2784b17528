import Foundation
import TrawlClient

/// The tests build requests and read answers as Foundation objects (`[String: Any]`); the
/// client itself speaks `WireValue`, without Foundation.
extension Connection {
    func requestObject(_ object: [String: Any]) throws(ClientError) -> [String: Any] {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            throw .io("cannot encode the request")
        }
        try send(line: String(decoding: data, as: UTF8.self))
        let line = try readLine()
        guard let response = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
            throw .protocolViolation("trawld sent a line that is not a JSON object: \(line.prefix(200))")
        }
        return response
    }
}
