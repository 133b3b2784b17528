/// The protocol's bounds, each written once: the server's decoder enforces them, the CLI checks
/// its flags against them before connecting, and config takes its defaults from them.
public enum Limits {
    /// `limit`: hits per request. A server may lower the top (`limits.max_limit`), never raise it.
    public static let limit = 0...1000
    /// `limit` when a request leaves it out.
    public static let defaultLimit = 10
    /// `offset`: the engine adds offset and limit in 32 bits, so their sum stays in range.
    public static let offset = 0...(Int(UInt32.max) - limit.upperBound)
    /// Most `source` values in one request (each is one more term in the filter; 10,000 took 4 s).
    public static let sources = 1000
    /// Longest `highlight.pre` / `.post`, in bytes: the markers are repeated around every matched
    /// word of up to 1000 snippets, so a 100 KB marker made a 1.3 GB answer.
    public static let highlightBytes = 256
    /// Most words (operators and field values included) in one query text.
    /// NOTE: Xapian's time grows faster than the query (100 KB of `a* a* …` ran for 26 s, of
    /// `x OR x OR …` for 6 s), and its time limit bounds only the match, so without this one
    /// request could hold a worker far past its budget. Words are what cost; spaces are free.
    public static let queryWords = 256
    /// Longest request line a server accepts by default (`limits.max_request_bytes`).
    public static let defaultRequestBytes = 1 << 20
    /// Most text in one pushed article (`put`): its fields' values added up, in UTF-8 bytes.
    public static let articleBytes = 1 << 20
    /// Longest pushed article id, in UTF-8 bytes.
    public static let articleIDBytes = 1024

    /// The words of a query text as `queryWords` counts them: runs of letters, digits and `_`.
    public static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let isWordCharacter = scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if isWordCharacter && !inWord { count += 1 }
            inWord = isWordCharacter
        }
        return count
    }
}
