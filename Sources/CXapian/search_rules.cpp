// Title highlighting (search_rules.h): shared by the shim's search and the benchmark's reference.
#include "search_rules.h"

#include "cxapian.h"  // TX_PREFIX_TITLE

#include <vector>

namespace cxapian {

bool search_title_terms(const Xapian::Database &db, const Xapian::Query &query, Xapian::MSet &out) {
    std::vector<std::string> unprefixed;
    for (Xapian::TermIterator t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        const std::string &term = *t;
        if (term.compare(0, 2, "Z" TX_PREFIX_TITLE) == 0) unprefixed.push_back("Z" + term.substr(2));
        else if (term.compare(0, 1, TX_PREFIX_TITLE) == 0) unprefixed.push_back(term.substr(1));
    }
    if (unprefixed.empty()) return false;
    Xapian::Enquire titles(db);
    titles.set_query(Xapian::Query(Xapian::Query::OP_OR, unprefixed.begin(), unprefixed.end()));
    out = titles.get_mset(0, 0);
    return true;
}

namespace {

// Which bytes of Xapian's escaped text lie between the sentinels \x01 and \x02 (the text without them).
std::vector<bool> marked_bytes(const std::string &sentinels, std::string &text) {
    std::vector<bool> marked;
    bool inside = false;
    text.clear();
    for (char c : sentinels) {
        if (c == '\x01' || c == '\x02') {
            inside = c == '\x01';
            continue;
        }
        text += c;
        marked.push_back(inside);
    }
    return marked;
}

}  // namespace

// One pass for plain words and phrases and, when the query has `title:` words, one for them; the
// marks are merged. Control characters stand for the markers while Xapian marks the text, so a
// marker that also occurs in the title cannot fake a match.
std::string highlight_title(const Xapian::MSet &matches, const Xapian::MSet *title_terms, const Xapian::Stem &stem,
                            const std::string &title, const char *pre, const char *post) {
    if (title.empty() || title.find_first_of("\x01\x02") != std::string::npos) return std::string();
    const size_t whole = title.size() * 6 + 16;  // past any escaping: the whole title is kept
    std::string text, other;
    std::vector<bool> marked = marked_bytes(matches.snippet(title, whole, stem, 0, "\x01", "\x02", ""), text);
    if (title_terms) {
        const std::vector<bool> titled = marked_bytes(title_terms->snippet(title, whole, stem, 0, "\x01", "\x02", ""), other);
        if (other != text) return std::string();  // both passes escape the same title alike
        for (size_t i = 0; i < marked.size(); ++i) marked[i] = marked[i] || titled[i];
    }
    bool any = false;
    for (bool m : marked) any |= m;
    if (!any) return std::string();
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (marked[i] && (i == 0 || !marked[i - 1])) out += pre;
        out += text[i];
        if (marked[i] && (i + 1 == text.size() || !marked[i + 1])) out += post;
    }
    return out;
}

}  // namespace cxapian
