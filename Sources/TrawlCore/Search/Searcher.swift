import CXapian
import Foundation  // memcmp, and String.contains (isMarked)
import TrawlProtocol

extension IndexReader {
    /// Runs a search: ranked hits with stored fields and snippets, totals, facets and spelling
    /// ("did you mean" is decided in the shim, `tx_search_options.spelling`).
    public func search(_ query: SearchQuery) throws(TrawlError) -> SearchResult {
        try retryingOnChange { () throws(TrawlError) -> SearchResult in
            try explainingBadQuery(query) { () throws(TrawlError) in try runOnce(query) }
        }
    }

    /// A query the engine could not parse, explained in the user's terms.
    private func explainingBadQuery<R>(_ query: SearchQuery, _ body: () throws(TrawlError) -> R) throws(TrawlError) -> R {
        do throws(TrawlError) {
            return try body()
        } catch .badQuery(let detail) {
            throw .badQuery(detail: QuerySyntaxExplanation(query: query.text, engineMessage: detail).message)
        }
    }

    /// What `dayCounts` counted: the exact total, the matches per publication day (`YYYYMMDD`), and
    /// the shards of a sharded index that could not answer (their articles are not counted).
    public struct DayCounts: Sendable {
        public var total: Int
        public var days: [(day: String, count: Int)]
        public var missingShards: [String]
    }

    /// Counts of matching articles per publication day, exactly, and the exact total.
    public func dayCounts(_ query: SearchQuery) throws(TrawlError) -> DayCounts {
        var query = query
        query.limit = 0
        query.snippet = false
        query.exactTotals = true
        query.facets = []
        return try retryingOnChange { () throws(TrawlError) -> DayCounts in
            let counted = try explainingBadQuery(query) { () throws(TrawlError) -> OpaquePointer in
                try results(query, facets: UInt32(TX_FACET_DAY))
            }
            defer { tx_results_free(counted) }
            var total: UInt32 = 0
            tx_results_totals(counted, &total, nil, nil)
            return DayCounts(
                total: Int(total), days: SearchResult.facetEntries(counted, shimBit: UInt32(TX_FACET_DAY)).map { (day: $0.0, count: $0.1) },
                missingShards: SearchResult.missingShards(counted))
        }
    }

    /// The articles `query` matches among those changed in its seq range (`SearchQuery.seqAfter`,
    /// `seqThrough`), in change order, each with its change number; at most `query.limit`.
    /// `among`: the terms of those changed articles (`changedTerms`), when known: a query that needs a
    /// term none of them holds is answered at once, without a match.
    public func changes(_ query: SearchQuery, among changed: ChangedTerms? = nil) throws(TrawlError) -> [Change] {
        try retryingOnChange { () throws(TrawlError) -> [Change] in
            try explainingBadQuery(query) { () throws(TrawlError) -> [Change] in
                let found = try results(query, facets: 0, changedTerms: changed)
                defer { tx_results_free(found) }
                let result = try SearchResult(results: found, query: query)
                // A shard that failed during the match gave none of its changes: matching on
                // without them would pass over them for good.
                guard result.missingShards.isEmpty else {
                    throw .shardUnavailable(detail: result.missingShards.joined(separator: ", ") + " did not answer")
                }
                return result.hits.indices.map { Change(seq: tx_results_hit_seq(found, $0), hit: result.hits[$0]) }
            }
        }
    }

    /// The number of the last change this reader sees (`trawl.seq`; 0 for an index written before it).
    /// Over shards trawld opened, the last change every endpoint a search may use holds: a
    /// replica (or a shard host) that has not yet received the latest changes holds some of them
    /// back, and matching up to the first shard's number lost their alerts for good (11 of 30 while
    /// one shard's replication lagged). While a shard has no endpoint: `.shardUnavailable`, or
    /// with `.firstShards`, the change the combined database's first shard holds.
    public func lastChange(whileAShardIsDown: WhileAShardIsDown = .fail) throws(TrawlError) -> UInt64 {
        guard shardCount > 0 else { return ChangeSequence.decode(try metadata(MetadataKey.seq)) }
        var out: UnsafeMutablePointer<CChar>?
        var length = 0
        do {
            try check(path: path) { tx_endpoints_metadata(handle, MetadataKey.seq, &out, &length, $0) }
        } catch .shardUnavailable(let detail) {
            guard whileAShardIsDown == .firstShards else { throw .shardUnavailable(detail: detail) }
            return ChangeSequence.decode(try metadata(MetadataKey.seq))
        }
        return lengthPrefixedFields(takeString(out, length: length)).map(ChangeSequence.decode).min() ?? 0
    }

    public enum WhileAShardIsDown: Sendable { case fail, firstShards }

    private func runOnce(_ query: SearchQuery) throws(TrawlError) -> SearchResult {
        let found = try results(query, facets: query.facets.reduce(0) { $0 | $1.shimBit })
        defer { tx_results_free(found) }
        return try SearchResult(results: found, query: query)
    }

    /// The shim's results for a query and the facets (TX_FACET_* bits) to count; the caller frees them.
    private func results(_ query: SearchQuery, facets: UInt32, changedTerms: ChangedTerms? = nil) throws(TrawlError)
        -> OpaquePointer
    {
        // The query is normalised as the indexed text is (TextNormalizer), so a pasted ligature or
        // typographic quote finds what its plain form finds.
        let strings: [String?] = [TextNormalizer.normalize(query.text), query.since.flatMap(Day.compact),
                                  query.until.flatMap(Day.compact), query.similarTo] + query.sources
        return try withTexts(strings) { texts throws(TrawlError) -> OpaquePointer in
            let sources = Array(texts.dropFirst(4))
            return try sources.withUnsafeBufferPointer { sourceBuffer throws(TrawlError) -> OpaquePointer in
                var options = tx_search_options()
                options.query = texts[0]
                options.since = texts[1]
                options.until = texts[2]
                options.sources = sourceBuffer.isEmpty ? nil : sourceBuffer.baseAddress
                options.source_count = sourceBuffer.count
                options.offset = UInt32(clamping: query.offset)
                options.limit = UInt32(clamping: query.limit)
                options.sort = query.sort.shimValue
                options.similar_to = texts[3]
                options.collapse = switch query.collapse {
                case nil: TX_COLLAPSE_NONE
                case .copies: TX_COLLAPSE_COPIES
                case .story: TX_COLLAPSE_STORY
                }
                options.facets = facets
                options.default_or = query.defaultOperator == .or ? 1 : 0
                options.spelling = query.correct.shimValue
                options.exact_totals = query.exactTotals ? 1 : 0
                options.time_limit = query.timeBudget ?? 0
                options.seq_after = query.seqAfter
                options.seq_through = query.seqThrough
                options.changed_terms = changedTerms?.handle
                if query.seqThrough > 0 { options.sort = Int32(TX_SORT_SEQ) }
                var out: OpaquePointer?
                try check(path: path) { tx_database_search(handle, &options, &out, $0) }
                guard let out else { throw .engine(detail: "search returned no results handle") }
                return out
            }
        }
    }
}

/// An article as a change made it: its change number, and the hit a search shows for it.
public struct Change: Sendable, Equatable {
    public var seq: UInt64
    public var hit: Hit
}

extension SearchResult {
    /// Copies everything out of a shim results handle (which the caller frees).
    init(results: OpaquePointer, query: SearchQuery) throws(TrawlError) {
        var lower: UInt32 = 0, estimate: UInt32 = 0, upper: UInt32 = 0
        tx_results_totals(results, &lower, &estimate, &upper)
        var hits: [Hit] = []
        let count = tx_results_count(results)
        hits.reserveCapacity(count)
        for index in 0..<count {
            var raw = tx_hit()
            tx_results_hit(results, index, &raw)
            // Only the header fields cross into Swift; the body stays in the shim for the snippet.
            let header = StoredArticle.decodeHeader(raw.data, raw.data_len)
            let article = header.article
            // Presentation, like snippets: made only when snippets are asked for.
            let titleHighlighted = query.snippet ? try Self.highlightedTitle(results, title: article.title, query: query) : nil
            var snippet = query.snippet ? try Self.snippet(results, hit: index, bodyOffset: header.bodyOffset, query: query) : nil
            // A match only in the title (`title:` words) shows the title rather than unmarked body text.
            if let titleHighlighted, !(snippet.map { Self.isMarked($0, query: query) } ?? false) {
                snippet = titleHighlighted
            }
            hits.append(Hit(
                id: article.id, rank: Int(raw.rank), score: raw.weight, percent: Int(raw.percent), title: article.title,
                titleHighlighted: titleHighlighted, source: article.source, url: article.url, site: article.site,
                date: header.date, day: article.publishedDay.map(Day.wire), byline: article.byline, snippet: snippet, duplicates: Int(raw.collapse_count),
                cluster: string(from: raw.copies_group, length: raw.copies_group_len).nonEmpty,
                story: string(from: raw.story, length: raw.story_len).nonEmpty))
        }
        var correctedLength = 0
        let corrected = string(from: tx_results_corrected(results, &correctedLength), length: correctedLength)
        self.init(
            total: Totals(estimate: Int(estimate), lower: Int(lower), upper: Int(upper)), hits: hits,
            facets: Self.facets(results, requested: query.facets), corrected: corrected.isEmpty ? nil : corrected,
            searchedCorrected: tx_results_searched_corrected(results) != 0,
            missingShards: Self.missingShards(results))
    }

    /// The shards that gave nothing to these results (by their stub names).
    static func missingShards(_ results: OpaquePointer) -> [String] {
        (0..<tx_results_missing_count(results)).map { ShardStub.name(Int(tx_results_missing_shard(results, $0))) }
    }

    private static func snippet(_ results: OpaquePointer, hit: Int, bodyOffset: Int, query: SearchQuery) throws(TrawlError)
        -> String?
    {
        var out: UnsafeMutablePointer<CChar>?
        var length = 0
        try check {
            tx_results_hit_snippet(
                results, hit, bodyOffset, query.snippetLength, query.highlightPre, query.highlightPost, &out, &length, $0)
        }
        let snippet = takeString(out, length: length)
        return snippet.isEmpty ? nil : snippet
    }

    /// Whether Xapian marked a word of this escaped snippet. A marker that HTML escaping would
    /// change (the default `<b>`) cannot come from the text itself.
    private static func isMarked(_ snippet: String, query: SearchQuery) -> Bool {
        let marker = query.highlightPre.isEmpty ? query.highlightPost : query.highlightPre
        return !marker.isEmpty && (asciiContains(snippet, marker) ?? snippet.contains(marker))
    }

    /// `text.contains(part)` on bytes when `text` is ASCII and `part` printable ASCII, nil otherwise.
    /// There Foundation's search (which bridges to NSString on every call, the costliest step of a
    /// hit in Swift) finds exactly the byte matches: no composed characters, no canonical equivalents.
    static func asciiContains(_ text: String, _ part: String) -> Bool? {
        guard !part.isEmpty, text.utf8.allSatisfy({ $0 < 0x80 }), part.utf8.allSatisfy({ (0x20..<0x7F).contains($0) })
        else { return nil }
        var (text, part) = (text, part)
        return text.withUTF8 { text in
            part.withUTF8 { part in
                text.count >= part.count && (0...(text.count - part.count)).contains { start in
                    memcmp(text.baseAddress! + start, part.baseAddress!, part.count) == 0
                }
            }
        }
    }

    /// The title with the query's words marked; nil without a title or a matched word in it.
    private static func highlightedTitle(_ results: OpaquePointer, title: String?, query: SearchQuery) throws(TrawlError)
        -> String?
    {
        guard let title, !title.isEmpty else { return nil }
        var out: UnsafeMutablePointer<CChar>?
        var length = 0
        try withText(title) { text throws(TrawlError) in
            try check { tx_results_highlight_title(results, text, query.highlightPre, query.highlightPost, &out, &length, $0) }
        }
        let highlighted = takeString(out, length: length)
        return highlighted.isEmpty ? nil : highlighted
    }

    private static func facets(_ results: OpaquePointer, requested: [SearchQuery.Facet]) -> [String: [String: Int]] {
        var facets: [String: [String: Int]] = [:]
        for facet in requested {
            var counts: [String: Int] = [:]
            for (value, count) in facetEntries(results, shimBit: facet.shimBit) { counts[facet.label(value)] = count }
            facets[facet.rawValue] = counts
        }
        return facets
    }

    /// One counted facet's values and counts, in the shim's (value) order.
    static func facetEntries(_ results: OpaquePointer, shimBit: UInt32) -> [(String, Int)] {
        (0..<tx_results_facet_count(results, shimBit)).map { index in
            var value: UnsafePointer<CChar>?
            var length = 0
            var count: UInt32 = 0
            tx_results_facet(results, shimBit, index, &value, &length, &count)
            return (string(from: value, length: length), Int(count))
        }
    }
}

extension SearchQuery.Sort {
    var shimValue: Int32 {
        switch self {
        case .relevance: Int32(TX_SORT_RELEVANCE)
        case .newest: Int32(TX_SORT_NEWEST)
        case .oldest: Int32(TX_SORT_OLDEST)
        }
    }
}

extension SearchQuery.Correction {
    var shimValue: Int32 {
        switch self {
        case .off: Int32(TX_SPELLING_OFF)
        case .suggest: Int32(TX_SPELLING_SUGGEST)
        case .auto: Int32(TX_SPELLING_AUTO)
        }
    }
}

extension SearchQuery.Facet {
    var shimBit: UInt32 {
        switch self {
        case .source: UInt32(TX_FACET_SOURCE)
        case .year: UInt32(TX_FACET_YEAR)
        case .month: UInt32(TX_FACET_MONTH)
        }
    }

    /// Month values are stored as `YYYYMM`; show them as `YYYY-MM`.
    func label(_ value: String) -> String {
        guard self == .month, value.count == 6 else { return value }
        return "\(value.prefix(4))-\(value.suffix(2))"
    }
}
