/// An article as the grouping rule sees it: its id, its group (nil while it has none) and its date.
protocol GroupMember {
    var id: String { get }
    var group: String? { get }
    /// `YYYYMMDDhhmmss` in UTC, "" when undated (`WireDate.sortKey`).
    var sortKey: String { get }
}

/// The rule copies groups and stories share, so that ids stay stable: an article that matches
/// others joins, with its ungrouped matches, the group of the earliest (by date, undated last,
/// then id) match that has one; when none has, the group is named after the earliest of them all.
/// A group is never renamed or merged afterwards: a rebuild assigns every article in date order
/// and so names each group after its earliest article; an incremental run assigns each article as
/// it is written, so an article older than a group it matches joins that group.
/// A name still held by a group is never given to another: an article rewritten with another
/// story (or deleted and written again) left its old group the name, and the new group takes the
/// next member's id (`<id>~2` when every member's id is held), or the two would be one.
enum GroupRule {
    /// The group of `itself` and the members that must be put into it (those without one); nil
    /// without matches. `taken`: whether a group already has that name.
    static func join<Member: GroupMember>(
        _ itself: Member, matches: [Member], taken: (String) throws(TrawlError) -> Bool
    ) throws(TrawlError) -> (group: String, joining: [Member])? {
        guard !matches.isEmpty else { return nil }
        let members = matches + [itself]
        let joining = members.filter { $0.group == nil }
        if let group = itself.group ?? members.filter({ $0.group != nil }).min(by: { earlier($0, $1) })?.group {
            return (group, joining)
        }
        let byDate = members.sorted { earlier($0, $1) }
        for member in byDate where try !taken(member.id) { return (member.id, joining) }
        var suffix = 2
        while try taken("\(byDate[0].id)~\(suffix)") { suffix += 1 }
        return ("\(byDate[0].id)~\(suffix)", joining)
    }

    /// By date (undated last), then id.
    static func earlier<Member: GroupMember>(_ a: Member, _ b: Member) -> Bool {
        if a.sortKey != b.sortKey {
            if a.sortKey.isEmpty || b.sortKey.isEmpty { return !a.sortKey.isEmpty }
            return a.sortKey < b.sortKey
        }
        return a.id < b.id
    }
}
