import CXapian

/// Grouping's queries on the database being written, its pending changes included.
extension IndexWriter: GroupingCalls {
    func copyCandidatesCall(terms: tx_text, minShared: UInt32, perBand: UInt32, limit: UInt32) -> ShimAnswer {
        { tx_writer_copy_candidates(self.handle, terms, minShared, perBand, limit, $0, $1, $2) }
    }

    func storyTermsCall(id: tx_text) -> ShimAnswer { { tx_writer_story_terms(self.handle, id, $0, $1, $2) } }

    func storyCandidatesCall(terms: tx_text, days: tx_text, limit: UInt32, minSimilarity: Double) -> ShimAnswer {
        { tx_writer_story_candidates(self.handle, terms, days, limit, minSimilarity, $0, $1, $2) }
    }
}

/// Grouping's queries on one read-only database (a rebuild's grouping pass, one reader per thread and shard).
extension IndexReader: GroupingCalls {
    func copyCandidatesCall(terms: tx_text, minShared: UInt32, perBand: UInt32, limit: UInt32) -> ShimAnswer {
        { tx_database_copy_candidates(self.handle, terms, minShared, perBand, limit, $0, $1, $2) }
    }

    func storyTermsCall(id: tx_text) -> ShimAnswer { { tx_database_story_terms(self.handle, id, $0, $1, $2) } }

    func storyCandidatesCall(terms: tx_text, days: tx_text, limit: UInt32, minSimilarity: Double) -> ShimAnswer {
        { tx_database_story_candidates(self.handle, terms, days, limit, minSimilarity, $0, $1, $2) }
    }
}
