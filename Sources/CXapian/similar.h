// More like this: the query `similar` runs, made by Xapian's relevance-set expansion.
#ifndef CXAPIAN_SIMILAR_H
#define CXAPIAN_SIMILAR_H

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <vector>

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

// Unprefixed: Xapian's prefixes (Omega's conventions) are capital letters.
bool is_plain_word(const std::string &term);

// The collection frequencies a run of story_terms calls read from one database that does not
// change meanwhile (its owner clears them at each write or reopen): a grouping pass reads
// thousands of articles sharing most of their words, and each frequency is a B-tree read.
class CollectionFreqs {
  public:
    Xapian::termcount get(const Xapian::Database &db, const std::string &term);
    void clear() { known.clear(); }

  private:
    std::unordered_map<std::string, Xapian::termcount> known;
};

struct WeightedTerm {
    double weight;
    std::string term;
};

// telling_terms(db, article, false) (the story rule's terms) with each collection frequency read
// through `freqs`: the same terms, weights and order, restated from Xapian 1.4's Bo1 expansion
// (bo1eweight.cc, esetinternal.cc), which reads every frequency again for every article. Debug
// builds check each answer against Xapian's own (stories.cpp).
std::vector<WeightedTerm> story_terms(const Xapian::Database &db, Xapian::docid article, CollectionFreqs &freqs);

}  // namespace cxapian

#endif
