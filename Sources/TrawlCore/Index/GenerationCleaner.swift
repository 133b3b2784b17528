import Foundation

/// Keeps the index folder tidy: removes what a killed run left behind, and old generations.
struct GenerationCleaner {
    let layout: IndexLayout

    /// Unfinished rebuilds, a half-written stub, and finished generations that never went live.
    /// Runs under the writer lock, so nothing removed here is in use by a writer.
    func removeDebris() {
        let current = layout.currentGeneration() ?? 0
        try? FileManager.default.removeItem(atPath: layout.root + "/current.tmp")
        for generation in layout.generationsOnDisk() where generation.building || generation.number > current {
            try? FileManager.default.removeItem(atPath: generation.path)
        }
    }

    /// After a switch: keep the live generation and the one it replaced (for rollback).
    func pruneOld(keeping live: Int, previous: Int?) {
        for generation in layout.generationsOnDisk()
        where !generation.building && generation.number != live && generation.number != previous {
            try? FileManager.default.removeItem(atPath: generation.path)
        }
    }
}
