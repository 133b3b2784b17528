// `similar`: see similar.h.
#include "similar.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace {

// Plain words (Xapian's prefixes, Omega's conventions, are capital letters); with `shared`, only
// those some other article has too: a word of this article alone cannot find another one.
class PlainWords : public Xapian::ExpandDecider {
    const Xapian::Database &db;
    const bool shared;

  public:
    PlainWords(const Xapian::Database &db_, bool shared_) : db(db_), shared(shared_) {}

    bool operator()(const std::string &term) const override {
        return cxapian::is_plain_word(term) && (!shared || db.get_termfreq(term) > 1);
    }
};

// Xapian's order of expansion terms (ExpandTerm::operator<): the higher weight first, then, as
// measured against Xapian 1.4.22, the lexically greater term.
bool ranks_before(const cxapian::WeightedTerm &a, const cxapian::WeightedTerm &b) {
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.term > b.term;
}

}  // namespace

namespace cxapian {

bool is_plain_word(const std::string &term) { return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z'); }

Xapian::termcount CollectionFreqs::get(const Xapian::Database &db, const std::string &term) {
    // Bounded: a pass over millions of articles must not keep every word it has seen.
    if (known.size() >= (1u << 20)) known.clear();
    const auto found = known.find(term);
    if (found != known.end()) return found->second;
    const Xapian::termcount freq = db.get_collection_freq(term);
    known.emplace(term, freq);
    return freq;
}

std::vector<WeightedTerm> story_terms(const Xapian::Database &db, Xapian::docid article, CollectionFreqs &freqs) {
    const double size = db.get_doccount();
    std::vector<WeightedTerm> kept;
    // As ESet::Internal::expand in Xapian 1.4.22 (checked against it, ties included): a term
    // weighing no more than `weakest` is passed over; once kSimilarTerms are kept, each term taken
    // replaces the one ranked last, and `weakest` is the weight ranked last (0 before the first
    // replacement, which so takes the first term past kSimilarTerms whatever its weight).
    double weakest = 0;
    for (Xapian::TermIterator it = db.termlist_begin(article); it != db.termlist_end(article); ++it) {
        const std::string term = *it;
        if (!is_plain_word(term)) continue;
        // Bo1EWeight::get_weight, with the article as the relevance set (its wdf is the set's).
        const double mean = double(freqs.get(db, term)) / size;
        const double weight = it.get_wdf() * std::log2((1.0 + mean) / mean) + std::log2(1.0 + mean);
        if (weight <= weakest) continue;
        if (kept.size() < kSimilarTerms) {
            kept.push_back({weight, term});
            continue;
        }
        *std::max_element(kept.begin(), kept.end(), ranks_before) = {weight, term};
        weakest = std::max_element(kept.begin(), kept.end(), ranks_before)->weight;
    }
    std::sort(kept.begin(), kept.end(), ranks_before);
    return kept;
}

Xapian::ESet telling_terms(const Xapian::Database &db, Xapian::docid article, bool shared_only) {
    Xapian::RSet relevant;
    relevant.add_document(article);
    Xapian::Enquire enquire(db);
    enquire.set_expansion_scheme("bo1");
    const PlainWords plain_words(db, shared_only);
    return enquire.get_eset(kSimilarTerms, relevant, &plain_words);
}

Xapian::Query more_like_this(const Xapian::Database &db, Xapian::docid article, const std::string &id_term) {
    const Xapian::ESet terms = telling_terms(db, article, true);
    const Xapian::Query alike(Xapian::Query::OP_OR, terms.begin(), terms.end());
    return Xapian::Query(Xapian::Query::OP_AND_NOT, alike, Xapian::Query(id_term));
}

}  // namespace cxapian
