import TrawlCore

/// What to do about a run that did nothing, when the error itself does not say.
enum FailureHint {
    /// A line to print after the error, or nil.
    static func hint(for error: IndexerError, rebuild: Bool) -> String? {
        guard case .index(let engineError) = error, case .storage(_, let detail) = engineError else { return nil }
        // NOTE: Xapian reports a failed write with strerror's text; these two mean "no room".
        if detail.contains("No space left on device") || detail.contains("File too large") {
            return "the index's file system is full (or a file size limit was hit): free space and run again;"
                + " a rebuild needs room for a second copy of the index beside the live one"
        }
        return rebuild ? nil : "if the index is damaged, `trawl-index --rebuild` builds a fresh generation"
    }
}
