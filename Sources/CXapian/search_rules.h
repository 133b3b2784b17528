// What a search does beyond parsing, as trawld's shim has it: how many matches are checked so
// that small totals are exact, and how a title's matched words are marked. The benchmark's
// reference searcher (Benchmarks/cpp) calls these too, so both do the same work.
#ifndef CXAPIAN_SEARCH_RULES_H
#define CXAPIAN_SEARCH_RULES_H

#include <xapian.h>

#include <string>

namespace cxapian {

// Totals up to this many matches are exact (get_mset's check_at_least; its cost was measured
// with the benchmark's search p50, see README "Protocol as implemented").
inline constexpr Xapian::doccount kCountExactlyUpTo = 2000;

// The query's `title:` terms without their prefix (`Sreturn` -> `return`, `ZStalk` -> `Ztalk`),
// searched once into `out`, so that MSet::snippet can mark them in a title: it compares a title's
// words with unprefixed terms only. False (and `out` untouched) when the query has none.
bool search_title_terms(const Xapian::Database &db, const Xapian::Query &query, Xapian::MSet &out);

// The whole title, HTML-escaped, with the words `matches` matched marked between pre and post
// (and those of `title_terms`, when not null); "" when none matched. `stem` must be the query's.
std::string highlight_title(const Xapian::MSet &matches, const Xapian::MSet *title_terms, const Xapian::Stem &stem,
                            const std::string &title, const char *pre, const char *post);

}  // namespace cxapian

#endif
