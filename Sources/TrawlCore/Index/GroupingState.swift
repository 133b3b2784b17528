import TrawlProtocol

/// What grouping one article reads and records (`ArticleGrouping`): its candidates, with the groups
/// they are in now, and the groups it puts articles into. The index being written answers for
/// incremental runs and `--watch` (every `ArticleWriting`); a rebuild answers from candidates
/// looked up beforehand, with the groups kept in memory (`GenerationGroups`).
protocol GroupingState: AnyObject {
    /// The articles `CopyGrouper` weighs as copies of this one (itself among them when found).
    func copyCandidates(of id: String, signature: CopySignature) throws(TrawlError) -> [CopyCandidate]
    /// The articles `StoryGrouper` weighs as this one's story, on one of `days` (empty: any day).
    func storyCandidates(of id: String, days: [String]) throws(TrawlError) -> [StoryCandidate]
    func setCopiesGroup(id: String, group: String) throws(TrawlError)
    func setStory(id: String, story: String) throws(TrawlError)
    /// Whether some article is in a group of `grouping` named `name` (a new group takes another name).
    func isGroupTaken(_ name: String, grouping: Grouping) throws(TrawlError) -> Bool
}

extension GroupingLookup {
    /// An article's copy candidates, bounded as `CopyGrouper` says.
    func copyCandidates(of signature: CopySignature) throws(TrawlError) -> [CopyCandidate] {
        try copyCandidates(
            bandTerms: signature.bandTerms, perBand: CopyGrouper.articlesReadPerBand, limit: CopyGrouper.candidateLimit)
    }

    /// An article's story candidates: those holding `StoryGrouper.threshold` of its telling terms'
    /// weight, at most `StoryGrouper.candidateLimit` per database; none when no database has the article.
    func storyCandidates(of id: String, days: [String]) throws(TrawlError) -> [StoryCandidate] {
        guard let terms = try storyTerms(id: id) else { return [] }
        return try storyCandidates(
            terms: terms, days: days, limit: StoryGrouper.candidateLimit, minSimilarity: StoryGrouper.threshold)
    }
}

extension ArticleWriting {
    func copyCandidates(of id: String, signature: CopySignature) throws(TrawlError) -> [CopyCandidate] {
        try copyCandidates(of: signature)
    }
}
