// `similar`: see similar.h.
#include "similar.h"

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
        return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z') && (!shared || db.get_termfreq(term) > 1);
    }
};

}  // namespace

namespace cxapian {

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
