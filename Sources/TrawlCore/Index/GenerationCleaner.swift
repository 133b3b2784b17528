import Foundation

/// Keeps the index folder tidy: removes what a killed run left behind, and old generations.
struct GenerationCleaner {
    let layout: IndexLayout

    /// Unfinished rebuilds (`gen-N.building`, `gen-N.shards`) and a half-written stub.
    /// Runs under the rebuild lock, so nothing removed here is in use by a writer.
    ///
    /// NOTE: a finished `gen-N` newer than `current` stays: it is either a rebuild killed between
    /// its rename and the switch, or the generation an operator rolled back from, which must not
    /// vanish under them. The next rebuild's `pruneOld` removes it.
    func removeDebris() {
        try? FileManager.default.removeItem(atPath: halfWrittenStub)
        for generation in layout.generationsOnDisk() where generation.building {
            try? FileManager.default.removeItem(atPath: generation.path)
        }
    }

    /// Whether `removeDebris` has anything to remove.
    var hasDebris: Bool {
        access(halfWrittenStub, F_OK) == 0 || layout.generationsOnDisk().contains { $0.building }
    }

    /// Where `IndexLayout.switchCurrent` writes the new stub before renaming it over `current`.
    private var halfWrittenStub: String { layout.root + "/current.tmp" }

    /// After a switch: keep the live generation and the one it replaced (for rollback).
    func pruneOld(keeping live: Int, previous: Int?) {
        for generation in layout.generationsOnDisk()
        where !generation.building && generation.number != live && generation.number != previous {
            try? FileManager.default.removeItem(atPath: generation.path)
        }
    }
}

extension IndexLayout {
    /// `GenerationCleaner.removeDebris`, for a process that holds the rebuild lock and cannot end
    /// its rebuild the normal way (`EscapedEngineError`); the next rebuild would remove it too.
    public func removeUnfinishedRebuilds() { GenerationCleaner(layout: self).removeDebris() }
}
