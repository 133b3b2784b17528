#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TrawlProtocol

/// What `trawl put` reads: one JSON article object (it may span lines), or JSON lines, one
/// article object per line (blank lines skipped). Each article is checked here by the protocol's
/// own rules, so a bad line is reported without a round trip.
struct ArticleInput {
    /// One article to send, or why its line cannot be one; `line` counts from 1.
    struct Item {
        var line: Int
        var article: Result<PushedArticle, ProtocolError>
    }

    static func items(in text: String) -> [Item] {
        if let whole = try? WireJSONParser.parse(text), case .object = whole {
            return [Item(line: 1, article: Result { () throws(ProtocolError) in try PushedArticle(whole) })]
        }
        var items: [Item] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.contains(where: { !$0.isWhitespace }) {
            let article = Result { () throws(ProtocolError) -> PushedArticle in
                let value: WireValue
                do throws(WireJSONParser.SyntaxError) { value = try WireJSONParser.parse(String(line)) } catch {
                    throw ProtocolError(.badJSON, "not JSON: \(error.message)")
                }
                return try PushedArticle(value)
            }
            items.append(Item(line: offset + 1, article: article))
        }
        return items
    }

    /// The whole file, or standard input for `-`.
    static func read(_ path: String) throws(CLIError) -> String {
        let fd = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CLIError("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw CLIError("cannot read \(path): \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            bytes += chunk[0..<n]
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw CLIError("\(path) is not UTF-8 text") }
        return text
    }
}
