import CXapian

/// An article the candidate query found, with what deciding its copies group needs.
struct CopyCandidate: GroupMember, Equatable, Sendable {
    var id: String
    /// Its copies group; nil while it has no copies.
    var group: String?
    var sortKey: String
    var signature: CopySignature?
    /// Its story; nil while it has none.
    var story: String? = nil
}

extension IndexWriter {
    /// Puts the article with this id into a copies group (its collapse key and `copies:` term).
    func setCopiesGroup(id: String, group: String) throws(TrawlError) {
        try withTexts([id, group]) { t throws(TrawlError) in
            try check(path: path) { tx_writer_set_group(handle, TX_COLLAPSE_COPIES, t[0], t[1], $0) }
        }
    }
}
