import CXapian

/// An article the story query found, with what deciding its story needs.
struct StoryCandidate: GroupMember, Equatable, Sendable {
    var id: String
    /// Its story; nil while it has none.
    var story: String?
    var sortKey: String
    /// The share of the article's telling-term weight this one has (0...1).
    var similarity: Double

    var group: String? { story }
}

extension IndexWriter {
    /// Puts the article with this id into a story (its collapse key and `story:` term).
    func setStory(id: String, story: String) throws(TrawlError) {
        try withTexts([id, story]) { t throws(TrawlError) in
            try check(path: path) { tx_writer_set_group(handle, TX_COLLAPSE_STORY, t[0], t[1], $0) }
        }
    }
}
