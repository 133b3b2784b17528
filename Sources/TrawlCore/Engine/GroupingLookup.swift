import CXapian

/// The queries grouping asks of a database: an article's copy candidates by band terms, its
/// telling terms, and the articles of a date window most like them. A writer answers them with
/// its pending changes (incremental runs, `--watch`); read-only handles answer a rebuild's
/// grouping pass, one set per thread (`GenerationGrouping`, through `ShardedLookup`).
protocol GroupingLookup: AnyObject {
    /// The articles (of every database) indexed under at least `CopySignature.minimumSharedBands`
    /// of `bandTerms` (reading the first `perBand` articles of each), those sharing the most
    /// first, at most `limit` per database.
    func copyCandidates(bandTerms: [String], perBand: Int, limit: Int) throws(TrawlError) -> [CopyCandidate]
    /// The article's telling terms (those `similar` ranks by) as "<weight> <term>" lines, from
    /// the database holding it; nil when none does.
    func storyTerms(id: String) throws(TrawlError) -> String?
    /// The articles (of every database) published on one of `days` (empty: any day) holding at
    /// least `minSimilarity` of `terms`' weight, the most first, at most `limit` per database.
    func storyCandidates(terms: String, days: [String], limit: Int, minSimilarity: Double) throws(TrawlError)
        -> [StoryCandidate]
}

/// A shim call answering with a malloc'd string: (out, out_len, err_msg) -> status.
typealias ShimAnswer = (
    UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>, UnsafeMutablePointer<Int>, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
) -> tx_status

/// The shim's grouping calls on one handle: a writer's (`tx_writer_*`, pending changes included)
/// or a read-only database's (`tx_database_*`). Both answer `GroupingLookup` through them alike.
protocol GroupingCalls: GroupingLookup {
    var path: String { get }
    func copyCandidatesCall(terms: tx_text, minShared: UInt32, perBand: UInt32, limit: UInt32) -> ShimAnswer
    func storyTermsCall(id: tx_text) -> ShimAnswer
    func storyCandidatesCall(terms: tx_text, days: tx_text, limit: UInt32, minSimilarity: Double) -> ShimAnswer
}

extension GroupingCalls {
    func copyCandidates(bandTerms: [String], perBand: Int, limit: Int) throws(TrawlError) -> [CopyCandidate] {
        let text = try withText(bandTerms.joined(separator: "\n")) { terms throws(TrawlError) in
            try answer(copyCandidatesCall(
                terms: terms, minShared: UInt32(CopySignature.minimumSharedBands), perBand: UInt32(clamping: perBand),
                limit: UInt32(clamping: limit)))
        }
        return CopyCandidate.list(fromShim: text)
    }

    func storyTerms(id: String) throws(TrawlError) -> String? {
        do {
            return try withText(id) { text throws(TrawlError) in try answer(storyTermsCall(id: text)) }
        } catch .notFound(_) {
            return nil
        }
    }

    func storyCandidates(terms: String, days: [String], limit: Int, minSimilarity: Double) throws(TrawlError)
        -> [StoryCandidate]
    {
        let text = try withTexts([terms, dayTerms(days)]) { t throws(TrawlError) in
            try answer(storyCandidatesCall(terms: t[0], days: t[1], limit: UInt32(clamping: limit), minSimilarity: minSimilarity))
        }
        return StoryCandidate.list(fromShim: text)
    }

    private func answer(_ call: ShimAnswer) throws(TrawlError) -> String {
        var out: UnsafeMutablePointer<CChar>?
        var length = 0
        try check(path: path) { call(&out, &length, $0) }
        return takeString(out, length: length)
    }
}

extension CopyCandidate {
    /// The shim's candidate lines: five `<length>:<bytes>` fields each (cxapian.h, tx_writer_copy_candidates).
    static func list(fromShim text: String) -> [CopyCandidate] {
        let fields = lengthPrefixedFields(text)
        return stride(from: 0, to: fields.count - 4, by: 5).compactMap { start in
            guard let key = ArticleKey(encoded: fields[start]) else { return nil }
            return CopyCandidate(
                id: key.id, group: fields[start + 1].nonEmpty, sortKey: fields[start + 2],
                signature: CopySignature(encoded: fields[start + 3]), story: fields[start + 4].nonEmpty)
        }
    }
}

extension StoryCandidate {
    /// The shim's candidate lines: four `<length>:<bytes>` fields each (cxapian.h, tx_writer_story_candidates).
    static func list(fromShim text: String) -> [StoryCandidate] {
        let fields = lengthPrefixedFields(text)
        return stride(from: 0, to: fields.count - 3, by: 4).compactMap { start in
            guard let key = ArticleKey(encoded: fields[start]) else { return nil }
            return StoryCandidate(
                id: key.id, story: fields[start + 1].nonEmpty, sortKey: fields[start + 2],
                similarity: Double(fields[start + 3]) ?? 0)
        }
    }
}

/// Splits the shim's `<length>:<bytes>` fields (lengths in UTF-8 bytes).
func lengthPrefixedFields(_ text: String) -> [String] {
    let bytes = Array(text.utf8)
    var fields: [String] = []
    var index = 0
    while index < bytes.count {
        var length = 0
        while index < bytes.count, bytes[index] != UInt8(ascii: ":") {
            length = length * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        index += 1
        let end = min(bytes.count, index + length)
        fields.append(String(decoding: bytes[index..<end], as: UTF8.self))
        index = end
    }
    return fields
}

/// The day terms' text the shim reads: one `D` term per day, "\n"-separated.
func dayTerms(_ days: [String]) -> String { days.map { TX_PREFIX_DAY + $0 }.joined(separator: "\n") }
