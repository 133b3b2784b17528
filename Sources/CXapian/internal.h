// Shared by the shim's .cpp files: handle structs, the exception guard, small helpers.
#ifndef CXAPIAN_INTERNAL_H
#define CXAPIAN_INTERNAL_H

#include "cxapian.h"
#include "query_parser.h"
#include "schema.h"

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

struct tx_writer {
    Xapian::WritableDatabase db;
    Xapian::TermGenerator generator;
    Xapian::Stem stem;
};

struct tx_database {
    Xapian::Database db;
    Xapian::Stem stem;
    /// What a field processor found wrong in the query being parsed ("" when nothing).
    /// NOTE: a FieldProcessor that throws makes Xapian 1.4's parser leak the term it was
    /// building (LeakSanitizer: 72 bytes per bad `date:` query), so the processor records the
    /// problem here and the search throws it once parse_query has returned.
    std::string field_error;
    Xapian::QueryParser parser;  // after field_error: its processors refer to it
    /// A sharded generation's lexicon (spelling and synonyms), searched by the parser only; unset when none.
    Xapian::Database lexicon;
};

struct tx_value_stream {
    Xapian::Database db;  // keeps the iterator's database alive
    Xapian::ValueIterator it;
    Xapian::ValueIterator end;
    std::string current;
};

struct tx_metadata_stream {
    Xapian::Database db;  // keeps the iterator's database alive
    Xapian::TermIterator it;
    Xapian::TermIterator end;
    std::string key;
    std::string value;
};

struct tx_facet_values {
    std::vector<std::pair<std::string, uint32_t>> entries;
};

struct tx_results {
    Xapian::MSet mset;
    Xapian::Stem stem;
    std::vector<std::string> data;  // stored data of each hit, in rank order
    std::vector<std::string> copies_groups;  // TX_SLOT_COPIES of each hit, in rank order
    std::string corrected;
    bool searched_corrected = false;  // the hits are for `corrected`, not for the query as typed
    tx_facet_values source, year, month, day;
    bool has_title_terms = false;  // the query has `title:` (S-prefixed) terms to mark in titles
    Xapian::MSet title_terms;      // those terms unprefixed, for MSet::snippet (see search_title_terms, search_rules.h)
};

namespace cxapian {

/// Classifies the exception being handled into a status and copies its description to *err.
tx_status classify_current_exception(char **err) noexcept;

/// Fails with a status and a message of our own (no exception involved).
tx_status fail(tx_status status, const std::string &message, char **err) noexcept;

/// Runs body inside one try: no exception leaves an exported function.
template <typename Body>
tx_status guarded(char **err, Body &&body) noexcept {
    if (err) *err = nullptr;
    try {
        return body();
    } catch (...) {
        return classify_current_exception(err);
    }
}

inline std::string str(tx_text text) { return text.ptr ? std::string(text.ptr, text.len) : std::string(); }
inline bool present(tx_text text) { return text.ptr != nullptr && text.len > 0; }

/// A malloc'd, NUL-terminated copy of s (for the caller to tx_string_free); throws std::bad_alloc.
char *copy_bytes(const std::string &s);

/// The non-empty lines of text (the copy signature's band terms come one a line; copies.cpp).
std::vector<std::string> split_lines(const std::string &lines);

/// A stemmer for a language name; "" and "none" mean no stemming.
Xapian::Stem make_stem(const char *language);

/// The accent fold (fold.cpp): é -> e, ß -> ss, ø -> o... Applied to the text the TermGenerator
/// indexes and to query text; never to stored data.
std::string fold_accents(std::string text);

/// make_stem's stemmer, folding each word before stemming it (for MSet::snippet over stored text).
Xapian::Stem make_folding_stem(const char *language);

/// Query text as the parser gets it: folded, words lower-cased, operators as typed (query_text.cpp).
std::string prepare_query_text(const std::string &text);

/// Whether the text may hate a term (`-word`), which Xapian cannot parse on its own (query_text.cpp).
bool may_hate_a_term(const std::string &text);

/// Keeps only the honest corrections of Xapian's corrected query (spelling.cpp); "" when none is left.
std::string keep_honest_corrections(const Xapian::Database &db, const Xapian::Stem &stem, const std::string &typed,
                                    const std::string &corrected);

}  // namespace cxapian

#endif
