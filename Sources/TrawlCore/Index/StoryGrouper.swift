import Foundation

/// The story rule: articles about the same event, published within `windowDays` of each other.
///
/// An article's story matches are the articles on the days of its window (UTC days, the article's
/// own day +- `windowDays`; an undated article's window is every day, as it cannot be placed)
/// that hold at least `threshold` of its telling terms' weight (the terms `similar` ranks by: Bo1
/// expansion over the article alone), the `candidateLimit` holding the most per database. The
/// query itself leaves out the articles below the threshold (`GroupingLookup.storyCandidates(of:days:)`),
/// so that Xapian's matcher skips most of the window. Which story they join is `GroupRule`'s (so
/// in a rebuild, where undated articles come last, they join the stories of dated ones). The
/// measurements behind the threshold: `StoryQualityTests` and docs/SCHEMA.md.
struct StoryGrouper {
    let state: any GroupingState
    let windowDays: Int

    /// `indexing.story_window_days`' default.
    static let defaultWindowDays = 3
    static let candidateLimit = 10
    /// The share of an article's telling-term weight a same-story article has at least.
    static let threshold = 0.5

    /// Puts the written article into its story; returns the story, nil when it has none.
    @discardableResult
    func assign(id: String, sortKey: String) throws(TrawlError) -> String? {
        let candidates = try state.storyCandidates(of: id, days: Self.window(sortKey: sortKey, days: windowDays))
        let matches = candidates.filter { $0.id != id && $0.similarity >= Self.threshold }
        let itself = StoryCandidate(
            id: id, story: candidates.first { $0.id == id }?.story, sortKey: sortKey, similarity: 1)
        let named = try GroupRule.join(itself, matches: matches) { name throws(TrawlError) in
            try state.isGroupTaken(name, grouping: .story)
        }
        guard let (story, joining) = named else { return nil }
        for member in joining { try state.setStory(id: member.id, story: story) }
        return story
    }

    /// The story an article's copies are in: that of the earliest copy that has one (`GroupRule`'s order).
    static func storyOf(copies: [CopyCandidate]) -> String? {
        copies.filter { $0.story != nil }.min(by: GroupRule.earlier)?.story
    }

    /// `YYYYMMDD` of every UTC day of an article's window: its own day +- `days`; none (every
    /// day) when it is undated.
    static func window(sortKey: String, days: Int) -> [String] {
        guard let date = date(sortKey: sortKey) else { return [] }
        return (-days...days).map { String(WireDate.sortKey(date.addingTimeInterval(Double($0) * 86_400)).prefix(8)) }
    }

    /// The instant of a `YYYYMMDDhhmmss` sort key; nil for "" (undated).
    static func date(sortKey: String) -> Date? {
        let c = Array(sortKey)
        guard c.count == 14 else { return nil }
        let text = String(c[0..<4]) + "-" + String(c[4..<6]) + "-" + String(c[6..<8]) + "T" + String(c[8..<10]) + ":"
            + String(c[10..<12]) + ":" + String(c[12..<14]) + "Z"
        return WireDate.parse(text)
    }
}
