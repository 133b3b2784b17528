// More like this: the query `similar` runs, made by Xapian's relevance-set expansion.
#ifndef CXAPIAN_SIMILAR_H
#define CXAPIAN_SIMILAR_H

#include <xapian.h>

namespace cxapian {

// How many of the article's terms the expansion keeps (Xapian's own examples use 10 to 40).
inline constexpr Xapian::termcount kSimilarTerms = 30;

// The article's most telling plain words (an ESet over an RSet holding the article alone, weighed
// by Xapian's Bo1 scheme: how much more often a word occurs in the article than in the index; the
// default "trad" scheme ranks by rarity alone, so on a small index it chose words no other article
// shared, and five articles of one story did not find each other), ORed, with
// the article itself excluded. Only unprefixed terms that another article has too take part:
// titles' and bylines' prefixed copies, stems and boolean terms (source, site, dates) would count
// words twice or match by outlet.
Xapian::Query more_like_this(const Xapian::Database &db, Xapian::docid article, const std::string &id_term);

// The terms more_like_this ORs, with their Bo1 weights: the one rule of an article's telling words
// (stories use them too, stories.cpp). With shared_only, words no other article has are left out
// (they find nothing); stories keep them, as they say what is the article's own: an article about
// an event nobody else covered must not look like a story of its common words.
Xapian::ESet telling_terms(const Xapian::Database &db, Xapian::docid article, bool shared_only);

}  // namespace cxapian

#endif
