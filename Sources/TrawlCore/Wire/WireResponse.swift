import Foundation
import TrawlWire

/// Encodes the protocol's responses, one JSON object per line (`\n` included), keys in a fixed
/// order: `id` (when the request had one), `ok`, then the result fields. Fields an article
/// does not have are omitted, never sent as null or "".
public enum WireResponse {
    /// `{"id":…,"ok":true,…}` with `body` writing the result fields.
    public static func success(id: WireRequestID?, _ body: (inout JSONWriter) -> Void = { _ in }) -> [UInt8] {
        envelope(id: id, ok: true, body)
    }

    /// `{"id":…,"ok":false,"error":{"code":…,"message":…}}`
    public static func failure(_ failure: WireFailure) -> [UInt8] {
        envelope(id: failure.id, ok: false) { json in
            json.key("error")
            json.object { json in
                json.field("code", failure.code.rawValue)
                json.field("message", failure.message)
            }
        }
    }

    /// `hello`: who is serving, and what.
    public static func hello(id: WireRequestID?, generation: Int, documents: Int) -> [UInt8] {
        success(id: id) { json in
            json.field("server", "trawld")
            json.field("version", TrawlVersion.string)
            json.field("protocol", TrawlVersion.wireProtocol)
            json.field("generation", generation)
            json.field("documents", documents)
            // Protocol 1.1: clients test for ops, not versions.
            json.key("ops")
            json.array { json in
                for op in WireRequest.opNames { json.string(op) }
            }
        }
    }

    /// `search`: totals, hits, facets, the spelling correction, timing and the generation served from.
    public static func search(id: WireRequestID?, result: SearchResult, tookMs: Double, generation: Int) -> [UInt8] {
        success(id: id) { json in
            writeTotal(result.total, into: &json)
            json.key("hits")
            json.array { json in
                for hit in result.hits { write(hit, into: &json) }
            }
            if !result.facets.isEmpty { writeFacets(result.facets, into: &json) }
            json.field("corrected", ifPresent: result.corrected)
            // Extension: says the hits are for `corrected` because the query as typed found nothing.
            if result.searchedCorrected { json.field("searched_corrected", true) }
            json.field("took_ms", rounded(tookMs))
            json.field("generation", generation)
        }
    }

    /// `count`: the totals alone (plus timing and generation).
    public static func count(id: WireRequestID?, total: SearchResult.Totals, tookMs: Double, generation: Int) -> [UInt8] {
        success(id: id) { json in
            writeTotal(total, into: &json)
            json.field("took_ms", rounded(tookMs))
            json.field("generation", generation)
        }
    }

    /// `get`: the article with its full indexed text.
    public static func document(id: WireRequestID?, article: Article, generation: Int) -> [UInt8] {
        success(id: id) { json in
            json.key("doc")
            json.object { json in
                json.field("id", article.id)
                json.field("title", ifPresent: nonEmpty(article.title))
                json.field("source", ifPresent: nonEmpty(article.source))
                json.field("url", ifPresent: nonEmpty(article.url))
                json.field("site", ifPresent: nonEmpty(article.site))
                json.field("date", ifPresent: article.date.map(WireDate.format))
                // Extension: the day `date:` filters use, in the article's own zone (`date` is UTC).
                json.field("day", ifPresent: article.publishedDay.map(WireDate.wireDay))
                json.field("updated", ifPresent: article.updated.map(WireDate.format))
                json.field("byline", ifPresent: nonEmpty(article.byline))
                json.field("body", article.body)
            }
            json.field("generation", generation)
        }
    }

    /// `reload`: the generation now served.
    public static func reload(id: WireRequestID?, generation: Int, documents: Int) -> [UInt8] {
        success(id: id) { json in
            json.field("generation", generation)
            json.field("documents", documents)
        }
    }

    /// `stats`.
    public static func stats(id: WireRequestID?, _ stats: WireStats) -> [UInt8] {
        success(id: id) { json in stats.write(into: &json) }
    }

    // MARK: parts

    static func envelope(id: WireRequestID?, ok: Bool, _ body: (inout JSONWriter) -> Void) -> [UInt8] {
        var json = JSONWriter()
        json.object { json in
            if let id {
                json.key("id")
                switch id {
                case .string(let text): json.string(text)
                case .number(let literal): json.raw(literal)
                }
            }
            json.field("ok", ok)
            body(&json)
        }
        var bytes = json.bytes
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    static func writeTotal(_ total: SearchResult.Totals, into json: inout JSONWriter) {
        json.key("total")
        json.object { json in
            json.field("estimate", total.estimate)
            json.field("lower", total.lower)
            json.field("upper", total.upper)
        }
    }

    static func write(_ hit: Hit, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", hit.id)
            json.field("rank", hit.rank)
            json.field("score", hit.score)
            json.field("percent", hit.percent)
            json.field("title", ifPresent: nonEmpty(hit.title))
            // Extension: the title with the matched words marked, only when one is in it.
            json.field("title_highlighted", ifPresent: nonEmpty(hit.titleHighlighted))
            json.field("source", ifPresent: nonEmpty(hit.source))
            json.field("url", ifPresent: nonEmpty(hit.url))
            json.field("site", ifPresent: nonEmpty(hit.site))
            json.field("date", ifPresent: hit.date)
            // Extension: the day `date:` filters use, in the article's own zone (`date` is UTC).
            json.field("day", ifPresent: hit.day.map(WireDate.wireDay))
            json.field("byline", ifPresent: nonEmpty(hit.byline))
            json.field("snippet", ifPresent: nonEmpty(hit.snippet))
            // Extension: with `collapse`, how many near-duplicates were folded into this hit.
            if hit.duplicates > 0 { json.field("duplicates", hit.duplicates) }
        }
    }

    /// Facet names in the protocol's order, values sorted, so the output is deterministic; months
    /// (`YYYY-MM`) and years sort as text in date order.
    static func writeFacets(_ facets: [String: [String: Int]], into json: inout JSONWriter) {
        json.key("facets")
        json.object { json in
            for name in facets.keys.sorted() {
                json.key(name)
                json.object { json in
                    for (value, count) in facets[name, default: [:]].sorted(by: { $0.key < $1.key }) {
                        json.field(value, count)
                    }
                }
            }
        }
    }

    /// Milliseconds to the microsecond: enough for anyone, and short on the wire.
    static func rounded(_ milliseconds: Double) -> Double {
        (milliseconds * 1000).rounded() / 1000
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
