import CXapian

/// The terms of the articles changed in a range of change numbers (`tx_changed_terms`). A
/// subscription round reads them once; each subscription's query that needs a term none of those
/// articles holds is then answered without a match (`IndexReader.changes(_:among:)`): with a
/// thousand saved searches and a few new articles, most cannot match, and a match costs about as
/// much for one new article as for a hundred.
public final class ChangedTerms {
    let handle: OpaquePointer

    fileprivate init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        tx_term_set_free(handle)
    }
}

extension IndexReader {
    /// The terms of the articles with `after` < seq <= `through`; nil when none changed or more than
    /// `maxArticles` did (their terms would be most of the index's: every query then runs).
    public func changedTerms(after: UInt64, through: UInt64, maxArticles: Int) throws(TrawlError) -> ChangedTerms? {
        try retryingOnChange { () throws(TrawlError) -> ChangedTerms? in
            var set: OpaquePointer?
            try check(path: path) { tx_changed_terms(handle, after, through, UInt32(clamping: maxArticles), &set, $0) }
            return set.map(ChangedTerms.init(handle:))
        }
    }
}
