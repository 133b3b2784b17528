/*
 * cxapian.h: a plain C API over the parts of Xapian that Trawl uses.
 *
 * Conventions (after notmuch and Cyrus's xapian_wrap):
 * - Every call that can fail returns a tx_status; TX_OK (0) is success.
 * - Out-params are set to NULL/0 on entry and assigned only on success.
 * - On failure, *err_msg (when err_msg is not NULL) receives a malloc'd
 *   description or NULL; release it with tx_string_free().
 * - Handles are opaque and caller-owned; each has one NULL-safe release call.
 * - No locking: a handle must be used by one thread at a time.
 * - No C++ exception ever crosses this boundary.
 * - Each function's comment names its statuses. "Xapian's errors" there means the statuses a
 *   Xapian exception is classified into (errors.cpp): TX_ERR_DATABASE_* (TX_ERR_DATABASE_MODIFIED
 *   on a read: reopen and retry), TX_ERR_XAPIAN, TX_ERR_OUT_OF_MEMORY and TX_ERR_UNKNOWN.
 */
#ifndef CXAPIAN_H
#define CXAPIAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum tx_status {
    TX_OK = 0,
    TX_ERR_INVALID_ARGUMENT,   /* a NULL or malformed argument */
    TX_ERR_DATABASE_NOT_FOUND, /* no database at that path */
    TX_ERR_DATABASE_OPENING,   /* exists but cannot be opened (version, permissions) */
    TX_ERR_DATABASE_LOCKED,    /* another writer holds the lock */
    TX_ERR_DATABASE_MODIFIED,  /* reader is stale: reopen and retry */
    TX_ERR_DATABASE_CORRUPT,   /* on-disk structures are damaged */
    TX_ERR_DATABASE,           /* any other database error (I/O, disk full) */
    TX_ERR_QUERY_SYNTAX,       /* the query string cannot be parsed */
    TX_ERR_NOT_FOUND,          /* no document with that id */
    TX_ERR_TIMEOUT,            /* the match ran past its time limit */
    TX_ERR_OUT_OF_MEMORY,
    TX_ERR_XAPIAN,             /* any other Xapian::Error */
    TX_ERR_UNKNOWN,            /* a non-Xapian exception */
    TX_ERR_NETWORK_TIMEOUT,    /* a remote shard did not answer within its timeout */
    TX_ERR_NETWORK             /* a remote shard refused, closed or broke the connection */
} tx_status;

/* A short English description of status ("database locked by another writer"). Static, never free. */
const char *tx_status_string(tx_status status);
/* Frees a string this API malloc'd (err_msg, get, metadata, highlight, snippet). NULL-safe. */
void tx_string_free(char *s);
/* Xapian's library version, e.g. "1.4.22". Static, never free. */
const char *tx_xapian_version(void);

/* Called when Xapian lets a C++ exception escape where none may (std::terminate): Glass writes in a
 * destructor while it commits, so a commit that runs out of disk or past a file size limit can end
 * up there. description: what was thrown ("DatabaseError: Error writing block 9 (File too large)").
 * Runs once, on the failing thread; it must end the process (the shim aborts if it returns). */
typedef void (*tx_escape_handler)(const char *description);
/* Installs handler as the process's terminate handler (fatal.cpp). */
void tx_on_escaped_exception(tx_escape_handler handler);
/* From then on every new call into this API waits forever; returns once the calls already running
 * on other threads have returned, or after `seconds`. For an escape handler, before it cleans up
 * what those calls were writing. */
void tx_stop_engine_calls(double seconds);
/* The stemmer languages this Xapian knows, space-separated ("armenian basque ...").
 * Static, never free; "" if it could not be read. */
const char *tx_stem_languages(void);

/* ---- Index schema (documented in docs/SCHEMA.md) ---- */

#define TX_SLOT_TIMESTAMP 0   /* "YYYYMMDDhhmmss" (UTC), sort key: the instant */
#define TX_SLOT_DATE 1        /* "YYYYMMDD" in the article's own zone, date:/since/until filters */
#define TX_SLOT_SOURCE 2      /* source as written, facet (matched case-insensitively) */
#define TX_SLOT_YEAR 3        /* "YYYY", facet */
#define TX_SLOT_MONTH 4       /* "YYYYMM", facet */
#define TX_SLOT_COPIES 5      /* copies group: the id of its earliest article (only when it has two), collapse */
#define TX_SLOT_FILE 6        /* file fingerprint, see tx_article.file_key */
#define TX_SLOT_SORT_ASC 7    /* "YYYYMMDDhhmmss" (UTC), or "~" when undated: oldest-first on remote shards */
#define TX_SLOT_COPY_SIGNATURE 8 /* MinHash signature of the body (CopySignature.encoded) */
#define TX_SLOT_STORY 10      /* story: the id of its earliest article (only when it has two), collapse */
#define TX_SLOT_SEQ 9         /* the article's change number (trawl.seq), Xapian::sortable_serialise */

/* Term prefixes (Omega's conventions where one exists). A key longer than Xapian's term limit
 * keeps its first bytes plus "#" and the tx_fnv1a hash of the whole key. */
#define TX_PREFIX_ID "Q"            /* article id, unique */
#define TX_PREFIX_PATH "P"          /* source file path */
#define TX_PREFIX_TITLE "S"         /* title words (also indexed unprefixed) */
#define TX_PREFIX_BYLINE "A"        /* byline words */
#define TX_PREFIX_SOURCE "XSOURCE"  /* source, lower-cased */
#define TX_PREFIX_SITE "H"          /* host and its parent domains */
#define TX_PREFIX_URL "U"
#define TX_PREFIX_DAY "D"           /* YYYYMMDD */
#define TX_PREFIX_MONTH "M"         /* YYYYMM */
#define TX_PREFIX_YEAR "Y"          /* YYYY */
#define TX_PREFIX_COPIES "XCOPIES"  /* copies group id (TX_SLOT_COPIES) */
#define TX_PREFIX_BAND "XLSH"       /* LSH band of the copy signature: band number and hash */
#define TX_PREFIX_STORY "XSTORY"    /* story id (TX_SLOT_STORY) */
#define TX_PREFIX_SEQ "XSEQ"        /* decimal seq / TX_SEQ_BUCKET: picks out a range of changes cheaply */
#define TX_SEQ_BUCKET 1024

/* FNV-1a, 64 bit: Trawl's one stable hash (term keys here; file and article hashes in Swift). */
#define TX_FNV1A_OFFSET 14695981039346656037ULL
#define TX_FNV1A_PRIME 1099511628211ULL
/* The hash of bytes[0..length) continued from hash (TX_FNV1A_OFFSET to start afresh).
 * No status, nothing to free; NULL bytes leave hash as it is. */
uint64_t tx_fnv1a(const void *bytes, size_t length, uint64_t hash);

/* One article to index. Strings are UTF-8 with explicit lengths (they may
 * legitimately contain any byte but NUL is rejected by the Swift layer).
 * A NULL pointer means "absent"; absent fields add no terms or values. */
typedef struct tx_text {
    const char *ptr;
    size_t len;
} tx_text;

typedef struct tx_article {
    tx_text id;        /* required: stable key, becomes the Q term */
    tx_text path;      /* file path relative to the root: P term (several articles may share one) */
    tx_text title;
    tx_text body;
    tx_text byline;
    tx_text source;    /* as written: the facet value; the XSOURCE term is lower-cased */
    tx_text site;      /* host, lower-cased; "www." and parent domains are handled here */
    tx_text url;
    tx_text timestamp; /* "YYYYMMDDhhmmss" */
    tx_text copy_signature; /* TX_SLOT_COPY_SIGNATURE */
    tx_text copy_bands;     /* boolean terms separated by "\n" (TX_PREFIX_BAND ones) */
    tx_text file_key;  /* opaque fingerprint of the file, read back by tx_value_stream */
    tx_text data;      /* stored document data (what get/hits return) */
    tx_text day;       /* "YYYYMMDD": the calendar day in the article's own zone (date terms, date,
                          year and month slots); absent: the UTC day of timestamp */
    uint64_t seq;      /* the change number (TX_SLOT_SEQ and its TX_PREFIX_SEQ bucket term); 0: none */
} tx_article;

/* ---- Writer ---- */

typedef struct tx_writer tx_writer;

/* Opens (creating if needed) a writable database at a directory path.
 * stem_language: e.g. "english"; "" or "none" for no stemming.
 * TX_ERR_INVALID_ARGUMENT without path or out (or for an unknown language); TX_ERR_DATABASE_LOCKED
 * when another writer has it; Xapian's errors. *out: release with tx_writer_close(). */
tx_status tx_writer_open(const char *path, const char *stem_language, tx_writer **out, char **err_msg);
/* Closes and frees the writer. Commits nothing; pending changes are discarded. NULL-safe. */
void tx_writer_close(tx_writer *writer);

/* Sends the spelling data of the words writer indexes to target instead of writer's own database
 * (a sharded generation's lexicon); both used by one thread. Target must outlive writer's writes.
 * TX_ERR_INVALID_ARGUMENT without writer or target. */
tx_status tx_writer_set_spelling_target(tx_writer *writer, tx_writer *target, char **err_msg);
/* Adds or replaces (by the Q term of article->id) one article; the article's strings are copied.
 * TX_ERR_INVALID_ARGUMENT without writer, article or a non-empty id; Xapian's errors. */
tx_status tx_writer_put(tx_writer *writer, const tx_article *article, char **err_msg);
/* Adds one article without looking for an existing one: for a fresh database whose ids the
 * caller has already made unique (a rebuild's shard). Cheaper than tx_writer_put.
 * Statuses as tx_writer_put. */
tx_status tx_writer_add(tx_writer *writer, const tx_article *article, char **err_msg);
/* Deletes the documents indexed under a term made from prefix and key (TX_PREFIX_ID + id for one
 * article, TX_PREFIX_PATH + path for all articles of a file). *deleted (may be NULL) is how many
 * existed. TX_ERR_INVALID_ARGUMENT without writer or prefix; Xapian's errors. */
tx_status tx_writer_delete(tx_writer *writer, const char *prefix, tx_text key, int *deleted, char **err_msg);
/* Gives the article with this id the change number seq (TX_SLOT_SEQ and its TX_PREFIX_SEQ bucket
 * term, replacing its earlier ones). TX_ERR_INVALID_ARGUMENT without writer or id, or for seq 0;
 * TX_ERR_NOT_FOUND when no article has the id; Xapian's errors. */
tx_status tx_writer_set_seq(tx_writer *writer, tx_text id, uint64_t seq, char **err_msg);
/* Adds a synonym: queries for term also look for synonym (both lower-case words).
 * TX_ERR_INVALID_ARGUMENT without writer or a non-empty term and synonym; Xapian's errors. */
tx_status tx_writer_add_synonym(tx_writer *writer, tx_text term, tx_text synonym, char **err_msg);
/* Sets (with the next commit) one metadata entry; an empty value removes it.
 * TX_ERR_INVALID_ARGUMENT without writer or key; Xapian's errors. */
tx_status tx_writer_set_metadata(tx_writer *writer, const char *key, tx_text value, char **err_msg);
/* One metadata entry as this writer sees it (pending changes included). TX_ERR_INVALID_ARGUMENT
 * without writer, key, out or out_len; Xapian's errors. *out: malloc'd (release with tx_string_free), "" when unset. */
tx_status tx_writer_get_metadata(tx_writer *writer, const char *key, char **out, size_t *out_len, char **err_msg);
/* Makes every change so far durable and visible to readers (after their reopen).
 * TX_ERR_INVALID_ARGUMENT without writer; Xapian's errors (TX_ERR_DATABASE: disk full, I/O). A
 * failed commit discards the changes it held: the database stays as the last commit left it. */
tx_status tx_writer_commit(tx_writer *writer, char **err_msg);
/* Number of documents, pending changes included. TX_ERR_INVALID_ARGUMENT without writer or out;
 * Xapian's errors. */
tx_status tx_writer_doccount(tx_writer *writer, uint32_t *out, char **err_msg);

/* Copies groups (copies.cpp). The candidates for an article's copies: the documents (pending
 * changes included) indexed under at least min_shared of terms ("\n"-separated band terms), reading
 * only the first per_term documents of each term, those sharing the most first, at most limit.
 * Each as five fields, each field "<decimal length>:<bytes>": the values of
 * TX_SLOT_FILE (holding the id), TX_SLOT_COPIES, TX_SLOT_TIMESTAMP, TX_SLOT_COPY_SIGNATURE and TX_SLOT_STORY.
 * TX_ERR_INVALID_ARGUMENT without writer, out or out_len; Xapian's errors.
 * *out: malloc'd, release with tx_string_free. */
tx_status tx_writer_copy_candidates(tx_writer *writer, tx_text terms, uint32_t min_shared, uint32_t per_term,
                                    uint32_t limit, char **out, size_t *out_len, char **err_msg);
/* Puts the article with this id into `group` of a grouping, TX_COLLAPSE_COPIES (TX_SLOT_COPIES and
 * its TX_PREFIX_COPIES term) or TX_COLLAPSE_STORY (TX_SLOT_STORY, TX_PREFIX_STORY), replacing an
 * earlier group; an empty `group` takes it out of its group. TX_ERR_INVALID_ARGUMENT without writer
 * or id or for another grouping; TX_ERR_NOT_FOUND when no article has the id; Xapian's errors. */
tx_status tx_writer_set_group(tx_writer *writer, int grouping, tx_text id, tx_text group, char **err_msg);
/* The articles in `group` of a grouping (as tx_writer_set_group), pending changes included: the
 * value of TX_SLOT_FILE (holding the id) of each, one "<decimal length>:<bytes>" field each, at
 * most limit. TX_ERR_INVALID_ARGUMENT without writer, group, out or out_len or for another
 * grouping; Xapian's errors. *out: malloc'd, release with tx_string_free. */
tx_status tx_writer_group_members(tx_writer *writer, int grouping, tx_text group, uint32_t limit, char **out,
                                  size_t *out_len, char **err_msg);
/* The groups of the article with this id, pending changes included: two fields as
 * tx_writer_copy_candidates', the values of TX_SLOT_COPIES and TX_SLOT_STORY ("" when none).
 * TX_ERR_INVALID_ARGUMENT without writer, id, out or out_len; TX_ERR_NOT_FOUND when no article has
 * the id; Xapian's errors. *out: malloc'd, release with tx_string_free. */
tx_status tx_writer_article_groups(tx_writer *writer, tx_text id, char **out, size_t *out_len, char **err_msg);

/* Stories (stories.cpp). The article's telling terms (the ones `similar` uses: Bo1 expansion over
 * the article alone) as "<weight> <term>" lines; TX_ERR_NOT_FOUND when no article has the id. */
tx_status tx_writer_story_terms(tx_writer *writer, tx_text id, char **out, size_t *out_len, char **err_msg);
/* The articles (pending changes included) under any of day_terms ("\n"-separated D terms; none: any day)
 * holding at least min_similarity (0..1) of weighted_terms' total weight (tx_writer_story_terms' lines),
 * the most first, at most limit. Each as four fields ("<decimal length>:<bytes>"): TX_SLOT_FILE,
 * TX_SLOT_STORY, TX_SLOT_TIMESTAMP and the similarity, the share of the terms' total weight the
 * article has ("%.4f"). *out: malloc'd, tx_string_free. */
tx_status tx_writer_story_candidates(tx_writer *writer, tx_text weighted_terms, tx_text day_terms, uint32_t limit,
                                     double min_similarity, char **out, size_t *out_len, char **err_msg);

/* Merges the databases at sources[0..count) into a new compacted database at destination.
 * TX_ERR_INVALID_ARGUMENT without sources, count, destination or with a NULL source;
 * TX_ERR_DATABASE_NOT_FOUND for a missing source; Xapian's errors. Nothing to free. */
tx_status tx_compact(const char *const *sources, size_t count, const char *destination, char **err_msg);

/* Xapian's own check of the spelling table of the database at path (Database::check): every
 * spelling entry must read back. TX_OK without a spelling table; TX_ERR_DATABASE_CORRUPT with
 * Xapian's message when an entry does not; TX_ERR_INVALID_ARGUMENT without path. */
tx_status tx_check_spelling(const char *path, char **err_msg);

/* ---- Reader ---- */

typedef struct tx_database tx_database;

/* tx_writer_copy_candidates, tx_writer_story_terms and tx_writer_story_candidates on a read-only
 * database: a rebuild's grouping pass looks up every article of the new generation, on every core,
 * one handle per thread. */
tx_status tx_database_copy_candidates(tx_database *db, tx_text terms, uint32_t min_shared, uint32_t per_term,
                                      uint32_t limit, char **out, size_t *out_len, char **err_msg);
tx_status tx_database_story_terms(tx_database *db, tx_text id, char **out, size_t *out_len, char **err_msg);
tx_status tx_database_story_candidates(tx_database *db, tx_text weighted_terms, tx_text day_terms, uint32_t limit,
                                       double min_similarity, char **out, size_t *out_len, char **err_msg);

/* Opens a database, a directory or a stub file (which may list several shards), for reading and
 * searching; stem_language as tx_writer_open. TX_ERR_INVALID_ARGUMENT without path or out;
 * TX_ERR_DATABASE_NOT_FOUND, TX_ERR_DATABASE_OPENING, TX_ERR_DATABASE_CORRUPT and Xapian's other
 * errors. *out: release with tx_database_close(). */
tx_status tx_database_open(const char *path, const char *stem_language, tx_database **out, char **err_msg);
/* As tx_database_open, over the databases at paths[0..count) searched as one (a generation's
 * shards, in shard order). TX_ERR_INVALID_ARGUMENT without paths, count or out, or with a NULL path. */
tx_status tx_database_open_shards(const char *const *paths, size_t count, const char *stem_language, tx_database **out,
                                  char **err_msg);
/* Gives the query parser a sharded generation's lexicon (a database without documents holding the
 * spelling data and synonyms) beside the handle's databases; searches and counts still read those
 * alone. tx_database_reopen reopens it too. TX_ERR_INVALID_ARGUMENT without db or path;
 * TX_ERR_DATABASE_NOT_FOUND and Xapian's other errors. */
tx_status tx_database_add_lexicon(tx_database *db, const char *path, char **err_msg);
/* The spelling data of the handle's databases (not its lexicon): "word\tfrequency\n" lines in word order.
 * TX_ERR_INVALID_ARGUMENT without db, out or out_len; Xapian's errors. *out: release with tx_string_free. */
tx_status tx_database_spellings(tx_database *db, char **out, size_t *out_len, char **err_msg);
/* One endpoint of tx_shards_open: a local database (path), a remote one served by xapian-tcpsrv
 * (host and port), or one served by a program speaking Xapian's remote protocol on its standard
 * input and output (program and args, e.g. "ssh" and "HOST xapian-progsrv DB"); exactly one of
 * path, host and program. `shard` is the shard it serves: several endpoints serving one shard
 * are its replicas (the same shard served by several hosts). */
typedef struct tx_shard_spec {
    const char *path;
    const char *host;
    unsigned port;
    const char *program;
    const char *args;
    unsigned shard;
} tx_shard_spec;
/* Opens each endpoint itself (remote ones with these timeouts, in ms) and searches the shards as
 * one database, in shard order, each answer through one open endpoint per shard (replicas take
 * turns, answer by answer). Endpoints that serve another generation than the one every shard can
 * give stay closed, so that no answer mixes generations. A remote endpoint that cannot be reached
 * stays closed (tx_endpoint_is_open, tx_endpoint_error); a local one that cannot be opened fails the
 * call as tx_database_open does. The parser's spelling and synonyms come from a lexicon given by
 * tx_database_add_lexicon (remote shards give neither). A search moves to another replica of a
 * shard whose endpoint fails mid-query, and runs without the shard when none is left
 * (tx_results_missing_*). TX_ERR_INVALID_ARGUMENT without specs, count or out, for a spec without
 * exactly one of path, host and program, or for shards not numbered 0..N-1. *out: release with
 * tx_database_close(). */
tx_status tx_shards_open(const tx_shard_spec *specs, size_t count, const char *stem_language,
                         unsigned connect_timeout_ms, unsigned timeout_ms, tx_database **out, char **err_msg);
/* Shards of a tx_shards_open handle (0 for other handles or NULL). No status. */
size_t tx_shard_count(const tx_database *db);
/* Endpoints of a tx_shards_open handle, in spec order (0 for other handles or NULL). No status. */
size_t tx_endpoint_count(const tx_database *db);
/* 1 when endpoint index is open (connected), else 0. No status. */
int tx_endpoint_is_open(const tx_database *db, size_t index);
/* Why endpoint index is closed ("" when open or out of range). Borrowed until the next call on db. */
const char *tx_endpoint_error(const tx_database *db, size_t index);
/* Opens endpoint index afresh (a new connection for a remote one); on failure it stays closed.
 * TX_ERR_INVALID_ARGUMENT without db or for an index out of range; TX_ERR_NETWORK(_TIMEOUT). */
tx_status tx_endpoint_connect(tx_database *db, size_t index, char **err_msg);
/* wanted = 0 leaves endpoint index out of searches (its host is known to be down) and closes it.
 * TX_ERR_INVALID_ARGUMENT without db or for an index out of range. */
tx_status tx_endpoint_set_wanted(tx_database *db, size_t index, int wanted, char **err_msg);
/* preferred = 0: endpoint index is behind a replica of its shard; searches use it only while no
 * preferred endpoint of its shard is ready (it stays open, to stand in for one that fails).
 * TX_ERR_INVALID_ARGUMENT without db or for an index out of range. */
tx_status tx_endpoint_set_preferred(tx_database *db, size_t index, int preferred, char **err_msg);
/* Keeps an open remote endpoint's idle connection alive (no-op for local or closed ones); on
 * failure the endpoint is closed. TX_ERR_INVALID_ARGUMENT as above; TX_ERR_NETWORK(_TIMEOUT). */
tx_status tx_endpoint_keep_alive(tx_database *db, size_t index, char **err_msg);
/* As tx_database_get, from shard index alone (the one ShardRouter names for the id), through one
 * of its open endpoints (another one when that fails). TX_ERR_NETWORK when none answers; TX_ERR_NOT_FOUND; Xapian's errors. */
tx_status tx_shard_get(tx_database *db, size_t index, tx_text id, char **out, size_t *out_len, char **err_msg);
/* The value of metadata `key` as every endpoint a search may use serves it (each replica of each
 * shard: searches rotate over them), one "<decimal length>:<bytes>" field each. The combined
 * database reads metadata from its first shard only, which a replica may have received before the
 * others. TX_ERR_INVALID_ARGUMENT without db, key, out or out_len; TX_ERR_NETWORK when a shard
 * has no endpoint to use, or one fails to answer (it is closed; searches and the monitor reconnect
 * it); Xapian's errors. *out: malloc'd, release with tx_string_free. */
tx_status tx_endpoints_metadata(tx_database *db, const char *key, char **out, size_t *out_len, char **err_msg);
/* Closes and frees the handle. NULL-safe. */
void tx_database_close(tx_database *db);
/* Brings the handle to the latest commit. *changed (may be NULL) = 1 if it moved.
 * TX_ERR_INVALID_ARGUMENT without db; Xapian's errors. */
tx_status tx_database_reopen(tx_database *db, int *changed, char **err_msg);
/* Number of documents. TX_ERR_INVALID_ARGUMENT without db or out; Xapian's errors. */
tx_status tx_database_doccount(tx_database *db, uint32_t *out, char **err_msg);
/* One metadata entry. TX_ERR_INVALID_ARGUMENT without db, key, out or out_len; Xapian's errors.
 * *out: malloc'd copy (release with tx_string_free), "" when the key is unset. */
tx_status tx_database_get_metadata(tx_database *db, const char *key, char **out, size_t *out_len, char **err_msg);
/* Stored data of the article with this id. TX_ERR_INVALID_ARGUMENT without db, out or out_len;
 * TX_ERR_NOT_FOUND when absent; Xapian's errors. *out: malloc'd, release with tx_string_free. */
tx_status tx_database_get(tx_database *db, tx_text id, char **out, size_t *out_len, char **err_msg);
/* Number of documents indexed under the term of prefix and key (0 when none).
 * TX_ERR_INVALID_ARGUMENT without db, prefix or out; Xapian's errors. */
tx_status tx_database_term_frequency(tx_database *db, const char *prefix, tx_text key, uint32_t *out, char **err_msg);

/* The articles whose change number is in after < seq <= through (the range's TX_PREFIX_SEQ bucket
 * terms, then TX_SLOT_SEQ's exact range: never a pass over the database), in docid order, each as two
 * fields ("<decimal length>:<bytes>"): its TX_SLOT_FILE value (the id and its stored data's hash)
 * and its decimal change number. TX_ERR_INVALID_ARGUMENT without db, out or out_len; Xapian's
 * errors. *out: malloc'd, release with tx_string_free. */
tx_status tx_database_changed_keys(tx_database *db, uint64_t after, uint64_t through, char **out, size_t *out_len,
                                   char **err_msg);

/* Every (docid, value) in one slot, in docid order. The stream keeps its own reference to the
 * database. TX_ERR_INVALID_ARGUMENT without db or out; Xapian's errors.
 * *out: release with tx_value_stream_close. */
typedef struct tx_value_stream tx_value_stream;
tx_status tx_value_stream_open(tx_database *db, unsigned slot, tx_value_stream **out, char **err_msg);
/* The next entry; *has_value = 0 at the end. *value is borrowed until the next call or close.
 * TX_ERR_INVALID_ARGUMENT when any argument but err_msg is NULL; Xapian's errors. */
tx_status tx_value_stream_next(tx_value_stream *stream, uint32_t *docid, const char **value, size_t *value_len,
                               int *has_value, char **err_msg);
/* Frees the stream. NULL-safe. */
void tx_value_stream_close(tx_value_stream *stream);
/* The change number a TX_SLOT_SEQ value holds (0 for NULL or ""). No status. */
uint64_t tx_seq_from_value(const char *value, size_t value_len);

/* Every metadata entry whose key starts with prefix, in key order. TX_ERR_INVALID_ARGUMENT without
   db, prefix or out; Xapian's errors classified as elsewhere. The caller frees *out with
   tx_metadata_stream_close. */
typedef struct tx_metadata_stream tx_metadata_stream;
tx_status tx_metadata_stream_open(tx_database *db, const char *prefix, tx_metadata_stream **out, char **err_msg);
/* The next entry; *has_entry = 0 at the end. *key and *value are borrowed until the next call or
 * close. TX_ERR_INVALID_ARGUMENT when any argument but err_msg is NULL; Xapian's errors. */
tx_status tx_metadata_stream_next(tx_metadata_stream *stream, const char **key, size_t *key_len, const char **value,
                                  size_t *value_len, int *has_entry, char **err_msg);
/* Frees the stream. NULL-safe. */
void tx_metadata_stream_close(tx_metadata_stream *stream);

/* ---- Search ---- */

enum { TX_SORT_RELEVANCE = 0, TX_SORT_NEWEST = 1, TX_SORT_OLDEST = 2, TX_SORT_SEQ = 3 /* change number, ascending */ };
/* TX_FACET_DAY: counts per publication day (slot TX_SLOT_DATE, "YYYYMMDD"), for histograms. */
enum { TX_FACET_SOURCE = 1, TX_FACET_YEAR = 2, TX_FACET_MONTH = 4, TX_FACET_DAY = 8 };
/* "Did you mean" (README, "Query language"), decided in the shim alone. SUGGEST looks up a
 * correction and offers it only when it finds more than the query as typed; AUTO also answers
 * the corrected query when the typed one matches nothing (tx_results_searched_corrected). */
enum { TX_SPELLING_OFF = 0, TX_SPELLING_SUGGEST = 1, TX_SPELLING_AUTO = 2 };

typedef struct tx_search_options {
    tx_text query;
    uint32_t offset;
    uint32_t limit;
    int sort;                     /* TX_SORT_* */
    const tx_text *sources;       /* keep only these (lower-cased) sources; NULL/0 = all */
    size_t source_count;
    tx_text since;                /* "YYYYMMDD" inclusive, or absent */
    tx_text until;                /* "YYYYMMDD" inclusive, or absent */
    int collapse;                 /* TX_COLLAPSE_*: one hit per copies group or per story */
    unsigned facets;              /* TX_FACET_* bits: counted over all matches */
    int default_or;               /* 1: words combine with OR instead of AND */
    int spelling;                 /* TX_SPELLING_* */
    int exact_totals;             /* 1: count every match (totals exact), as facets do */
    double time_limit;            /* seconds; 0 = none. Past it: TX_ERR_TIMEOUT */
    tx_text similar_to;           /* an article id: rank by likeness to it (more like this), the query
                                     and filters only select; TX_ERR_NOT_FOUND for an unknown id */
    uint64_t seq_after;           /* with seq_through > 0: keep articles with seq_after < seq <= seq_through */
    uint64_t seq_through;         /*   (TX_PREFIX_SEQ bucket terms, then TX_SLOT_SEQ's exact range) */
    const struct tx_term_set *changed_terms; /* NULL, or the terms of the articles in the seq range
                                     (tx_changed_terms): a query that needs a term none of them
                                     holds is answered with no hits (and no correction)
                                     without a match */
} tx_search_options;

/* The terms of the articles with seq_after < seq <= seq_through, for tx_search_options.changed_terms
 * (a subscription round: the queries that cannot match any of them are not run). *out = NULL when
 * more than max_articles changed (the set would be too big to be worth it) or the range is empty.
 * TX_ERR_INVALID_ARGUMENT without db or out; Xapian's errors. The caller frees *out with
 * tx_term_set_free. */
typedef struct tx_term_set tx_term_set;
tx_status tx_changed_terms(tx_database *db, uint64_t seq_after, uint64_t seq_through, uint32_t max_articles,
                           tx_term_set **out, char **err_msg);
/* Frees the set. NULL-safe. */
void tx_term_set_free(tx_term_set *set);

#define TX_COLLAPSE_NONE 0
#define TX_COLLAPSE_COPIES 1 /* one hit per TX_SLOT_COPIES group */
#define TX_COLLAPSE_STORY 2  /* one hit per TX_SLOT_STORY story */

typedef struct tx_results tx_results;

/* Runs one search; options' strings are read during the call only. TX_ERR_INVALID_ARGUMENT without
 * db, options or out; TX_ERR_QUERY_SYNTAX for a query that cannot be parsed (err_msg says why);
 * TX_ERR_TIMEOUT past options->time_limit; Xapian's errors. *out: release with tx_results_free;
 * everything the tx_results_* calls below lend is valid until then. */
tx_status tx_database_search(tx_database *db, const tx_search_options *options, tx_results **out, char **err_msg);
/* Frees the results and all they lent. NULL-safe. */
void tx_results_free(tx_results *results);
/* Shards of a tx_shards_open handle that gave nothing to these results (closed, left out, or
 * dropped during the search), in shard order: their number, and each one's index. No status. */
size_t tx_results_missing_count(const tx_results *results);
uint32_t tx_results_missing_shard(const tx_results *results, size_t index);

typedef struct tx_hit {
    uint32_t docid;
    uint32_t rank;       /* 1-based, offset included */
    double weight;
    int percent;
    uint32_t collapse_count;
    const char *data;    /* borrowed until tx_results_free */
    size_t data_len;
    const char *copies_group; /* TX_SLOT_COPIES ("" when none), borrowed until tx_results_free */
    size_t copies_group_len;
    const char *story;   /* TX_SLOT_STORY ("" when none), borrowed until tx_results_free */
    size_t story_len;
} tx_hit;

/* The number of hits (on this page). 0 for NULL. No status. */
size_t tx_results_count(const tx_results *results);
/* Hit `index` (0-based, in rank order) into *out; all zeros for NULL results or an index out of
 * range. out->data is borrowed until tx_results_free. No status. */
void tx_results_hit(const tx_results *results, size_t index, tx_hit *out);
/* Hit `index`'s change number (TX_SLOT_SEQ); 0 when it has none or out of range. No status. */
uint64_t tx_results_hit_seq(const tx_results *results, size_t index);
/* Xapian's bounds and estimate of the number of matches (each pointer may be NULL); zeros for NULL
 * results. No status. */
void tx_results_totals(const tx_results *results, uint32_t *lower, uint32_t *estimate, uint32_t *upper);
/* The corrected query string ("" when none, or for NULL results); *len (may be NULL) its length.
 * Borrowed until tx_results_free. No status. */
const char *tx_results_corrected(const tx_results *results, size_t *len);
/* 1 when the hits are for the corrected query (TX_SPELLING_AUTO: the typed one matched nothing),
 * else 0 (also for NULL). No status. */
int tx_results_searched_corrected(const tx_results *results);

/* Facet counts: facet is one TX_FACET_* bit that was asked for in the options.
 * The number of values of a facet; 0 for NULL results or a facet not asked for. No status. */
size_t tx_results_facet_count(const tx_results *results, unsigned facet);
/* Value `index` of a facet and its count (each pointer may be NULL); "" and 0 out of range.
 * *value is borrowed until tx_results_free. No status. */
void tx_results_facet(const tx_results *results, unsigned facet, size_t index, const char **value, size_t *value_len,
                      uint32_t *count);

/* The title (any text of the hit) whole, HTML-escaped, with the query's words between pre and
 * post: plain words, phrases and `title:` words. TX_ERR_INVALID_ARGUMENT without results, pre,
 * post, out or out_len; Xapian's errors. *out: malloc'd, release with tx_string_free; "" when no
 * word of the query is in it (or both markers are empty). */
tx_status tx_results_highlight_title(const tx_results *results, tx_text title, const char *pre, const char *post,
                                     char **out, size_t *out_len, char **err_msg);

/* A snippet of hit `index`'s article body with the query's matches between pre and post, at most
 * `length` bytes of text. The body is the hit's stored data from byte body_offset on: where it
 * starts is the stored layout's business (StoredArticle.swift), so the caller says; the body itself
 * never crosses into Swift for a search. HTML-escaped by Xapian.
 * pre and post may be NULL (no marker). TX_ERR_INVALID_ARGUMENT without results, out or out_len,
 * or for an index or body_offset out of range; Xapian's errors.
 * *out: malloc'd, release with tx_string_free; "" when the body is empty. */
tx_status tx_results_hit_snippet(const tx_results *results, size_t index, size_t body_offset, size_t length,
                                 const char *pre, const char *post, char **out, size_t *out_len, char **err_msg);

#ifdef __cplusplus
}
#endif

#endif /* CXAPIAN_H */
