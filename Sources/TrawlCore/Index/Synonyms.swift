import Foundation

/// A word and one of its synonyms.
public typealias SynonymPair = (term: String, synonym: String)

/// Reads a synonyms file: one `word: synonym, synonym` per line, `#` comments, blank lines ignored.
/// Words are lower-cased; a key may be several words ("prime minister: pm").
public enum SynonymsFile {
    public static func load(path: String) throws(IndexerError) -> [SynonymPair] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .synonyms("cannot read the synonyms file \(path): check that it exists and is UTF-8 text")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(IndexerError) -> [SynonymPair] {
        var pairs: [SynonymPair] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let parts = trimmed.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else {
                throw .synonyms("\(path):\(number + 1): expected `word: synonym, synonym`, got `\(trimmed)`")
            }
            let term = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
            let synonyms = parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard !term.isEmpty, !synonyms.contains(where: \.isEmpty) else {
                throw .synonyms("\(path):\(number + 1): a word or a synonym is empty in `\(trimmed)`")
            }
            pairs += synonyms.map { (term, $0) }
        }
        return pairs
    }
}
