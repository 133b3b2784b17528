import TrawlProtocol

/// Articles leaving their groups in an incremental run or `--watch`: one rewritten with another
/// text (its groups are assigned again), or deleted. A group that a change left with one article
/// is no group (an article without copies has none, README), so that article leaves it too, as a
/// rebuild of the same files would have it; a group left with two or more keeps its name.
struct GroupLeaving {
    let writer: any ArticleWriting

    /// The groups of these articles now, before they are rewritten or deleted (none: not indexed).
    func groups(of ids: some Sequence<String>) throws(TrawlError) -> [String: ArticleGroups] {
        var before: [String: ArticleGroups] = [:]
        for id in ids {
            if let groups = try writer.groups(of: id), groups != ArticleGroups() { before[id] = groups }
        }
        return before
    }

    /// After the change, while these articles are in no group (deleted, or written again and not
    /// yet grouped): each group one of them was in that is left with one article loses it.
    func settle(_ before: [String: ArticleGroups]) throws(TrawlError) {
        for grouping in Grouping.allCases {
            for group in Set(before.values.compactMap { $0.group(grouping) }) {
                let left = try writer.members(of: group, in: grouping, limit: 2)
                if left.count == 1 { try writer.leaveGroup(id: left[0], grouping: grouping) }
            }
        }
    }
}
