import Foundation

/// What the line-oriented reading of a page found: metadata, title and body.
struct PageFields {
    var title: String?
    var body = ""
    var url: String?
    var source: String?
    var byline: String?
    /// As written; `ArticleParser.article` places a date without a zone in the configured zone.
    var date: WrittenDate?
    var updated: WrittenDate?
}

/// The shared reading of a page's text lines, used for `.txt` and, after their own
/// syntax is removed, for Markdown and HTML bodies.
///
/// Steps: newest version of a revision table, boilerplate removal, metadata lines
/// (source, URL, date, byline) taken out, title from the first real line, then the body.
struct PageText {
    let boilerplate: BoilerplateRules

    /// How many real lines at the top of a page may hold a date or byline.
    static let headLineCount = 8

    /// Reads cleaned, trimmed `lines`. With `knownTitle`, the title is not taken from the
    /// text, and a first line that repeats it is dropped.
    func read(_ lines: [String], knownTitle: String?, paragraphs: BodyLayout.Paragraphs) -> PageFields {
        let cleaned = boilerplate.apply(to: VersionTable.newestVersion(lines))
        var fields = PageFields()
        var bodyLines: [String] = []
        bodyLines.reserveCapacity(cleaned.count)
        var realLines = 0
        for line in cleaned {
            guard !line.isEmpty else {
                bodyLines.append(line)
                continue
            }
            let titleSeen = knownTitle != nil || fields.title != nil
            if let metadata = MetadataLine.classify(line, inHead: realLines <= Self.headLineCount),
               titleSeen || !metadata.isByline,      // a "By …" line above the title is the title
               fields.absorb(metadata) {
                continue
            }
            realLines += 1
            if knownTitle == nil && fields.title == nil {
                fields.title = line
            } else if realLines == 1, let knownTitle, line.caseInsensitiveCompare(knownTitle) == .orderedSame {
                continue
            } else {
                bodyLines.append(line)
            }
        }
        fields.body = BodyLayout.join(bodyLines, paragraphs)
        return fields
    }
}

extension PageFields {
    /// Stores the metadata; false when the field is already known, so the line stays text.
    mutating func absorb(_ metadata: MetadataLine) -> Bool {
        switch metadata {
        case .source(let name):
            if source == nil { source = name }
            return true
        case .note:
            return true
        case .url(let link):
            guard url == nil else { return false }
            url = link
        case .dates(let line):
            // A second date line may add the update time, but never replaces a date already read.
            guard (line.published == nil || date == nil) && (line.updated == nil || updated == nil) else {
                return false
            }
            date = date ?? line.published
            updated = updated ?? line.updated
        case .byline(let name):
            guard byline == nil else { return false }
            byline = name
        }
        return true
    }
}
