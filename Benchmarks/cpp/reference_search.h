// The reference searcher: what trawld does for one search request, with Xapian's C++ API only.
// Parse (same flags and prefixes), filter, sort, top 10 with totals exact up to the shim's
// kCountExactlyUpTo, stored data, the title highlighted by the shim's own function, MSet::snippet
// with the same Stem and flags, and "did you mean" as trawld does it: a spelling lookup only when a word of
// the query is in no document or nothing matched, a probe that the suggestion finds more, and
// the retry with the suggestion when nothing matched.
#ifndef BENCH_REFERENCE_SEARCH_H
#define BENCH_REFERENCE_SEARCH_H

#include "article_file.h"
#include "cxapian.h"       // Sources/CXapian/include: TX_SLOT_*
#include "query_parser.h"  // Sources/CXapian: the shim's own prefixes, field processors and flags
#include "search_rules.h"  // Sources/CXapian: the exact-count threshold and title highlighting
#include "term_query.h"    // Sources/CXapian: every document, read safely (match_all)

#include <string>

struct BenchQuery {
    std::string kind;
    std::string text;
    bool newest = false;
};

class ReferenceSearcher {
  public:
    // `db` is a local database (or stub file), or a Xapian::Remote one (`remote`).
    ReferenceSearcher(Xapian::Database db, bool remote) : db_(std::move(db)), remote_(remote), stem_("english") {
        cxapian::configure_parser(parser_, db_, remote_, stem_, field_error_);
        parser_.set_default_op(Xapian::Query::OP_AND);
    }

    // Runs one query; returns the number of hits (0..10). Throws Xapian::Error on failure.
    size_t run(const BenchQuery &q) {
        std::string corrected;
        size_t hits = once(q, q.text, true, corrected);
        if (hits == 0 && !corrected.empty()) hits = once(q, corrected, false, corrected);
        return hits;
    }

    // Bytes of snippet text made so far (keeps the work observable, so nothing is optimised away).
    size_t snippet_bytes() const { return snippet_bytes_; }

  private:
    size_t once(const BenchQuery &q, const std::string &text, bool spelling, std::string &corrected) {
        const bool blank = text.find_first_not_of(" \t\r\n") == std::string::npos;
        Xapian::Query query = blank ? cxapian::match_all() : parse(text, cxapian::kParseFlags);
        Xapian::MSet mset = search(q, query, 10);
        Xapian::MSet title_terms;
        const bool has_title_terms = cxapian::search_title_terms(db_, query, title_terms);
        corrected.clear();
        if (spelling && !blank && correction_may_help(query, mset)) {
            parse(text, cxapian::kParseFlags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
            corrected = parser_.get_corrected_query_string();
            if (!corrected.empty() && mset.get_matches_upper_bound() > 0 &&
                search(q, parse(corrected, cxapian::kParseFlags), 0, 0).get_matches_estimated() <=
                    mset.get_matches_estimated())
                corrected.clear();
        }
        for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
            const std::string data = it.get_document().get_data();
            snippet_bytes_ += cxapian::highlight_title(mset, has_title_terms ? &title_terms : nullptr, stem_,
                                                       article::stored_field(data, "title"), "<b>", "</b>")
                                  .size();
            const std::string body = article::stored_body(data);
            if (body.empty()) continue;
            // Flags 0, as trawld (Sources/CXapian/search.cpp): Xapian's default background model
            // costs ~10x the rest of the search.
            snippet_bytes_ += mset.snippet(body, 200, stem_, 0, "<b>", "</b>", "...").size();
        }
        return mset.size();
    }

    // As search.cpp: a bad `date:` value is recorded by its field processor and thrown here.
    Xapian::Query parse(const std::string &text, unsigned flags) {
        field_error_.clear();
        Xapian::Query query = parser_.parse_query(text, flags);
        if (!field_error_.empty()) throw Xapian::QueryParserError(field_error_);
        return query;
    }

    // By default, as trawld's search: small totals are exact (the shim's threshold).
    Xapian::MSet search(const BenchQuery &q, const Xapian::Query &query, Xapian::doccount limit,
                        Xapian::doccount check_at_least = cxapian::kCountExactlyUpTo) {
        Xapian::Enquire enquire(db_);
        enquire.set_query(query);
        if (q.newest) {
            auto *keys = new Xapian::MultiValueKeyMaker();
            keys->add_value(TX_SLOT_TIMESTAMP, true, "");
            enquire.set_sort_by_key_then_relevance(keys->release(), false);
        }
        enquire.set_time_limit(2.0);  // trawld's default query_time_budget_ms
        return enquire.get_mset(0, limit, check_at_least);
    }

    bool correction_may_help(const Xapian::Query &query, const Xapian::MSet &found) {
        if (found.get_matches_upper_bound() == 0) return true;
        for (auto term = query.get_unique_terms_begin(); term != query.get_unique_terms_end(); ++term)
            if (!db_.term_exists(*term)) return true;
        return false;
    }

    Xapian::Database db_;
    bool remote_;  // before parser_: its processors refer to it
    Xapian::Stem stem_;
    std::string field_error_;  // before parser_: its processors refer to it
    Xapian::QueryParser parser_;
    size_t snippet_bytes_ = 0;
};

#endif
