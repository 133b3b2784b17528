import CXapian

/// An article the story query found, with what deciding its story needs.
struct StoryCandidate: GroupMember, Equatable {
    var id: String
    /// Its story; nil while it has none.
    var story: String?
    var sortKey: String
    /// The share of the article's telling-term weight this one has (0...1).
    var similarity: Double

    var group: String? { story }
}

extension IndexWriter {
    /// The article's telling terms (those `similar` ranks by), as "<weight> <term>" lines; nil
    /// when no article has the id in this database.
    func storyTerms(id: String) throws(TrawlError) -> String? {
        var out: UnsafeMutablePointer<CChar>?
        var length = 0
        do {
            try withText(id) { text throws(TrawlError) in
                try check(path: path) { tx_writer_story_terms(handle, text, &out, &length, $0) }
            }
        } catch .notFound(_) {
            return nil
        }
        return takeString(out, length: length)
    }

    /// The articles (pending changes included) published on one of `days` (empty: any day) most
    /// like `terms`, at most `limit`, best first.
    func storyCandidates(terms: String, days: [String], limit: Int) throws(TrawlError) -> [StoryCandidate] {
        var out: UnsafeMutablePointer<CChar>?
        var length = 0
        try withTexts([terms, days.map { TX_PREFIX_DAY + $0 }.joined(separator: "\n")]) { t throws(TrawlError) in
            try check(path: path) { tx_writer_story_candidates(handle, t[0], t[1], UInt32(clamping: limit), &out, &length, $0) }
        }
        let fields = Self.lengthPrefixedFields(takeString(out, length: length))
        return stride(from: 0, to: fields.count - 3, by: 4).compactMap { start in
            guard let key = ArticleKey(encoded: fields[start]) else { return nil }
            return StoryCandidate(
                id: key.id, story: fields[start + 1].isEmpty ? nil : fields[start + 1], sortKey: fields[start + 2],
                similarity: Double(fields[start + 3]) ?? 0)
        }
    }

    /// Puts the article with this id into a story (its collapse key and `story:` term).
    func setStory(id: String, story: String) throws(TrawlError) {
        try withTexts([id, story]) { t throws(TrawlError) in
            try check(path: path) { tx_writer_set_group(handle, TX_COLLAPSE_STORY, t[0], t[1], $0) }
        }
    }
}
