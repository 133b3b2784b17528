/// The copies group rule: an article's copies are the candidates its band terms find (in every
/// shard of the generation being written: `GroupingLookup.copyCandidates(of:)`) whose signatures
/// say `CopySignature.isCopy`; which group they join is `GroupRule`'s.
struct CopyGrouper {
    let state: any GroupingState
    /// Candidates read per article (per shard), those sharing the most bands first, and the
    /// articles read of each band (the first written): together they bound the work per article
    /// whatever the corpus, as a template's bands are shared by thousands.
    static let candidateLimit = 16
    static let articlesReadPerBand = 16

    /// Puts the written article into its copies group; returns its copies (none: no group).
    @discardableResult
    func assign(id: String, sortKey: String, signature: CopySignature) throws(TrawlError) -> [CopyCandidate] {
        let candidates = try state.copyCandidates(of: id, signature: signature)
        let copies = candidates.filter { $0.id != id && $0.signature.map(signature.isCopy(of:)) == true }
        let itself = CopyCandidate(
            id: id, group: candidates.first { $0.id == id }?.group, sortKey: sortKey, signature: signature)
        let named = try GroupRule.join(itself, matches: copies) { name throws(TrawlError) in
            try state.isGroupTaken(name, grouping: .copies)
        }
        guard let (group, joining) = named else { return [] }
        for member in joining { try state.setCopiesGroup(id: member.id, group: group) }
        return copies
    }
}
