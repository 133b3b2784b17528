// The terms of the articles changed in a range of change numbers, and whether a query can match
// any of them at all: a subscription round's shortcut (docs/SCHEMA.md, "Change numbers").
#include "internal.h"
#include "term_query.h"

#include <unordered_set>

using cxapian::guarded;

struct tx_term_set {
    std::unordered_set<std::string> terms;
};

namespace cxapian {

// False only when every way for `query` to match an article needs a term that is not in `terms`
// (an AND needs each side, an OR either, an AND_NOT its left side). A term read through
// TermPostingSource (term_query.h, on local shards) is judged as the term. Other leaves that are not
// terms (value ranges, wildcards, match-all) may match anything, so a query with one in a needed
// place is run. Xapian matches only articles holding the terms its tree requires, so a query this
// rejects finds nothing among articles whose terms are all in `terms`.
bool may_match(const Xapian::Query &query, const std::unordered_set<std::string> &terms) {
    const size_t count = query.get_num_subqueries();
    const auto all = [&] {
        for (size_t i = 0; i < count; ++i)
            if (!may_match(query.get_subquery(i), terms)) return false;
        return true;
    };
    const auto any = [&] {
        for (size_t i = 0; i < count; ++i)
            if (may_match(query.get_subquery(i), terms)) return true;
        return false;
    };
    switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM: {
        const std::string term = *query.get_terms_begin();
        return term.empty() || terms.count(term) > 0;  // the empty term matches every article
    }
    case Xapian::Query::LEAF_POSTING_SOURCE: {
        std::string term;
        return !TermPostingSource::term_of(query, term) || terms.count(term) > 0;
    }
    case Xapian::Query::LEAF_MATCH_NOTHING: return false;
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_NEAR:
    case Xapian::Query::OP_PHRASE: return all();
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_XOR:
    case Xapian::Query::OP_ELITE_SET:
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_MAX: return any();
    case Xapian::Query::OP_AND_NOT:
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT: return count == 0 || may_match(query.get_subquery(0), terms);
    default: return true;  // match-all, value ranges, wildcards, other posting sources: not judged here
    }
}

bool may_match(const Xapian::Query &query, const tx_term_set &set) { return may_match(query, set.terms); }

}  // namespace cxapian

extern "C" {

tx_status tx_changed_terms(tx_database *db, uint64_t seq_after, uint64_t seq_through, uint32_t max_articles,
                           tx_term_set **out, char **err_msg) {
    if (out) *out = nullptr;
    return guarded(err_msg, [&] {
        if (!db || !out) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db and out are required", err_msg);
        if (seq_through <= seq_after) return TX_OK;
        Xapian::Enquire enquire(db->db);
        enquire.set_query(cxapian::seq_range(db->db, seq_after, seq_through, db->remote_shards));
        // (Not BoolWeight: Xapian 1.4.22 then throws DatabaseCorruptError, "Unexpected end of posting
        // list", reading a posting list to its end once any document was deleted. The default
        // weighting reads the same lists correctly; docs/measurements/subscription-matching.md.)
        const Xapian::MSet changed = enquire.get_mset(0, max_articles + 1);
        if (changed.size() > max_articles) return TX_OK;
        std::unique_ptr<tx_term_set> set(new tx_term_set());
        for (Xapian::MSetIterator article = changed.begin(); article != changed.end(); ++article)
            for (Xapian::TermIterator term = db->db.termlist_begin(*article); term != db->db.termlist_end(*article); ++term)
                set->terms.insert(*term);
        *out = set.release();
        return TX_OK;
    });
}

void tx_term_set_free(tx_term_set *set) { delete set; }

}  // extern "C"
