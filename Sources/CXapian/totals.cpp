// Exact totals for collapsed searches (totals.h).
#include "totals.h"

namespace cxapian {

GroupCounter::GroupCounter(Xapian::Enquire &enquire, Xapian::valueno collapse_slot) {
    if (collapse_slot == Xapian::BAD_VALUENO) return;
    spy_.emplace(collapse_slot);
    enquire.add_matchspy(&*spy_);
}

Totals GroupCounter::totals(const Xapian::MSet &mset, Xapian::doccount checked_at_least,
                            Xapian::doccount doccount) const {
    Totals bounds{mset.get_matches_lower_bound(), mset.get_matches_estimated(), mset.get_matches_upper_bound()};
    if (!spy_) return bounds;
    // The match stops early only once it has kept checked_at_least matches, each seen by the spy
    // first; a search that fails its time limit is not answered (search.cpp).
    const Xapian::doccount seen = spy_->get_total();
    if (seen >= checked_at_least && checked_at_least < doccount) return bounds;
    Xapian::doccount grouped = 0, groups = 0;
    for (Xapian::TermIterator value = spy_->values_begin(); value != spy_->values_end(); ++value) {
        grouped += value.get_termfreq();
        ++groups;
    }
    const Xapian::doccount exact = groups + (seen - grouped);
    return Totals{exact, exact, exact};
}

}  // namespace cxapian
