// A search's totals: Xapian's bounds, made exact for collapsed searches when every match was seen.
#ifndef CXAPIAN_TOTALS_H
#define CXAPIAN_TOTALS_H

#include <xapian.h>

#include <optional>

namespace cxapian {

struct Totals {
    Xapian::doccount lower = 0, estimate = 0, upper = 0;
};

// Counts the groups a collapsed search folds its matches into.
// Xapian's bounds on a collapsed total stay apart unless the hits asked for hold every group (a
// `count` asks for none: `minister source:bbc` gave 21..50 for 21 stories). A match spy sees
// every match before it is folded, so when the match saw them all, the groups are counted
// exactly: each group value once, each article without one (never folded) on its own.
class GroupCounter {
  public:
    // Counts `enquire`'s matches when it collapses on `collapse_slot` (Xapian::BAD_VALUENO: no
    // collapse, nothing counted). The counter must live until `enquire`'s get_mset has returned.
    GroupCounter(Xapian::Enquire &enquire, Xapian::valueno collapse_slot);

    // The totals of `mset`, found with get_mset's `checked_at_least` on a database of `doccount`
    // articles: exact group counts when every match was seen, else Xapian's bounds.
    Totals totals(const Xapian::MSet &mset, Xapian::doccount checked_at_least, Xapian::doccount doccount) const;

  private:
    std::optional<Xapian::ValueCountMatchSpy> spy_;
};

}  // namespace cxapian

#endif
