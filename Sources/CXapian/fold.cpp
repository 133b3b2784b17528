// The accent fold (docs/SCHEMA.md, "Accent folding"): one function used on the text given to
// the TermGenerator, on query text, and inside the stemmer that snippets match words with.
#include "fold_table.h"
#include "internal.h"

#include <algorithm>
#include <iterator>

namespace cxapian {

namespace {

bool is_combining_mark(unsigned ch) {
    for (const auto &range : kCombiningRanges)
        if (ch >= range[0] && ch <= range[1]) return true;
    return false;
}

bool is_ascii(const std::string &text) {
    return std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

const char *folded_form(unsigned ch) {
    const FoldEntry *end = std::end(kFoldTable);
    const FoldEntry *found =
        std::lower_bound(std::begin(kFoldTable), end, ch, [](const FoldEntry &e, unsigned c) { return e.code < c; });
    return found != end && found->code == ch ? found->to : nullptr;
}

// A stemmer that folds each word first: MSet::snippet stems the words of the stored text
// (accents as written) and compares them with the query's folded Z terms.
class FoldingStemImplementation : public Xapian::StemImplementation {
    Xapian::Stem inner;

  public:
    explicit FoldingStemImplementation(Xapian::Stem inner_) : inner(std::move(inner_)) {}
    // Called for every word of every snippet: ASCII words (most) go straight to the stemmer.
    std::string operator()(const std::string &word) override { return inner(is_ascii(word) ? word : fold_accents(word)); }
    std::string get_description() const override { return "folding " + inner.get_description(); }
};

}  // namespace

std::string fold_accents(std::string text) {
    // Most text is ASCII: nothing to fold, the text is handed back (moved, not copied).
    if (is_ascii(text)) return text;
    std::string out;
    out.reserve(text.size());
    for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
        const unsigned ch = *it;
        if (ch < 0x80) {
            out += static_cast<char>(ch);
        } else if (const char *to = folded_form(ch)) {
            out += to;
        } else if (!is_combining_mark(ch)) {
            Xapian::Unicode::append_utf8(out, ch);
        }
    }
    return out;
}

Xapian::Stem make_folding_stem(const char *language) {
    Xapian::Stem inner = make_stem(language);
    if (inner.is_none()) return inner;
    return Xapian::Stem(new FoldingStemImplementation(inner));
}

std::string source_term(const std::string &source) {
    return make_term(TX_PREFIX_SOURCE, Xapian::Unicode::tolower(fold_accents(source)));
}

std::string legacy_source_term(const std::string &source) {
    return make_term(TX_PREFIX_SOURCE, Xapian::Unicode::tolower(source));
}

}  // namespace cxapian
