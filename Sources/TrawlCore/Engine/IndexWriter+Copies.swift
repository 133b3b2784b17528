import CXapian

/// An article the candidate query found, with what deciding its copies group needs.
struct CopyCandidate: GroupMember, Equatable {
    var id: String
    /// Its copies group; nil while it has no copies.
    var group: String?
    var sortKey: String
    var signature: CopySignature?
    /// Its story; nil while it has none.
    var story: String? = nil
}

extension IndexWriter {
    /// The articles (pending changes included) indexed under at least
    /// `CopySignature.minimumSharedBands` of `bandTerms` (reading the first `perBand` articles of
    /// each), those sharing the most first, at most `limit`.
    func copyCandidates(bandTerms: [String], perBand: Int, limit: Int) throws(TrawlError) -> [CopyCandidate] {
        var out: UnsafeMutablePointer<CChar>?
        var length = 0
        try withText(bandTerms.joined(separator: "\n")) { terms throws(TrawlError) in
            try check(path: path) { tx_writer_copy_candidates(
                handle, terms, UInt32(CopySignature.minimumSharedBands), UInt32(clamping: perBand),
                UInt32(clamping: limit), &out, &length, $0) }
        }
        let fields = Self.lengthPrefixedFields(takeString(out, length: length))
        return stride(from: 0, to: fields.count - 4, by: 5).compactMap { start in
            guard let key = ArticleKey(encoded: fields[start]) else { return nil }
            return CopyCandidate(
                id: key.id, group: fields[start + 1].nonEmpty, sortKey: fields[start + 2],
                signature: CopySignature(encoded: fields[start + 3]), story: fields[start + 4].nonEmpty)
        }
    }

    /// Puts the article with this id into a copies group (its collapse key and `copies:` term).
    func setCopiesGroup(id: String, group: String) throws(TrawlError) {
        try withTexts([id, group]) { t throws(TrawlError) in
            try check(path: path) { tx_writer_set_group(handle, TX_COLLAPSE_COPIES, t[0], t[1], $0) }
        }
    }

    /// Splits the shim's `<length>:<bytes>` fields (lengths in UTF-8 bytes).
    static func lengthPrefixedFields(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var fields: [String] = []
        var index = 0
        while index < bytes.count {
            var length = 0
            while index < bytes.count, bytes[index] != UInt8(ascii: ":") {
                length = length * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            index += 1
            let end = min(bytes.count, index + length)
            fields.append(String(decoding: bytes[index..<end], as: UTF8.self))
            index = end
        }
        return fields
    }
}
