import Foundation

/// Every commit an incremental writer makes to a generation (a run, a `--watch` batch, a rebuild's
/// catch-up) sets `trawl.updated` and a fresh `trawl.write_stamp`. A writer that keeps the
/// generation's manifest in memory between its commits (`--watch`) reads the stamp back before
/// the next one: another stamp means someone else wrote in between, and the manifest is read again.
enum WriteStamp {
    /// Sets both entries and commits; returns the stamp written.
    static func commit(_ writer: any ArticleWriting) throws(TrawlError) -> String {
        let stamp = "\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        try writer.setMetadata(MetadataKey.updated, WireDate.format(Date()))
        try writer.setMetadata(MetadataKey.writeStamp, stamp)
        try writer.commit()
        return stamp
    }

    /// The stamp of a generation's last incremental commit ("" when none has made one yet); every
    /// shard holds it, so the first one is read.
    static func current(shards: [String]) throws(TrawlError) -> String {
        try IndexReader(path: shards[0]).metadata(MetadataKey.writeStamp)
    }
}
