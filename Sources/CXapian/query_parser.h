// The query language's prefixes and field processors, as trawld's parser has them (README,
// "Query language"). The benchmark's reference searcher (Benchmarks/cpp) configures its parser
// with this too, so both parse alike.
#ifndef CXAPIAN_QUERY_PARSER_H
#define CXAPIAN_QUERY_PARSER_H

#include <xapian.h>

#include <string>

namespace cxapian {

// The flags every user query is parsed with (a spelling lookup adds FLAG_SPELLING_CORRECTION).
inline constexpr unsigned kParseFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                                        Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS;

// The field of a word that also stands for its possessive (`musk` or `musk's`): written by
// match_possessives_in_groups into NEAR and ADJ groups, never typed.
inline constexpr const char *kPossessivePrefix = "_possessive";

// Gives the parser its database, stemmer, prefixes (`title:`, `by:`, `source:`, `site:`, `date:`, `copies:`, `story:`,
// the `_all` filter) and the `date:A..B` range. What a `date:` value gets wrong is recorded in
// field_error rather than thrown (see tx_database::field_error); it must outlive the parser, as must
// db and remote_shards (the handle's own: filter terms are read against db's counts when a query is
// parsed, and how depends on whether one of its shards is remote, term_query.h).
void configure_parser(Xapian::QueryParser &parser, const Xapian::Database &db, const bool &remote_shards,
                      const Xapian::Stem &stem, std::string &field_error);

}  // namespace cxapian

#endif
