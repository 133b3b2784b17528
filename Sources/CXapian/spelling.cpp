// Which of Xapian's spelling corrections may be offered (README, "Query language"): a word is
// replaced only when the index holds neither it nor its stem, and only by a word at most one
// edit away when it has up to kShortWordLetters letters (two edits otherwise). Xapian's own
// lookup allows two edits for every word, which turned names into unrelated words
// (`Musk` -> `mark`, `Elon` -> `on`, `metro` -> `merz`; at five letters, `Carney` -> `care`).
#include "internal.h"

#include <algorithm>
#include <vector>

namespace cxapian {

namespace {

const size_t kShortWordLetters = 6;

std::vector<unsigned> code_points(const std::string &word) {
    std::vector<unsigned> out;
    for (Xapian::Utf8Iterator it(word); it != Xapian::Utf8Iterator(); ++it) out.push_back(*it);
    return out;
}

// Edits (insert, delete, substitute, swap two neighbours) from a to b.
size_t edit_distance(const std::vector<unsigned> &a, const std::vector<unsigned> &b) {
    std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

bool index_holds(const Xapian::Database &db, const Xapian::Stem &stem, const std::string &word) {
    return db.term_exists(word) || (!stem.is_none() && db.term_exists("Z" + stem(word)));
}

bool may_replace(const Xapian::Database &db, const Xapian::Stem &stem, const std::string &typed,
                 const std::string &proposed) {
    if (index_holds(db, stem, typed)) return false;
    const std::vector<unsigned> a = code_points(typed), b = code_points(proposed);
    return edit_distance(a, b) <= (a.size() <= kShortWordLetters ? 1u : 2u);
}

// The text split into alternating runs: separators, then words (runs[0] may be empty). An
// apostrophe or `&` between word characters is inside the word, as Xapian reads words: its
// proposal may turn `musk` into `musk's`, and a word that splits differently must not make the
// texts' runs differ (every correction of the query was dropped).
std::vector<std::string> runs(const std::string &text) {
    const std::vector<unsigned> points = code_points(text);
    const auto is_word_char = [&](size_t i) {
        if (Xapian::Unicode::is_wordchar(points[i])) return true;
        return (points[i] == '\'' || points[i] == '&') && i > 0 && i + 1 < points.size() &&
               Xapian::Unicode::is_wordchar(points[i - 1]) && Xapian::Unicode::is_wordchar(points[i + 1]);
    };
    std::vector<std::string> out(1);
    bool in_word = false;
    for (size_t i = 0; i < points.size(); ++i) {
        const bool word_char = is_word_char(i);
        if (word_char != in_word) {
            out.emplace_back();
            in_word = word_char;
        }
        Xapian::Unicode::append_utf8(out.back(), points[i]);
    }
    return out;
}

}  // namespace

std::string keep_honest_corrections(const Xapian::Database &db, const Xapian::Stem &stem, const std::string &typed,
                                    const std::string &corrected) {
    // Xapian rewrites a corrected word in place, so both texts have the same runs.
    const std::vector<std::string> before = runs(typed), after = runs(corrected);
    if (corrected.empty() || before.size() != after.size()) return std::string();
    std::string out;
    bool changed = false;
    for (size_t i = 0; i < before.size(); ++i) {
        const bool is_word = i % 2 == 1;
        if (is_word && before[i] != after[i] && may_replace(db, stem, Xapian::Unicode::tolower(before[i]), after[i])) {
            out += after[i];
            changed = true;
        } else {
            out += before[i];
        }
    }
    return changed ? out : std::string();
}

}  // namespace cxapian
