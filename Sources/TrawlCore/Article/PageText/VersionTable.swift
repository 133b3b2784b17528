/// Pages that show an article's revisions side by side (`Version 2 | Version 3 |`, then `---|---|`,
/// then one `cell | cell |` row per paragraph) are indexed as their newest version only.
enum VersionTable {
    /// The lines with such a table replaced by its last column; other lines are left as they are.
    ///
    /// Empty cells and bare change notes like `(31 minutes later)` are dropped, so sentences
    /// present only in older versions disappear.
    static func newestVersion(_ lines: [String]) -> [String] {
        guard let header = lines.firstIndex(where: isHeader) else { return lines }
        let columns = cells(lines[header]).count
        guard let separator = lines[(header + 1)...].firstIndex(where: { !$0.isEmpty }),
              isSeparator(lines[separator])
        else { return lines }
        var result = Array(lines[..<header])
        var index = separator + 1
        while index < lines.count, lines[index].isEmpty || lines[index].utf8.contains(UInt8(ascii: "|")) {
            if let cell = newestCell(lines[index], columns: columns) { result.append(cell) }
            index += 1
        }
        result.append(contentsOf: lines[index...])
        return result
    }

    private static func isHeader(_ line: String) -> Bool {
        guard line.hasPrefix("Version ") || line.hasPrefix("| Version ") else { return false }
        let names = cells(line)
        return names.count >= 2 && names.allSatisfy { name in
            name.hasPrefix("Version ") && !name.dropFirst(8).isEmpty && name.dropFirst(8).allSatisfy(\.isNumber)
        }
    }

    private static func isSeparator(_ line: String) -> Bool {
        line.utf8.contains(UInt8(ascii: "-")) && line.allSatisfy { $0 == "-" || $0 == "|" || $0 == ":" || $0 == " " }
    }

    /// The row's last cell, or nil when it is empty or only a change note.
    private static func newestCell(_ row: String, columns: Int) -> String? {
        var parts = cells(row)
        if parts.count != columns {
            // A "|" inside the text: the cell borders are usually " | ".
            let spaced = cells(row, separator: " | ")
            if spaced.count == columns { parts = spaced }
        }
        guard let cell = parts.last, !cell.isEmpty, !isChangeNote(cell) else { return nil }
        return String(cell)
    }

    /// `(31 minutes later)`, `(2 hours later)`.
    private static func isChangeNote(_ cell: Substring) -> Bool {
        cell.hasPrefix("(") && cell.hasSuffix(" later)") && cell.count <= 40
    }

    /// The row's cells, trimmed, without the empty ones made by leading and trailing bars.
    private static func cells(_ row: String, separator: String = "|") -> [Substring] {
        var text = row.trimmingBlanks()
        if text.hasPrefix("|") { text = text.dropFirst() }
        if text.hasSuffix("|") { text = text.dropLast() }
        guard separator == "|" else {
            return text.split(separator: separator, omittingEmptySubsequences: false).map { $0.trimmingBlanks() }
        }
        // Split on the byte: Character splitting is slow on long rows.
        return text.utf8.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false).map {
            Substring($0).trimmingBlanks()
        }
    }
}
