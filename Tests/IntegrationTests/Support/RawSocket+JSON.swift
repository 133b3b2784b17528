import Foundation
import TrawlTestSupport

/// Answers read as Foundation JSON objects, as the integration tests check them.
extension RawSocket {
    /// The next line as a JSON object; nil at end of stream.
    func readAnswer() throws -> [String: Any]? {
        guard let line = try readLine() else { return nil }
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw RawSocketError("not a JSON object: \(line.prefix(200))")
        }
        return object
    }

    /// Sends `line` and a newline, and reads one answer (which must come).
    func roundTrip(_ line: String) throws -> [String: Any] {
        try send(line + "\n")
        guard let answer = try readAnswer() else { throw RawSocketError("closed instead of answering \(line.prefix(100))") }
        return answer
    }
}
