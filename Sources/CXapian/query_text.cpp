// What the query parser is given: the query text folded like the indexed text, its words in
// lower case (Xapian's STEM_SOME leaves a capitalised word unstemmed, so `Musk` would miss
// "Musk's"; phrases still match exact words), its operators and initialisms (`U.S.`) as typed.
#include "internal.h"

#include <cstring>

namespace cxapian {

namespace {

// Xapian's boolean operators are recognised only in capitals; they stay as typed.
bool is_operator_word(const std::string &word) {
    static const char *const operators[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    for (const char *op : operators)
        if (word == op) return true;
    return false;
}

bool is_upper(unsigned ch) { return Xapian::Unicode::get_category(ch) == Xapian::Unicode::UPPERCASE_LETTER; }

// The end of an initialism starting at `it` (capitals each followed by a dot, the last dot optional,
// at least two, no word character after: `U.S.`, `U.K`, `E.U.`), or `it` when there is none. The
// rule is Xapian's (its QueryParser and TermGenerator alike read `U.S.` as the term `us`), so an
// initialism must reach the parser in capitals: lower-cased, `u.s.` would be the phrase "u s".
Xapian::Utf8Iterator initialism_end(Xapian::Utf8Iterator it) {
    const Xapian::Utf8Iterator end;
    Xapian::Utf8Iterator p = it;
    int letters = 0;
    while (p != end && is_upper(*p)) {
        ++p, ++letters;
        if (p == end || *p != '.') break;
        ++p;
    }
    if (letters < 2 || (p != end && Xapian::Unicode::is_wordchar(*p))) return it;
    return p;
}

}  // namespace

std::string prepare_query_text(const std::string &text) {
    const std::string folded = fold_accents(text);
    std::string out;
    out.reserve(folded.size());
    std::string word;
    auto flush_word = [&] {
        out += is_operator_word(word) ? word : Xapian::Unicode::tolower(word);
        word.clear();
    };
    for (Xapian::Utf8Iterator it(folded); it != Xapian::Utf8Iterator(); ++it) {
        if (word.empty()) {
            const Xapian::Utf8Iterator initialism = initialism_end(it);
            if (initialism != it) {
                out.append(it.raw(), initialism.raw() - it.raw());
                it = initialism;
                if (it == Xapian::Utf8Iterator()) break;
            }
        }
        const unsigned ch = *it;
        if (Xapian::Unicode::is_wordchar(ch)) {
            Xapian::Unicode::append_utf8(word, ch);
        } else {
            flush_word();
            Xapian::Unicode::append_utf8(out, ch);
        }
    }
    flush_word();
    return out;
}

bool may_hate_a_term(const std::string &text) {
    // As Xapian's lexer: `-` at the start, or after whitespace or `(`, directly before a word.
    for (size_t i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != '-') continue;
        const bool starts = i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n' ||
                            text[i - 1] == '\r' || text[i - 1] == '(';
        const char next = text[i + 1];
        if (starts && next != ' ' && next != '\t' && next != '-' && next != '+') return true;
    }
    return false;
}

}  // namespace cxapian
