// Queries for every document and for one term that Xapian 1.4.22 reads safely.
#ifndef CXAPIAN_TERM_QUERY_H
#define CXAPIAN_TERM_QUERY_H

#include <xapian.h>

#include <string>

namespace cxapian {

// Every document. A new query each time: Xapian::Query::MatchAll is one static object whose
// reference count is a plain integer, so copies of it made on several threads at once (trawld's
// workers, a rebuild's writers) corrupt the count and free it under a user: a rebuild crashed
// (SIGSEGV in Enquire::set_query) in about one run of eight.
inline Xapian::Query match_all() { return Xapian::Query(std::string()); }

// The documents holding `term`, read through a PostingIterator, which reads them right in every
// case below; a filter's weight (none). Only for databases trawld reads itself: a PostingSource of
// ours cannot be sent to xapian-tcpsrv.
class TermPostingSource : public Xapian::PostingSource {
    std::string term;
    Xapian::PostingIterator at, end;
    Xapian::doccount holding = 0;
    bool started = false;

  public:
    explicit TermPostingSource(std::string term_) : term(std::move(term_)) {}
    TermPostingSource *clone() const override { return new TermPostingSource(term); }
    // Called for each shard with that shard alone.
    void init(const Xapian::Database &shard) override {
        at = shard.postlist_begin(term);
        end = shard.postlist_end(term);
        started = false;
        holding = shard.get_termfreq(term);
    }
    Xapian::doccount get_termfreq_min() const override { return holding; }
    Xapian::doccount get_termfreq_est() const override { return holding; }
    Xapian::doccount get_termfreq_max() const override { return holding; }
    // Xapian starts a source before its first document; the iterator starts on it.
    void next(double) override {
        if (started) ++at;
        started = true;
    }
    void skip_to(Xapian::docid did, double) override {
        started = true;
        at.skip_to(did);
    }
    bool at_end() const override { return at == end; }
    Xapian::docid get_docid() const override { return *at; }
    std::string get_description() const override { return "TermPostingSource(" + term + ")"; }

    // The term of `leaf` when it is a query made of this source, so that may_match (changes.cpp) can
    // judge it as the term. Xapian 1.4 gives no way from a Query to its source, only its description:
    // "Query(PostingSource(" + get_description() + "))".
    static bool term_of(const Xapian::Query &leaf, std::string &out) {
        static const std::string open = "Query(PostingSource(TermPostingSource(", close = ")))";
        if (leaf.get_type() != Xapian::Query::LEAF_POSTING_SOURCE) return false;
        const std::string description = leaf.get_description();
        if (description.size() < open.size() + close.size() || description.compare(0, open.size(), open) != 0 ||
            description.compare(description.size() - close.size(), close.size(), close) != 0)
            return false;
        out = description.substr(open.size(), description.size() - open.size() - close.size());
        return true;
    }
};

// The term, or every document when every document of `db` holds it (the same documents).
//
// Why: when a term is in every document and its weight needs no wdf (a boolean filter term, or any
// term under BoolWeight/CoordWeight), Xapian 1.4.22's matcher reads the all-documents list in its
// place under the term's name (LocalSubMatch::open_post_list). Once a document was deleted, that list
// checks its chunks' keys against the term's name and throws DatabaseCorruptError ("Unexpected end
// of posting list for 'D20250512'") on reaching its second chunk: `date:2025-05-12` alone failed as
// "index damaged" on an index of one day's articles with one deleted. MatchAll reads the same list
// under its own name.
//
// Shards combined in one Database are matched one by one, each against its own counts: a term in
// every document of one shard but not of another would still be swapped there. For local shards
// (`remote_shards` false) such a term is read through TermPostingSource instead. Remote shards match
// on their own servers, which know no source of ours: there the gap stays (README, "Shards").
inline Xapian::Query term_query(const Xapian::Database &db, const std::string &term, bool remote_shards) {
    const Xapian::doccount documents = db.get_doccount();
    const Xapian::doccount holding = db.get_termfreq(term);
    if (documents > 0 && holding == documents) return match_all();
    if (db.size() > 1 && holding > 0 && !remote_shards)
        return Xapian::Query((new TermPostingSource(term))->release());
    return Xapian::Query(term);
}

}  // namespace cxapian

#endif
