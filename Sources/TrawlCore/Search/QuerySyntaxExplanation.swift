import TrawlProtocol

/// A query syntax error in words: what is wrong and where, and what to do about it, instead
/// of Xapian's grammar (`Syntax: <expression> AND <expression>`).
///
/// Xapian says which rule failed, not where; the explanation finds the operator that lacks a
/// word on one side. Errors Trawl's own field processors raise (`date: …`) are already in
/// words and pass through without Xapian's class name.
struct QuerySyntaxExplanation {
    let message: String

    /// Operators that need a word on both sides (`NOT` may also start a query).
    private static let binaryOperators: Set<String> = ["AND", "OR", "XOR", "NEAR", "ADJ"]
    private static let operators = binaryOperators.union(["NOT"])

    init(query: String, engineMessage: String) {
        let detail = engineMessage.hasPrefix("QueryParserError: ")
            ? String(engineMessage.dropFirst("QueryParserError: ".count)) : engineMessage
        guard detail.hasPrefix("Syntax:") else {
            message = detail
            return
        }
        message = Self.explain(query) ?? "\(UserText.quoted(query)) is not a query Xapian understands: "
            + "check that every AND, OR, NOT, XOR, NEAR and ADJ has a word on each side"
    }

    /// The first operator without a word after it (or, for a binary one, before it).
    private static func explain(_ query: String) -> String? {
        let tokens = Self.tokens(query)
        let quoted = UserText.quoted(query)
        for (index, token) in tokens.enumerated() where operators.contains(Self.operatorName(token.text)) {
            let name = Self.operatorName(token.text)
            let next = index + 1 < tokens.count ? tokens[index + 1].text : nil
            let previous = index > 0 ? tokens[index - 1].text : nil
            if next == nil {
                return "\(quoted) ends with \(name): add a word after it or remove \(name)"
            }
            if let next, next == ")" || binaryOperators.contains(Self.operatorName(next)) {
                let what = next == ")" ? "\")\"" : Self.operatorName(next)
                return "\(quoted): \(name) at character \(token.offset + 1) is followed by \(what): "
                    + "add a word after \(name) or remove it"
            }
            guard binaryOperators.contains(name) else { continue }
            if previous == nil {
                return "\(quoted) starts with \(name): add a word before it or remove \(name)"
            }
            if previous == "(" || Self.operators.contains(Self.operatorName(previous ?? "")) {
                return "\(quoted): \(name) at character \(token.offset + 1) has no word before it: "
                    + "add one or remove \(name)"
            }
        }
        return nil
    }

    /// `NEAR/3` is NEAR.
    private static func operatorName(_ token: String) -> String {
        String(token.prefix { $0 != "/" })
    }

    /// Words, operators and parentheses outside quotes, with their character offsets.
    private static func tokens(_ query: String) -> [(text: String, offset: Int)] {
        var out: [(text: String, offset: Int)] = []
        var current = ""
        var start = 0
        var inQuotes = false
        func flush() {
            if !current.isEmpty { out.append((current, start)) }
            current = ""
        }
        for (offset, character) in query.enumerated() {
            if character == "\"" {
                if !inQuotes { flush(); start = offset }
                current.append(character)
                inQuotes.toggle()
                if !inQuotes { flush() }
            } else if inQuotes {
                current.append(character)
            } else if character.isWhitespace {
                flush()
            } else if character == "(" || character == ")" {
                flush()
                out.append((String(character), offset))
            } else {
                if current.isEmpty { start = offset }
                current.append(character)
            }
        }
        flush()
        return out
    }
}
