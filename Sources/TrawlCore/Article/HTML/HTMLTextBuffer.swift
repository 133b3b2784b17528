/// Collects the visible text of part of an HTML page the way a browser lays it out:
/// runs of white space become one space, block elements start new lines.
struct HTMLTextBuffer {
    private(set) var text = ""
    private var pendingSpace = false

    /// Appends text; `preformatted` keeps its line breaks (inside `<pre>`).
    mutating func append(_ chunk: String, preformatted: Bool) {
        for character in chunk {
            if character == "\n" && preformatted {
                lineBreak()
            } else if character.isWhitespace {
                pendingSpace = !text.isEmpty && text.last != "\n"
            } else {
                if pendingSpace { text.append(" ") }
                pendingSpace = false
                text.append(character)
            }
        }
    }

    /// Ends the current line (block boundary or `<br>`).
    mutating func lineBreak() {
        pendingSpace = false
        text.append("\n")
    }

    var isEmpty: Bool {
        !text.contains { !$0.isWhitespace }
    }
}
