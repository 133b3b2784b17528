/// Removes light inline Markdown from one line: emphasis markers, code backticks,
/// `[text](url)` and `[text][ref]` links (the text stays), images (dropped) and `<url>` brackets.
enum MarkdownInline {
    static func strip(_ line: Substring, depth: Int = 0) -> String {
        guard line.contains(where: { "*_~`[]!<\\".contains($0) }) else { return String(line) }
        var output = ""
        output.reserveCapacity(line.utf8.count)
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
                output.append(chars[i + 1])     // an escaped character is literal text
                i += 2
            } else if c == "!", i + 1 < chars.count, chars[i + 1] == "[", let link = Link(chars, at: i + 1) {
                i = link.end                    // images carry no article text
                if output.hasSuffix(" "), i < chars.count, chars[i] == " " { i += 1 }
            } else if c == "[", let link = Link(chars, at: i) {
                let text = String(chars[link.text])
                output += depth < 3 ? strip(Substring(text), depth: depth + 1) : text
                i = link.end
            } else if c == "<", let end = autolinkEnd(chars, from: i) {
                output += String(chars[(i + 1)..<end])
                i = end + 1
            } else if c == "`" {
                i += 1
            } else if c == "*" || c == "_" || c == "~" {
                i = emphasisRun(chars, from: i, into: &output)
            } else {
                output.append(c)
                i += 1
            }
        }
        return output
    }

    /// How far to look for a closing bracket; keeps junk input (thousands of `[`) linear.
    private static let maxScan = 1000

    /// Drops a run of `*`, `_` or `~` that opens or closes emphasis; keeps one inside a word
    /// (`snake_case`) or standing alone between spaces (`2 * 3`).
    private static func emphasisRun(_ chars: [Character], from start: Int, into output: inout String) -> Int {
        var end = start
        while end < chars.count && chars[end] == chars[start] { end += 1 }
        let before = start > 0 ? chars[start - 1] : " "
        let after = end < chars.count ? chars[end] : " "
        let intraword = isWordCharacter(before) && isWordCharacter(after)
        let loose = before.isWhitespace && after.isWhitespace
        if intraword || loose { output += String(chars[start..<end]) }
        return end
    }

    private static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber
    }

    /// `<https://…>` or `<mailto:…>`: index of the closing `>`.
    private static func autolinkEnd(_ chars: [Character], from start: Int) -> Int? {
        let window = chars[start..<min(chars.count, start + maxScan)]
        guard let end = window.firstIndex(of: ">"), end > start + 1 else { return nil }
        let inner = String(chars[(start + 1)..<end])
        let isLink = inner.hasPrefix("http://") || inner.hasPrefix("https://") || inner.hasPrefix("mailto:")
        return isLink && !inner.contains(" ") ? end : nil
    }

    /// `[text](target)` or `[text][ref]` starting at an opening bracket.
    private struct Link {
        let text: Range<Int>
        let end: Int

        init?(_ chars: [Character], at open: Int) {
            guard let close = Self.matching(chars, from: open, opening: "[", closing: "]") else { return nil }
            let next = close + 1
            guard next < chars.count, chars[next] == "(" || chars[next] == "[" else { return nil }
            let closing: Character = chars[next] == "(" ? ")" : "]"
            guard let targetEnd = Self.matching(chars, from: next, opening: chars[next], closing: closing)
            else { return nil }
            text = (open + 1)..<close
            end = targetEnd + 1
        }

        /// Index of the bracket closing the one at `start`, counting nested pairs.
        private static func matching(_ chars: [Character], from start: Int, opening: Character,
                                     closing: Character) -> Int? {
            var depth = 0
            for index in start..<min(chars.count, start + maxScan) {
                if chars[index] == opening { depth += 1 }
                if chars[index] == closing {
                    depth -= 1
                    if depth == 0 { return index }
                }
            }
            return nil
        }
    }
}
