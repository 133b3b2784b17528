// `similar`: see similar.h.
#include "similar.h"

#include <vector>

namespace {

// Plain words (Xapian's prefixes, Omega's conventions, are capital letters) that some other article
// has too: a word of this article alone cannot find another one.
class SharedPlainWords : public Xapian::ExpandDecider {
    const Xapian::Database &db;

  public:
    explicit SharedPlainWords(const Xapian::Database &db_) : db(db_) {}

    bool operator()(const std::string &term) const override {
        return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z') && db.get_termfreq(term) > 1;
    }
};

}  // namespace

namespace cxapian {

Xapian::Query more_like_this(const Xapian::Database &db, Xapian::docid article, const std::string &id_term) {
    Xapian::RSet relevant;
    relevant.add_document(article);
    Xapian::Enquire enquire(db);
    enquire.set_expansion_scheme("bo1");
    const SharedPlainWords shared_plain_words(db);
    const Xapian::ESet terms = enquire.get_eset(kSimilarTerms, relevant, &shared_plain_words);
    const Xapian::Query alike(Xapian::Query::OP_OR, terms.begin(), terms.end());
    return Xapian::Query(Xapian::Query::OP_AND_NOT, alike, Xapian::Query(id_term));
}

}  // namespace cxapian
