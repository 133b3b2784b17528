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

// The term, or every document when every document of `db` holds it (the same documents).
//
// Why: when a term is in every document and its weight needs no wdf (a boolean filter term, or any
// term under BoolWeight/CoordWeight), Xapian 1.4.22's matcher reads the all-documents list in its
// place under the term's name (LocalSubMatch::open_post_list). Once a document was deleted, that list
// checks its chunks' keys against the term's name and throws DatabaseCorruptError ("Unexpected end
// of posting list for 'D20250512'") on reaching its second chunk: `date:2025-05-12` alone failed as
// "index damaged" on an index of one day's articles with one deleted. MatchAll reads the same list
// under its own name. (For shards combined in one Database, the counts are the combination's: a term
// in every document of one shard only is still read through Xapian's list there.)
inline Xapian::Query term_query(const Xapian::Database &db, const std::string &term) {
    const Xapian::doccount documents = db.get_doccount();
    if (documents > 0 && db.get_termfreq(term) == documents) return match_all();
    return Xapian::Query(term);
}

}  // namespace cxapian

#endif
