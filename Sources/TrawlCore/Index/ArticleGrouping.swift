/// The groupings every article gets once written: its copies group, then its story (copies are one
/// story: an article whose copies have a story joins it without a story query, which also keeps
/// the work per article bounded when thousands of articles are one template). Incremental
/// runs and `--watch` group each article as it is written, in the index being written; a rebuild
/// groups the whole generation after compaction, in date order across all shards
/// (`GenerationGrouping`), so that each group is named after its earliest article.
struct ArticleGrouping {
    let state: any GroupingState
    let storyWindowDays: Int

    func assign(id: String, sortKey: String, signature: CopySignature?) throws(TrawlError) {
        var copies: [CopyCandidate] = []
        if let signature { copies = try CopyGrouper(state: state).assign(id: id, sortKey: sortKey, signature: signature) }
        if let story = StoryGrouper.storyOf(copies: copies) {
            try state.setStory(id: id, story: story)
        } else {
            try StoryGrouper(state: state, windowDays: storyWindowDays).assign(id: id, sortKey: sortKey)
        }
    }
}
