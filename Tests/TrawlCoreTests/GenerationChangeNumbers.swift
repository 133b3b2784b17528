@testable import TrawlCore

/// id -> change number of every article of a generation (its folder: one database or its shards),
/// and its `trawl.seq`: what the rebuild tests compare between generations.
func changeNumbers(ofGeneration folder: String) throws -> (seqs: [String: UInt64], last: UInt64) {
    let reader = try IndexReader(shards: IndexLayout.shardPaths(in: folder))
    let last = try reader.lastChange()
    var query = SearchQuery(text: "")
    query.limit = 1000
    query.snippet = false
    query.seqThrough = last
    return (Dictionary(uniqueKeysWithValues: try reader.changes(query).map { ($0.hit.id, $0.seq) }), last)
}
