// Shared by the shim's .cpp files: handle structs, the exception guard, small helpers.
#ifndef CXAPIAN_INTERNAL_H
#define CXAPIAN_INTERNAL_H

#include "cxapian.h"
#include "query_parser.h"
#include "schema.h"
#include "totals.h"

#include <xapian.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

struct tx_writer {
    Xapian::WritableDatabase db;
    Xapian::TermGenerator generator;
    Xapian::Stem stem;
    /// Where the spelling data of the indexed words goes: db itself, or a sharded generation's lexicon.
    Xapian::WritableDatabase spelling;
};

namespace cxapian {

/// One endpoint of a handle opened by tx_shards_open: the shard it serves, how to open it, and its
/// database while open. A shard with replicas has several endpoints.
struct Endpoint {
    size_t shard = 0;      // the shard it serves (shard order of the stub)
    std::string path;      // a local shard's database; "" for a remote one
    std::string host;      // a remote shard's xapian-tcpsrv
    unsigned port = 0;
    std::string program;   // or a program serving it over a pipe (`remote :PROG ARGS`)
    std::string args;
    std::string context;   // Xapian's name for a remote shard in its errors: "remote:tcp(HOST:PORT)"
    Xapian::Database one;  // valid while open
    bool open = false;
    bool wanted = true;    // false: the caller leaves it out (its host is known to be down)
    bool preferred = true; // false: behind a replica of its shard; used only when no preferred one is ready
    bool in_use = false;   // the endpoint of its shard in the combined database
    std::string generation;  // trawl.generation it served when connected
    std::string last_error;

    bool remote() const { return !host.empty() || !program.empty(); }
};

}  // namespace cxapian

struct tx_database {
    /// Every search runs on this: the one database, or one open and wanted endpoint per shard combined (shards.cpp).
    Xapian::Database db;
    Xapian::Stem stem;
    /// What a field processor found wrong in the query being parsed ("" when nothing).
    /// NOTE: a FieldProcessor that throws makes Xapian 1.4's parser leak the term it was
    /// building (LeakSanitizer: 72 bytes per bad `date:` query), so the processor records the
    /// problem here and the search throws it once parse_query has returned.
    std::string field_error;
    /// Whether a shard `db` combines is remote (combine_shards): filter terms are then read as plain
    /// terms (term_query.h), and the newest/oldest order as values (a KeyMaker throws there).
    bool remote_shards = false;
    Xapian::QueryParser parser;  // after field_error and remote_shards: its processors refer to them
    /// A handle of tx_shards_open: its endpoints (empty for tx_database_open's) serving shard_count
    /// shards, the remote ones' timeouts in ms, and the optional lexicon (spelling and synonyms, no
    /// documents) that the parser reads beside the shards, since remote shards give neither.
    std::vector<cxapian::Endpoint> endpoints;
    size_t shard_count = 0;
    /// Bumped by each answer: the replicas of a shard take turns.
    size_t turn = 0;
    unsigned connect_timeout_ms = 0;
    unsigned timeout_ms = 0;
    Xapian::Database lexicon;
    bool has_lexicon = false;
    /// The trawl.generation every answer comes from (choose_generation): endpoints serving
    /// another one stay closed.
    std::string generation;
    bool generation_known = false;
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
    cxapian::Totals totals;  // the match's totals (totals.h): read these, not mset's bounds
    Xapian::Stem stem;
    std::vector<std::string> data;  // stored data of each hit, in rank order
    std::vector<std::string> copies_groups;  // TX_SLOT_COPIES of each hit, in rank order
    std::vector<std::string> stories;        // TX_SLOT_STORY of each hit, in rank order
    std::string corrected;
    bool searched_corrected = false;  // the hits are for `corrected`, not for the query as typed
    tx_facet_values source, year, month, day;
    bool has_title_terms = false;  // the query has `title:` (S-prefixed) terms to mark in titles
    Xapian::MSet title_terms;      // those terms unprefixed, for MSet::snippet (see search_title_terms, search_rules.h)
    std::vector<uint32_t> missing_shards;  // shards of a sharded handle that gave nothing to this answer
    std::vector<uint64_t> seqs;            // each hit's change number, when the search asked for a seq range
};

namespace cxapian {

/// Whether `query` can match an article whose terms are all in `set` (changes.cpp).
bool may_match(const Xapian::Query &query, const tx_term_set &set);

/// Classifies the exception being handled into a status and copies its description to *err.
tx_status classify_current_exception(char **err) noexcept;

/// Fails with a status and a message of our own (no exception involved).
tx_status fail(tx_status status, const std::string &message, char **err) noexcept;

/// Calls running inside `guarded` now, on all threads and on this one, and whether new ones must
/// wait for the end of the process (tx_stop_engine_calls, fatal.cpp).
extern std::atomic<int> calls_in_flight;
extern thread_local int calls_on_this_thread;
extern std::atomic<bool> calls_stopped;
[[noreturn]] void wait_for_the_end() noexcept;

/// Runs body inside one try: no exception leaves an exported function.
template <typename Body>
tx_status guarded(char **err, Body &&body) noexcept {
    if (err) *err = nullptr;
    // Counted before the check (both sequentially consistent, as tx_stop_engine_calls' store and
    // load are): a call that starts as the calls are stopped is either waited for or waits itself.
    calls_in_flight.fetch_add(1);
    if (calls_stopped.load()) {
        calls_in_flight.fetch_sub(1);
        wait_for_the_end();
    }
    ++calls_on_this_thread;
    struct Leave {
        ~Leave() {
            --calls_on_this_thread;
            calls_in_flight.fetch_sub(1);
        }
    } leave;
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

/// Appends "<decimal length>:<bytes>" (the shim's list answers; IndexWriter.lengthPrefixedFields reads them).
void append_field(std::string &out, const std::string &field);

/// The boolean term of `group` under `prefix`: the group's id folded and lower-cased as query text is.
std::string group_term(const char *prefix, const std::string &group);

/// Puts the document with this id into `group` of a grouping (its value slot and its boolean term,
/// `group_term`), or out of its group when `group` is empty; TX_ERR_NOT_FOUND without such a document.
tx_status set_group(Xapian::WritableDatabase &db, const std::string &id, Xapian::valueno slot, const char *prefix,
                    const std::string &group, char **err_msg);

/// The non-empty lines of text (the copy signature's band terms come one a line; copies.cpp).
std::vector<std::string> split_lines(const std::string &lines);

/// A stemmer for a language name; "" and "none" mean no stemming.
Xapian::Stem make_stem(const char *language);

/// The accent fold (fold.cpp): é -> e, ß -> ss, ø -> o... Applied to the text the TermGenerator
/// indexes and to query text; never to stored data.
std::string fold_accents(std::string text);

/// The XSOURCE term of a source: accents folded, lower-cased, so that `source:rte`, `source:RTÉ`
/// and `--source Rté` all find "RTÉ" (fold.cpp). Indexes written before round 2's fix hold the
/// lower-cased source with its accents: `legacy_source_term`, looked up beside it by `--source`.
std::string source_term(const std::string &source);
std::string legacy_source_term(const std::string &source);

/// make_stem's stemmer, folding each word before stemming it (for MSet::snippet over stored text).
Xapian::Stem make_folding_stem(const char *language);

/// Query text as the parser gets it: folded, words lower-cased, operators as typed (query_text.cpp).
std::string prepare_query_text(const std::string &text);

/// Prepared query text with each plain word of a NEAR or ADJ group also standing for its possessive
/// (`musk NEAR tesla` finds "Musk's Tesla", as `musk` alone does); for the search, not for the
/// spelling lookup, whose proposal people read (query_text.cpp).
std::string match_possessives_in_groups(const std::string &prepared);

/// Whether the text may hate a term (`-word`), which Xapian cannot parse on its own (query_text.cpp).
bool may_hate_a_term(const std::string &text);

/// Rebuilds db from one open, wanted endpoint per shard (taking turns by db.turn among a shard's
/// replicas) and points the parser at it (plus the lexicon).
void combine_shards(tx_database &db);
/// Whether some shard has several endpoints to choose from (then each answer combines afresh).
bool has_replicas_to_rotate(const tx_database &db);
/// Shards with no endpoint in the combined database, in shard order.
std::vector<uint32_t> missing_shards(const tx_database &db);
/// The parser reads the handle's databases plus its lexicon, if it has one.
void set_parser_database(tx_database &db);

/// (Re)opens endpoint i of a sharded handle; on failure (or when it serves another generation than
/// the handle's) it stays closed, with the error recorded, and the exception goes up.
void connect_shard(tx_database &db, size_t i);

/// Closes endpoint i (after a network error its handle is dead: only a new connection helps).
void close_shard(tx_database &db, size_t i, const std::string &why);

/// After a network error in a search over shards: the endpoint that failed is closed (connected
/// again only when its shard has no other open endpoint), the other remote endpoints of the match
/// are connected again (at most twice per request, `reconnects`), except a frozen one, and the
/// shards are recombined. False when no remote endpoint was searched (the error is then the caller's).
bool recover_from_network_error(tx_database &db, const Xapian::NetworkError &error, std::vector<int> &reconnects);

/// Hands each hit's document of a search over the sharded handle db to take(rank, document), the
/// documents of different remote shards fetched at once: take is called from several threads,
/// each rank once (so writing to a pre-sized vector at rank is safe).
void fetch_hit_documents(const tx_database &db, const Xapian::MSet &mset,
                         const std::function<void(size_t, const Xapian::Document &)> &take);

/// The stored data of the article with this id; false when the database has none.
bool find_article(const Xapian::Database &db, const std::string &id, std::string &data);

/// A malloc'd, NUL-terminated copy (what the shim's string out-params hand over).
char *copy_to_malloc(const std::string &s);

/// One metadata entry of db (a reader's or a writer's) as a malloc'd copy into *out and *out_len.
void copy_metadata(const Xapian::Database &db, const char *key, char **out, size_t *out_len);

/// Keeps only the honest corrections of Xapian's corrected query (spelling.cpp); "" when none is left.
std::string keep_honest_corrections(const Xapian::Database &db, const Xapian::Stem &stem, const std::string &typed,
                                    const std::string &corrected);

}  // namespace cxapian

#endif
