import CXapian
import TrawlProtocol

/// An article's groups as the index holds them (nil: none).
struct ArticleGroups: Equatable, Sendable {
    var copies: String?
    var story: String?

    func group(_ grouping: Grouping) -> String? { grouping == .copies ? copies : story }
}

extension Grouping {
    /// The shim's constant for this grouping (`tx_writer_set_group`).
    var shimGrouping: Int32 { self == .copies ? TX_COLLAPSE_COPIES : TX_COLLAPSE_STORY }
}

/// Who is in a group, read and changed on the database being written (pending changes included):
/// what keeps group names unique and takes the last member out of a group the others left.
extension IndexWriter {
    /// The ids of at most `limit` articles in `group`.
    func members(of group: String, in grouping: Grouping, limit: Int) throws(TrawlError) -> [String] {
        var out: UnsafeMutablePointer<CChar>?
        var length = 0
        try withText(group) { text throws(TrawlError) in
            try check(path: path) {
                tx_writer_group_members(handle, grouping.shimGrouping, text, UInt32(clamping: limit), &out, &length, $0)
            }
        }
        return lengthPrefixedFields(takeString(out, length: length)).compactMap { ArticleKey(encoded: $0)?.id }
    }

    /// The groups of the article with this id; nil when no article has it.
    func groups(of id: String) throws(TrawlError) -> ArticleGroups? {
        var out: UnsafeMutablePointer<CChar>?
        var length = 0
        do {
            try withText(id) { text throws(TrawlError) in
                try check(path: path) { tx_writer_article_groups(handle, text, &out, &length, $0) }
            }
        } catch .notFound(_) {
            return nil
        }
        let fields = lengthPrefixedFields(takeString(out, length: length))
        return ArticleGroups(copies: fields.first?.nonEmpty, story: fields.dropFirst().first?.nonEmpty)
    }

    /// Takes the article with this id out of its group of `grouping`.
    func leaveGroup(id: String, grouping: Grouping) throws(TrawlError) {
        try withTexts([id, ""]) { t throws(TrawlError) in
            try check(path: path) { tx_writer_set_group(handle, grouping.shimGrouping, t[0], t[1], $0) }
        }
    }
}
