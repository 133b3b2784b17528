// Search: query parsing, filters, sorting, collapse, facets, spelling, snippets.
#include "internal.h"
#include "search_rules.h"
#include "similar.h"
#include "totals.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

using cxapian::guarded;
using cxapian::highlight_title;
using cxapian::kCountExactlyUpTo;
using cxapian::make_term;
using cxapian::present;
using cxapian::str;

namespace {

// NOTE: Xapian cannot parse a query that only hates terms (`-albania`): it reports a parse
// error and silently parses again with every flag off, answering `albania`. A boolean filter
// matching everything (the `_all` prefix, reader.cpp) gives the hated terms something to be
// taken from; it changes neither the matches nor the weights of any other query (a filter adds
// no weight).
const char kMatchAllFilter[] = "_all:1 ";

// Parses the user's query text; with `corrected`, also asks for a spelling correction.
Xapian::Query parse_user_query(tx_database &db, const tx_search_options &o, const std::string &typed,
                               std::string *corrected) {
    bool blank = true;
    for (char c : typed) blank = blank && (c == ' ' || c == '\t' || c == '\n' || c == '\r');
    if (blank) return cxapian::match_all();  // an empty query lists everything (useful with sort and filters)

    const std::string prepared = cxapian::prepare_query_text(typed);
    const bool hates = cxapian::may_hate_a_term(prepared);
    // The spelling lookup parses the text as prepared: its proposal is shown to people.
    const std::string parsed = corrected ? prepared : cxapian::match_possessives_in_groups(prepared);
    const std::string text = hates ? kMatchAllFilter + parsed : parsed;
    unsigned flags = cxapian::kParseFlags;
    if (corrected) flags |= Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
    db.parser.set_default_op(o.default_or ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
    db.field_error.clear();
    Xapian::Query query = db.parser.parse_query(text, flags);
    if (!db.field_error.empty()) throw Xapian::QueryParserError(db.field_error);  // thrown here: see field_error
    if (corrected) {
        std::string proposal = db.parser.get_corrected_query_string();
        if (hates && proposal.compare(0, sizeof kMatchAllFilter - 1, kMatchAllFilter) == 0)
            proposal.erase(0, sizeof kMatchAllFilter - 1);
        *corrected = cxapian::keep_honest_corrections(db.db, db.stem, prepared, proposal);
    }
    return query;
}

// seq_after < seq <= seq_through (cxapian::seq_range), when asked for.
Xapian::Query apply_seq_range(const tx_database &db, Xapian::Query query, const tx_search_options &o) {
    if (o.seq_through == 0 || o.seq_through <= o.seq_after) return query;
    return Xapian::Query(Xapian::Query::OP_FILTER, query, cxapian::seq_range(db.db, o.seq_after, o.seq_through, db.remote_shards));
}

Xapian::Query apply_filters(const tx_database &db, Xapian::Query query, const tx_search_options &o) {
    if (o.sources && o.source_count > 0) {
        std::vector<Xapian::Query> terms;
        for (size_t i = 0; i < o.source_count; ++i) {
            const std::string term = cxapian::source_term(str(o.sources[i])), legacy = cxapian::legacy_source_term(str(o.sources[i]));
            terms.push_back(cxapian::term_query(db.db, term, db.remote_shards));
            if (legacy != term) terms.push_back(cxapian::term_query(db.db, legacy, db.remote_shards));
        }
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    }
    if (present(o.since) && present(o.until)) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              Xapian::Query(Xapian::Query::OP_VALUE_RANGE, TX_SLOT_DATE, str(o.since), str(o.until)));
    } else if (present(o.since)) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(Xapian::Query::OP_VALUE_GE, TX_SLOT_DATE, str(o.since)));
    } else if (present(o.until)) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(Xapian::Query::OP_VALUE_LE, TX_SLOT_DATE, str(o.until)));
    }
    return apply_seq_range(db, query, o);
}

void collect_facet(const Xapian::ValueCountMatchSpy &spy, tx_facet_values &out) {
    for (Xapian::TermIterator it = spy.values_begin(); it != spy.values_end(); ++it)
        out.entries.emplace_back(*it, it.get_termfreq());
}

// Sources are stored as the articles write them ("The Guardian") but matched in any case, so
// spellings that differ only in case are one value, shown as its most frequent spelling.
void merge_case_variants(tx_facet_values &values) {
    std::vector<std::pair<std::string, uint32_t>> merged;  // (spelling shown, total), in first-seen order
    std::vector<uint32_t> shown_count;                     // how many articles wrote the spelling shown
    std::unordered_map<std::string, size_t> index_of;      // lower-cased value -> position in merged
    for (const auto &[value, count] : values.entries) {
        const auto [found, is_new] = index_of.emplace(Xapian::Unicode::tolower(value), merged.size());
        if (is_new) {
            merged.emplace_back(value, count);
            shown_count.push_back(count);
            continue;
        }
        const size_t i = found->second;
        merged[i].second += count;
        if (count > shown_count[i]) {
            merged[i].first = value;
            shown_count[i] = count;
        }
    }
    values.entries = std::move(merged);
}

const tx_facet_values *facet_for(const tx_results *r, unsigned facet) {
    switch (facet) {
    case TX_FACET_SOURCE: return &r->source;
    case TX_FACET_YEAR: return &r->year;
    case TX_FACET_MONTH: return &r->month;
    case TX_FACET_DAY: return &r->day;
    default: return nullptr;
    }
}

// The value slot the options collapse on; Xapian::BAD_VALUENO when they do not.
Xapian::valueno collapse_slot(const tx_search_options &o) {
    if (o.collapse == TX_COLLAPSE_COPIES) return TX_SLOT_COPIES;
    if (o.collapse == TX_COLLAPSE_STORY) return TX_SLOT_STORY;
    return Xapian::BAD_VALUENO;
}

// Collapsing as the options ask: the search and the probe of its correction count alike.
void set_collapse(Xapian::Enquire &enquire, const tx_search_options &o) {
    if (collapse_slot(o) != Xapian::BAD_VALUENO) enquire.set_collapse_key(collapse_slot(o));
}

// Xapian suggests a more frequent spelling even for a word the index holds ("crossing" ->
// "crossings", which stem alike and match the same articles). A suggestion is worth showing
// only when it would find more than what was typed, also when nothing was found (`Elon Musk` ->
// `leon musk` finds nothing either; offering it misleads, and searching it shows zero hits under
// "Showing results for"). The probe only counts: it costs little next to the spelling lookup.
// When the typed query's total is exact, the probe counts one match past it, so that "more" is a
// fact: estimates from one hit are above the truth for an OR (`starmer OR albnia` -> `starmer OR
// albania` was offered though the articles with "albania" all have "starmer" too).
void keep_correction_only_if_it_finds_more(tx_database &db, const tx_search_options &o, const cxapian::Totals &found,
                                           std::string &corrected) {
    try {
        Xapian::Enquire probe(db.db);
        probe.set_query(apply_filters(db, parse_user_query(db, o, corrected, nullptr), o));
        set_collapse(probe, o);
        const cxapian::GroupCounter groups(probe, collapse_slot(o));
        // Counted exactly only up to kCountExactlyUpTo: a larger total (exact under facets or
        // exact_totals) would make the probe count that many matches again.
        const Xapian::doccount typed = found.lower;
        const bool exact = typed == found.upper && typed < kCountExactlyUpTo;
        // At least one hit, so that "finds nothing" is a fact too: for an AND of words that are
        // each in the index but never together, Xapian's estimate alone is above zero.
        const Xapian::doccount checked_at_least = exact ? typed + 1 : kCountExactlyUpTo;
        const Xapian::MSet probed_hits = probe.get_mset(0, 1, checked_at_least);
        const cxapian::Totals probed = groups.totals(probed_hits, checked_at_least, db.db.get_doccount());
        const bool finds_more = exact ? probed.lower > typed : probed.estimate > found.estimate;
        if (probed_hits.empty() || !finds_more) corrected.clear();
    } catch (const Xapian::Error &) {
        corrected.clear();  // a suggestion that cannot be checked is not offered; the search itself stands
    }
}

// Whether some term of the query is in no document, from the statistics the match gathered
// (no further index lookups).
bool some_term_is_absent(const Xapian::Query &query, const Xapian::MSet &found) {
    for (Xapian::TermIterator term = query.get_unique_terms_begin(); term != query.get_unique_terms_end(); ++term)
        if (!(*term).empty() && found.get_termfreq(*term) == 0) return true;  // "" is MatchAll
    return false;
}

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point started) {
    return std::chrono::duration<double>(Clock::now() - started).count();
}

// One search of `text` (the query as typed, or its correction) with the options' filters, order,
// collapse and facets; with `spelling`, also the correction Xapian proposes for it (unchecked).
// The options' time limit counts from `started`, the request's start, so that a search and the
// search of its correction share one budget. TX_ERR_TIMEOUT past it.
tx_status search_text(tx_database &db, const tx_search_options &o, const std::string &text, bool spelling,
                      Clock::time_point started, std::unique_ptr<tx_results> &results, char **err_msg) {
    results.reset(new tx_results());
    results->stem = db.stem;
    Xapian::Query query = apply_filters(db, parse_user_query(db, o, text, nullptr), o);
    // None of the changed articles holds what the query needs: nothing to match, no match run.
    if (o.changed_terms && !cxapian::may_match(query, *o.changed_terms)) return TX_OK;
    if (present(o.similar_to)) {
        const std::string id_term = make_term(TX_PREFIX_ID, str(o.similar_to));
        Xapian::PostingIterator article = db.db.postlist_begin(id_term);
        if (article == db.db.postlist_end(id_term)) return cxapian::fail(TX_ERR_NOT_FOUND, str(o.similar_to), err_msg);
        // The user's query and filters select; only likeness ranks (a filter adds no weight).
        query = Xapian::Query(Xapian::Query::OP_FILTER, cxapian::more_like_this(db.db, *article, id_term), query);
    }

    results->has_title_terms = cxapian::search_title_terms(db.db, query, results->title_terms);

    Xapian::Enquire enquire(db.db);
    enquire.set_query(query);
    if ((o.sort == TX_SORT_NEWEST || o.sort == TX_SORT_OLDEST) && db.remote_shards) {
        // A KeyMaker throws on remote shards: values sort there, in the same order (an empty
        // timestamp is last newest-first; TX_SLOT_SORT_ASC holds "~" for undated articles).
        const bool newest = o.sort == TX_SORT_NEWEST;
        enquire.set_sort_by_value_then_relevance(newest ? TX_SLOT_TIMESTAMP : TX_SLOT_SORT_ASC, newest);
    } else if (o.sort == TX_SORT_NEWEST || o.sort == TX_SORT_OLDEST) {
        // Undated articles go last either way.
        Xapian::MultiValueKeyMaker *keys = new Xapian::MultiValueKeyMaker();
        keys->add_value(TX_SLOT_TIMESTAMP, o.sort == TX_SORT_NEWEST, o.sort == TX_SORT_NEWEST ? "" : "~");
        enquire.set_sort_by_key_then_relevance(keys->release(), false);
    }
    if (o.sort == TX_SORT_SEQ) enquire.set_sort_by_value(TX_SLOT_SEQ, false);
    set_collapse(enquire, o);

    // Xapian 1.4.22 counts a remote shard's match twice in a match spy when values sort and
    // nothing collapses: the remote counts it, and the local matcher again when it sorts below
    // the page (multimatch.cc leaves spies to remote shards everywhere but there): `source:bbc`
    // sorted newest counted 695 of 693. Then the facets are counted on a match of their own, in
    // relevance order.
    const bool spies_apart = o.facets && db.remote_shards && (o.sort == TX_SORT_NEWEST || o.sort == TX_SORT_OLDEST) &&
                             collapse_slot(o) == Xapian::BAD_VALUENO;
    Xapian::Enquire counting(db.db);
    Xapian::Enquire &spied = spies_apart ? counting : enquire;
    if (spies_apart) {
        counting.set_query(query);
        set_collapse(counting, o);
    }
    const cxapian::GroupCounter groups(spied, collapse_slot(o));
    Xapian::ValueCountMatchSpy source_spy(TX_SLOT_SOURCE), year_spy(TX_SLOT_YEAR), month_spy(TX_SLOT_MONTH),
        day_spy(TX_SLOT_DATE);
    if (o.facets & TX_FACET_SOURCE) spied.add_matchspy(&source_spy);
    if (o.facets & TX_FACET_YEAR) spied.add_matchspy(&year_spy);
    if (o.facets & TX_FACET_MONTH) spied.add_matchspy(&month_spy);
    if (o.facets & TX_FACET_DAY) spied.add_matchspy(&day_spy);
    // Facets and exact totals count every match; the time limit stops that when it is slow.
    // Otherwise up to kCountExactlyUpTo matches are checked, so that the totals people read are
    // exact (lower == upper) whenever they are that small.
    // (Apart, the counting match checks every match and gives the totals.)
    const Xapian::doccount check_at_least = (o.facets || o.exact_totals) ? db.db.get_doccount() : kCountExactlyUpTo;
    if (o.time_limit > 0) enquire.set_time_limit(std::max(o.time_limit - seconds_since(started), 0.001));

    results->mset = enquire.get_mset(o.offset, o.limit, spies_apart ? o.offset + o.limit : check_at_least);
    Xapian::MSet counted = results->mset;
    if (spies_apart) {
        if (o.time_limit > 0) counting.set_time_limit(std::max(o.time_limit - seconds_since(started), 0.001));
        counted = counting.get_mset(0, 0, check_at_least);
    }
    enquire.clear_matchspies();
    counting.clear_matchspies();
    results->totals = groups.totals(counted, check_at_least, db.db.get_doccount());
    collect_facet(source_spy, results->source);
    merge_case_variants(results->source);
    collect_facet(year_spy, results->year);
    collect_facet(month_spy, results->month);
    collect_facet(day_spy, results->day);

    // Xapian's spelling lookup costs about as much as the search itself (it scans the spelling
    // table for every word), so it runs only when it can help: a word of the query is in no
    // article, or the query finds nothing. (For words the index holds it proposes more frequent
    // near-spellings, "crossing" -> "crossings": noise.)
    if (spelling && (results->totals.upper == 0 || some_term_is_absent(query, results->mset)))
        parse_user_query(db, o, text, &results->corrected);

    // A remote document comes with its values in one round trip: read everything a hit needs from it.
    const size_t hit_count = results->mset.size();
    results->data.resize(hit_count);
    results->copies_groups.resize(hit_count);
    results->stories.resize(hit_count);
    if (o.seq_through > 0) results->seqs.resize(hit_count);
    const auto take = [&](size_t rank, const Xapian::Document &doc) {
        results->data[rank] = doc.get_data();
        if (o.seq_through > 0) results->seqs[rank] = cxapian::read_seq(doc);
        results->copies_groups[rank] = doc.get_value(TX_SLOT_COPIES);
        results->stories[rank] = doc.get_value(TX_SLOT_STORY);
    };
    if (db.endpoints.empty()) {
        size_t rank = 0;
        for (Xapian::MSetIterator it = results->mset.begin(); it != results->mset.end(); ++it) take(rank++, it.get_document());
    } else {
        cxapian::fetch_hit_documents(db, results->mset, take);
    }

    const double elapsed = seconds_since(started);
    if (o.time_limit > 0 && elapsed > o.time_limit)
        return cxapian::fail(TX_ERR_TIMEOUT, "the query took " + std::to_string(static_cast<int>(elapsed * 1000)) +
                                                 " ms, over its time budget", err_msg);
    return TX_OK;
}

// The query as typed matched nothing: answer its correction instead, when that finds anything.
// Its own search is the check that it finds more, so the correction is searched once.
// Other engine errors (the index changed under the search, say) go up like the first search's,
// so the caller's retry answers both again.
tx_status answer_correction(tx_database &db, const tx_search_options &o, Clock::time_point started,
                            std::unique_ptr<tx_results> &results, char **err_msg) {
    std::unique_ptr<tx_results> corrected;
    tx_status status;
    try {
        status = search_text(db, o, results->corrected, false, started, corrected, err_msg);
    } catch (const Xapian::QueryParserError &) {
        results->corrected.clear();  // a suggestion that cannot be parsed is not offered; the search itself stands
        return TX_OK;
    }
    if (status != TX_OK) return status;
    if (corrected->totals.lower == 0) {
        results->corrected.clear();
        return TX_OK;
    }
    corrected->corrected = std::move(results->corrected);
    corrected->searched_corrected = true;
    results = std::move(corrected);
    return TX_OK;
}

// The search with "did you mean" (tx_search_options.spelling): the rule lives here alone. The
// options' time limit counts from `started`, the request's start.
tx_status run_search(tx_database &db, const tx_search_options &o, Clock::time_point started, tx_results **out,
                     char **err_msg) {
    std::unique_ptr<tx_results> results;
    tx_status status = search_text(db, o, str(o.query), o.spelling != TX_SPELLING_OFF, started, results, err_msg);
    if (status != TX_OK) return status;
    if (!results->corrected.empty()) {
        if (o.spelling == TX_SPELLING_AUTO && results->totals.upper == 0) {
            status = answer_correction(db, o, started, results, err_msg);
            if (status != TX_OK) return status;
        } else {
            keep_correction_only_if_it_finds_more(db, o, results->totals, results->corrected);
        }
    }
    *out = results.release();
    return TX_OK;
}

// Xapian 1.4 has no partial results: a search over shards that hits a network error moves to
// another replica of the shard that failed (or reconnects it), leaves out shards that cannot be
// reached (or froze) and runs again over the others, within the one time limit
// (docs/design/shards.md 2.4). The answer names the shards that gave nothing to it.
tx_status run_search_over_shards(tx_database &db, const tx_search_options &o, tx_results **out, char **err_msg) {
    const Clock::time_point started = Clock::now();
    std::vector<int> reconnects(db.endpoints.size());
    if (cxapian::has_replicas_to_rotate(db)) {
        ++db.turn;  // each answer goes to the next replica of each shard
        cxapian::combine_shards(db);
    }
    while (true) {
        if (db.db.size() == 0) {
            std::string why = "no shard could answer";
            for (const cxapian::Endpoint &endpoint : db.endpoints)
                if (!endpoint.last_error.empty()) why += "; " + endpoint.last_error;
            return cxapian::fail(TX_ERR_NETWORK, why, err_msg);
        }
        if (o.time_limit > 0 && seconds_since(started) >= o.time_limit)
            return cxapian::fail(TX_ERR_TIMEOUT, "shards failed until the query's time budget was used up", err_msg);
        try {
            // From the request's start: a search run again after a shard failed says how long the
            // request took, not the last attempt ("the query took 3 ms, over its time budget").
            const tx_status status = run_search(db, o, started, out, err_msg);
            if (status != TX_OK) return status;
            (*out)->missing_shards = cxapian::missing_shards(db);
            return TX_OK;
        } catch (const Xapian::NetworkError &e) {
            if (!cxapian::recover_from_network_error(db, e, reconnects)) throw;
        }
    }
}

}  // namespace

extern "C" {

tx_status tx_database_search(tx_database *db, const tx_search_options *options, tx_results **out, char **err_msg) {
    if (out) *out = nullptr;
    return guarded(err_msg, [&] {
        if (!db || !options || !out) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db, options and out are required", err_msg);
        if (!db->endpoints.empty()) return run_search_over_shards(*db, *options, out, err_msg);
        return run_search(*db, *options, Clock::now(), out, err_msg);
    });
}

void tx_results_free(tx_results *results) { delete results; }

size_t tx_results_count(const tx_results *results) { return results ? results->data.size() : 0; }

void tx_results_hit(const tx_results *results, size_t index, tx_hit *out) {
    if (!out) return;
    *out = tx_hit{};
    if (!results || index >= results->data.size()) return;
    try {
        Xapian::MSetIterator it = results->mset[static_cast<Xapian::doccount>(index)];
        out->docid = *it;
        out->rank = it.get_rank() + 1;
        out->weight = it.get_weight();
        out->percent = it.get_percent();
        out->collapse_count = it.get_collapse_count();
    } catch (...) {
        // These read in-memory MSet fields and do not throw in practice; leave zeros if they do.
    }
    out->data = results->data[index].data();
    out->data_len = results->data[index].size();
    out->copies_group = results->copies_groups[index].data();
    out->copies_group_len = results->copies_groups[index].size();
    out->story = results->stories[index].data();
    out->story_len = results->stories[index].size();
}

uint64_t tx_results_hit_seq(const tx_results *results, size_t index) {
    return results && index < results->seqs.size() ? results->seqs[index] : 0;
}

void tx_results_totals(const tx_results *results, uint32_t *lower, uint32_t *estimate, uint32_t *upper) {
    if (lower) *lower = results ? results->totals.lower : 0;
    if (estimate) *estimate = results ? results->totals.estimate : 0;
    if (upper) *upper = results ? results->totals.upper : 0;
}

const char *tx_results_corrected(const tx_results *results, size_t *len) {
    if (len) *len = results ? results->corrected.size() : 0;
    return results ? results->corrected.c_str() : "";
}

int tx_results_searched_corrected(const tx_results *results) { return results && results->searched_corrected ? 1 : 0; }

size_t tx_results_facet_count(const tx_results *results, unsigned facet) {
    const tx_facet_values *values = results ? facet_for(results, facet) : nullptr;
    return values ? values->entries.size() : 0;
}

void tx_results_facet(const tx_results *results, unsigned facet, size_t index, const char **value, size_t *value_len,
                      uint32_t *count) {
    const tx_facet_values *values = results ? facet_for(results, facet) : nullptr;
    const bool ok = values && index < values->entries.size();
    if (value) *value = ok ? values->entries[index].first.data() : "";
    if (value_len) *value_len = ok ? values->entries[index].first.size() : 0;
    if (count) *count = ok ? values->entries[index].second : 0;
}

tx_status tx_results_highlight_title(const tx_results *results, tx_text text, const char *pre, const char *post, char **out,
                               size_t *out_len, char **err_msg) {
    if (out) *out = nullptr;
    if (out_len) *out_len = 0;
    return guarded(err_msg, [&] {
        if (!results || !out || !out_len || !pre || !post)
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "results, pre, post and out are required", err_msg);
        const std::string whole = str(text);
        const Xapian::MSet *title_terms = results->has_title_terms ? &results->title_terms : nullptr;
        const std::string marked =
            (*pre || *post) ? highlight_title(results->mset, title_terms, results->stem, whole, pre, post) : std::string();
        char *copy = static_cast<char *>(std::malloc(marked.size() + 1));
        if (!copy) throw std::bad_alloc();
        std::memcpy(copy, marked.c_str(), marked.size() + 1);
        *out = copy;
        *out_len = marked.size();
        return TX_OK;
    });
}

tx_status tx_results_hit_snippet(const tx_results *results, size_t index, size_t body_offset, size_t length,
                                 const char *pre, const char *post, char **out, size_t *out_len, char **err_msg) {
    if (out) *out = nullptr;
    if (out_len) *out_len = 0;
    return guarded(err_msg, [&] {
        if (!results || !out || !out_len || index >= results->data.size() || body_offset > results->data[index].size())
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "results, a hit index and body offset in range and out are required",
                                 err_msg);
        const std::string body = results->data[index].substr(body_offset);
        // Windows are chosen by the query's own terms, first good one wins. Xapian's defaults
        // (BACKGROUND_MODEL | EXHAUSTIVE) also weigh every other word of the body by its
        // frequency in the index: a table lookup per distinct word, which made snippets 90% of
        // a search's time (~57 ms against ~6 ms for 10 hits on the 10k benchmark corpus).
        const std::string snippet =
            body.empty() ? std::string()
                         : results->mset.snippet(body, length, results->stem, 0, pre ? pre : "", post ? post : "", "...");
        char *copy = static_cast<char *>(std::malloc(snippet.size() + 1));
        if (!copy) throw std::bad_alloc();
        std::memcpy(copy, snippet.c_str(), snippet.size() + 1);
        *out = copy;
        *out_len = snippet.size();
        return TX_OK;
    });
}

}  // extern "C"
