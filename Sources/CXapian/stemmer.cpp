// Stemmers by language name. (A stemmer that remembered its words was tried: it saved time per
// word in isolation, but on the 100k benchmark index its table lookups and clearing cost 11% of
// a search's CPU and won nothing end to end, so Xapian's own stemmer is used as it is.)
#include "internal.h"

#include <cstring>

namespace cxapian {

Xapian::Stem make_stem(const char *language) {
    if (!language || !*language || std::strcmp(language, "none") == 0) return Xapian::Stem();
    return Xapian::Stem(language);
}

}  // namespace cxapian

extern "C" const char *tx_stem_languages(void) {
    // Built once (thread-safe static initialisation); nothing may throw across the boundary.
    static const std::string languages = []() noexcept -> std::string {
        try {
            return Xapian::Stem::get_available_languages();
        } catch (...) {
            return std::string();
        }
    }();
    return languages.c_str();
}
