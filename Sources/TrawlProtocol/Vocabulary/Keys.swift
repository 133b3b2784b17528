/// Every member name of the protocol, spelled here once (PROTOCOL.md). Requests, responses,
/// events, the client and the tests refer to these constants; `KeysAreSpelledOnceTests` fails
/// when a name is written as a literal anywhere else in `Sources/`.
public enum Keys {
    // Envelope
    public static let id = "id"
    public static let op = "op"
    public static let ok = "ok"
    public static let error = "error"
    public static let code = "code"
    public static let message = "message"

    // Requests
    public static let q = "q"
    public static let limit = "limit"
    public static let offset = "offset"
    public static let sort = "sort"
    public static let source = "source"
    public static let since = "since"
    public static let until = "until"
    public static let snippet = "snippet"
    public static let highlight = "highlight"
    public static let pre = "pre"
    public static let post = "post"
    public static let facets = "facets"
    public static let collapse = "collapse"
    public static let correct = "correct"
    /// Extension: how plain words combine, "and" or "or".
    public static let `operator` = "operator"
    public static let article = "article"

    // Responses
    public static let total = "total"
    public static let estimate = "estimate"
    public static let lower = "lower"
    public static let upper = "upper"
    public static let hits = "hits"
    public static let corrected = "corrected"
    /// Extension: the hits are for `corrected`, because the query as typed found nothing.
    public static let searchedCorrected = "searched_corrected"
    public static let tookMs = "took_ms"
    public static let generation = "generation"
    public static let documents = "documents"
    public static let server = "server"
    public static let version = "version"
    public static let `protocol` = "protocol"
    public static let ops = "ops"
    public static let doc = "doc"

    // Hits and documents
    public static let rank = "rank"
    public static let score = "score"
    public static let percent = "percent"
    public static let title = "title"
    /// Extension: the title with the matched words marked.
    public static let titleHighlighted = "title_highlighted"
    public static let url = "url"
    public static let site = "site"
    public static let date = "date"
    /// Extension: the day `date:` filters use, in the article's own zone (`date` is UTC).
    public static let day = "day"
    public static let updated = "updated"
    public static let byline = "byline"
    public static let body = "body"
    /// With `collapse`, how many copies were folded into this hit (`duplicates`: the older name).
    public static let copies = "copies"
    public static let duplicates = "duplicates"
    /// The hit's copies group, when it has copies.
    public static let cluster = "cluster"
    /// The hit's story, when it has two or more articles.
    public static let story = "story"

    // Stats
    public static let index = "index"
    public static let uptimeS = "uptime_s"
    public static let requests = "requests"
    public static let errors = "errors"
    public static let connections = "connections"
    public static let latencyMs = "latency_ms"
    public static let p50 = "p50"
    public static let p99 = "p99"
    public static let workers = "workers"
    public static let queued = "queued"
    public static let shards = "shards"
    // Each of `shards`
    public static let name = "name"
    public static let state = "state"
    public static let endpoint = "endpoint"
    /// Every endpoint serving the shard when it has replicas (`shards.replicas`), each with its state.
    public static let replicas = "replicas"
    public static let behind = "behind"
    // Search and count on a sharded index (PROTOCOL Additions)
    public static let partial = "partial"
    public static let missingShards = "missing_shards"

    // histogram
    public static let interval = "interval"
    public static let buckets = "buckets"
    public static let start = "start"
    public static let count = "count"
    public static let undated = "undated"

    // put and delete (PROTOCOL Additions)
    public static let wait = "wait"
    public static let seq = "seq"
    public static let deleted = "deleted"
    // subscribe, unsubscribe and their event lines (PROTOCOL Additions)
    public static let subscription = "subscription"
    public static let sinceSeq = "since_seq"
    public static let event = "event"
    public static let hit = "hit"
}
