import Foundation

/// What a line in the head of a scraped page tells about the article, when it is metadata rather than text.
enum MetadataLine: Equatable {
    /// `This article is from the source 'bbc' and was first published or seen on …`
    case source(String)
    /// `You can find the current article at its original source at https://…`, or a line that is only a URL.
    case url(String)
    /// `The article has changed 7 times. …`: says nothing we index.
    case note
    /// `15 May 2025, 11:13 | Updated: 15 May 2025, 13:25`
    case dates(DateLine)
    /// `By Danielle de Wolfe`
    case byline(String)

    var isByline: Bool {
        if case .byline = self { true } else { false }
    }

    /// Classifies a trimmed, cleaned line. Dates and bylines are only looked for when
    /// `inHead` is true, so a short line deep in the text is not mistaken for them.
    static func classify(_ line: String, inHead: Bool) -> MetadataLine? {
        if let source = quotedSource(line) { return .source(source) }
        if let url = originalSourceURL(line) { return .url(url) }
        if line.hasPrefix("The article has changed "), line.contains(" times") { return .note }
        guard inHead else { return nil }
        if isBareURL(line[...]) { return .url(line) }
        if let dates = DateLine(line) { return .dates(dates) }
        if let name = Byline.name(in: line) { return .byline(name) }
        return nil
    }

    private static func quotedSource(_ line: String) -> String? {
        let prefix = "This article is from the source "
        guard line.hasPrefix(prefix) else { return nil }
        let quoted = line.dropFirst(prefix.count)
        guard let open = quoted.first, open == "'" || open == "\u{2018}" else { return nil }
        let rest = quoted.dropFirst()
        guard let end = rest.firstIndex(where: { $0 == "'" || $0 == "\u{2019}" }) else { return nil }
        let name = rest[..<end].trimmingBlanks()
        return name.isEmpty || name.count > 60 ? nil : String(name)
    }

    private static func originalSourceURL(_ line: String) -> String? {
        let marker = "original source at "
        guard line.hasPrefix("You can find the current article at its original source"),
              let range = line.range(of: marker)
        else { return nil }
        let url = line[range.upperBound...].prefix { $0 != " " }
        return isBareURL(url) ? String(url) : nil
    }

    /// `http(s)://host…` with no spaces.
    static func isBareURL(_ text: Substring) -> Bool {
        (text.hasPrefix("https://") || text.hasPrefix("http://")) && text.count > 10
            && !text.utf8.contains(UInt8(ascii: " ")) && !text.utf8.contains(UInt8(ascii: "\t"))
    }
}

/// A line that is only a date, or a publication and an update date, with optional labels.
struct DateLine: Equatable {
    var published: WrittenDate?
    var updated: WrittenDate?

    /// Nil unless every `|`-separated part of `line` is a date (`Updated:` marks the update time).
    init?(_ line: String) {
        guard line.utf8.count <= 120, line.contains(where: \.isNumber) else { return nil }
        for part in line.split(separator: "|") {
            let text = String(part.trimmingBlanks())
            guard let (label, date) = NewsDateParser.parseLabelled(text) else { return nil }
            if label == .updated {
                if updated == nil { updated = date }
            } else if published == nil {
                published = date
            }
        }
        if published == nil && updated == nil { return nil }
    }
}

/// Author lines such as `By Danielle de Wolfe` or `By Jane Doe and John Roe, Political Editor`.
enum Byline {
    /// The names after "By ", or nil when the line reads like a sentence (`By removing them …`).
    static func name(in line: String) -> String? {
        guard line.hasPrefix("By ") || line.hasPrefix("by "), line.utf8.count <= 80 else { return nil }
        let name = line.dropFirst(3).trimmingBlanks()
        let words = name.split(separator: " ")
        guard let first = words.first?.first, first.isUppercase, (1...10).contains(words.count),
              !name.hasSuffix("."), !name.contains(where: { ":;!?()\"\u{201C}\u{201D}".contains($0) })
        else { return nil }
        // Names are capitalised words with a few lower-case particles (de, van, and).
        let capitalised = words.filter { $0.first?.isUppercase == true }.count
        return capitalised * 2 >= words.count ? String(name) : nil
    }
}
