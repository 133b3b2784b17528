import Foundation

/// Whether this run's commits write Xapian changesets (`XAPIAN_MAX_CHANGESETS`), which
/// `xapian-replicate` sends to a replica instead of a full copy of the database.
///
/// An incremental run on an existing index keeps them (the environment's value, else 10 per
/// database; `0` writes none); a rebuild or a rollback writes none (a rebuild's writers would write megabytes of
/// changesets per commit, and a new generation reaches replicas as a full copy anyway).
/// `--watch` always keeps them: when it finds no index, its first pass is a build whose writers
/// write changesets too (the one cost of a watcher started first; `trawl-index --rebuild` before
/// it avoids that), because its later batches must.
/// NOTE: Xapian's glass backend reads the variable with getenv at every commit, and setenv is not
/// safe against another thread's getenv: decided once, before the indexer starts any thread.
enum Changesets {
    static let variable = "XAPIAN_MAX_CHANGESETS"
    /// Changesets kept per database: a replica polling less often than every ten commits gets a full copy.
    static let defaultKept = "10"

    static func decide(updatesInPlace: Bool) {
        guard updatesInPlace else {
            unsetenv(variable)
            return
        }
        if (ProcessInfo.processInfo.environment[variable] ?? "").isEmpty { setenv(variable, defaultKept, 1) }
    }
}
