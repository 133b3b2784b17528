import Foundation

/// `index/publish/`: what `xapian-replicate-server` serves to shard hosts. One stub per database of
/// the live generation, under a name that never changes (`shard-0`, `shard-1`, ..., `lexicon`),
/// each exactly one line (Xapian's replication refuses a stub of several):
///
/// ```
/// index/publish/shard-0   "auto ../gen-8/shard-0"
/// index/publish/lexicon   "auto ../gen-8/lexicon"
/// ```
/// A replica following `shard-0` gets a new generation as a full copy (a new database) and
/// switches to it atomically; incremental commits reach it as changesets. Only a generation of
/// several shards is published: a generation of one database is followed through `current`
/// itself (one line too), and switching to one removes the stubs.
extension IndexLayout {
    public var publishDirectory: String { root + "/publish" }

    /// The name a replica asks for (`xapian-replicate -m NAME`) to follow shard `index`.
    public static func publishedName(ofShard index: Int) -> String { "shard-\(index)" }
    public static let publishedLexicon = "lexicon"

    /// Points the publish stubs at generation `n` of `shards` shards (each written beside, then
    /// renamed over; one that says so already is left alone), and removes those of shards it no longer has.
    func publish(generation n: Int, shards: Int) throws {
        var stubs: [String: String] = [:]
        if shards > 1 {
            for index in 0..<shards {
                stubs[Self.publishedName(ofShard: index)] = "auto ../gen-\(n)/" + Self.shardName(index, of: shards) + "\n"
            }
            stubs[Self.publishedLexicon] = "auto ../gen-\(n)/lexicon\n"
            do {
                _ = try OwnFolder.create(publishDirectory, mode: 0o755)
            } catch {
                throw POSIXFailure("cannot create \(publishDirectory)")
            }
        }
        for (name, text) in stubs.sorted(by: { $0.key < $1.key }) {
            let path = publishDirectory + "/" + name
            if (try? String(contentsOfFile: path, encoding: .utf8)) != text { try Self.replaceFile(path, with: text) }
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: publishDirectory)) ?? []
        for name in names where stubs[name] == nil {
            _ = unlink(publishDirectory + "/" + name)
        }
        if !names.isEmpty { syncDirectory(publishDirectory) }
    }
}
