// What the query parser is given: the query text folded like the indexed text, its words in
// lower case (Xapian's STEM_SOME leaves a capitalised word unstemmed, so `Musk` would miss
// "Musk's"; phrases still match exact words), its operators and initialisms (`U.S.`) as typed.
#include "internal.h"
#include "query_parser.h"

#include <algorithm>
#include <cstring>
#include <vector>

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

bool is_positional_operator(const std::string &token) {
    for (const char *op : {"NEAR", "ADJ"}) {
        const size_t n = std::strlen(op);
        if (token.compare(0, n, op) != 0) continue;
        if (token.size() == n) return true;
        if (token[n] != '/' || token.size() == n + 1) return false;
        return token.find_first_not_of("0123456789", n + 1) == std::string::npos;
    }
    return false;
}

// A plain word: word characters only (no field, apostrophe, wildcard or sign) and no operator.
bool is_bare_word(const std::string &word) {
    if (word.empty() || is_operator_word(word)) return false;
    for (Xapian::Utf8Iterator it(word); it != Xapian::Utf8Iterator(); ++it)
        if (!Xapian::Unicode::is_wordchar(*it)) return false;
    return true;
}

// A group's words, with the brackets that open before its first and close after its last.
struct PositionalGroup {
    std::string opening, closing;
    std::vector<std::string> words, operators;

    // The group with its bare words but `last` in the possessive field, and `last` as the last word.
    std::string with_last(const std::string &last) const {
        std::string out;
        for (size_t i = 0; i < words.size(); ++i) {
            if (i > 0) out += " " + operators[i - 1] + " ";
            const std::string &word = i + 1 == words.size() ? last : words[i];
            out += (i + 1 < words.size() && is_bare_word(word)) ? std::string(kPossessivePrefix) + ":" + word : word;
        }
        return out;
    }

    // Each bare word also matches its possessive. Xapian 1.4's parser builds nothing for a group
    // whose words all come through a field processor, so the last word stays a plain term, once
    // as typed and once with 's.
    std::string rewritten() const {
        const std::string &last = words.back();
        if (!is_bare_word(last)) return opening + with_last(last) + closing;
        return opening + "((" + with_last(last) + ") OR (" + with_last(last + "'s") + "))" + closing;
    }
};

}  // namespace

std::string match_possessives_in_groups(const std::string &prepared) {
    if (prepared.find("NEAR") == std::string::npos && prepared.find("ADJ") == std::string::npos) return prepared;
    // Tokens between white space (rejoined with one space); a token inside quotes (a phrase) is
    // never part of a group.
    std::vector<std::string> tokens;
    std::vector<bool> quoted;
    bool in_quotes = false;
    size_t start = 0;
    while (start < prepared.size()) {
        size_t end = prepared.find_first_of(" \t\r\n", start);
        if (end == std::string::npos) end = prepared.size();
        const std::string token = prepared.substr(start, end - start);
        if (token.empty()) {
            start = end + 1;
            continue;
        }
        const bool toggles = std::count(token.begin(), token.end(), '"') % 2 == 1;
        tokens.push_back(token);
        quoted.push_back(in_quotes || token.find('"') != std::string::npos);
        if (toggles) in_quotes = !in_quotes;
        start = end + 1;
    }
    std::string out;
    for (size_t i = 0; i < tokens.size();) {
        // A group: term OPERATOR term [OPERATOR term]..., none quoted, signed or bracketed inside.
        size_t end = i;
        while (end + 2 < tokens.size() && !quoted[end] && is_positional_operator(tokens[end + 1]) && !quoted[end + 2]) end += 2;
        PositionalGroup group;
        bool usable = end > i;
        for (size_t t = i; usable && t <= end; t += 2) {
            std::string word = tokens[t];
            if (t == i) {
                const size_t first = word.find_first_not_of('(');
                group.opening = word.substr(0, first == std::string::npos ? word.size() : first);
                word.erase(0, group.opening.size());
            }
            if (t == end) {
                const size_t last = word.find_last_not_of(')');
                group.closing = word.substr(last == std::string::npos ? 0 : last + 1);
                word.erase(word.size() - group.closing.size());
            }
            usable = !word.empty() && word.find_first_of("()+-") == std::string::npos;
            group.words.push_back(word);
            if (t < end) group.operators.push_back(tokens[t + 1]);
        }
        if (!out.empty()) out += ' ';
        if (usable) {
            out += group.rewritten();
            i = end + 1;
        } else {
            out += tokens[i];
            ++i;
        }
    }
    return out;
}

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
