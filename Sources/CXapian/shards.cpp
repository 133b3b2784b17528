// A sharded handle (tx_shards_open): local and remote shards opened one by one, with Trawl's own
// timeouts for the remote ones (a stub's `remote` lines always wait 10 s), combined into one
// Database over the healthy shards so that rankings are those of one database (docs/design/shards.md 2.4).
#include "internal.h"

#include <cstring>

using cxapian::guarded;

namespace cxapian {

// MetadataKey.generation on the Swift side: the generation a shard belongs to.
const char kGenerationKey[] = "trawl.generation";

void combine_shards(tx_database &db) {
    Xapian::Database combined;
    for (const Shard &shard : db.shards)
        if (shard.open && shard.wanted) combined.add_database(shard.one);
    db.db = combined;
    set_parser_database(db);
}

void set_parser_database(tx_database &db) {
    // Spelling and synonyms come from the lexicon (remote shards return none, a sharded
    // generation's local shards hold none); the shards stay in the parser's database for
    // term_exists (`c++`, suffixed words). The lexicon holds no documents.
    Xapian::Database parsing = db.db;
    if (db.has_lexicon) parsing.add_database(db.lexicon);
    db.parser.set_database(parsing);
}

void connect_shard(tx_database &db, size_t i) {
    Shard &shard = db.shards[i];
    shard.open = false;
    shard.one = Xapian::Database();
    try {
        if (!shard.host.empty())
            shard.one = Xapian::Remote::open(shard.host, shard.port, db.timeout_ms, db.connect_timeout_ms);
        else if (!shard.program.empty())
            shard.one = Xapian::Remote::open(shard.program, shard.args, db.timeout_ms);
        else
            shard.one = Xapian::Database(shard.path);
    } catch (const Xapian::Error &e) {
        shard.last_error = e.get_description();
        throw;
    }
    // A host that moved to another generation (a replica switched) would mix generations in one
    // answer: such a connection is refused; the caller opens a new handle to switch.
    const std::string generation = shard.one.get_metadata(kGenerationKey);
    if (!db.generation_known) {
        db.generation = generation;
        db.generation_known = true;
    }
    if (generation != db.generation) {
        shard.one = Xapian::Database();
        shard.last_error = "serves generation " + generation + ", not " + db.generation;
        throw Xapian::DatabaseOpeningError(shard.last_error);
    }
    shard.open = true;
    shard.last_error.clear();
}

void close_shard(tx_database &db, size_t i, const std::string &why) {
    Shard &shard = db.shards[i];
    try {
        shard.one.close();
    } catch (...) {
        // A dead connection may fail to close politely; it is dropped either way.
    }
    shard.one = Xapian::Database();
    shard.open = false;
    shard.last_error = why;
}

bool recover_from_network_error(tx_database &db, const Xapian::NetworkError &error, std::vector<int> &reconnects) {
    const std::string context = error.get_context();
    const bool timed_out = std::strcmp(error.get_type(), "NetworkTimeoutError") == 0;  // Xapian errors are not polymorphic
    bool any_remote = false;
    for (size_t i = 0; i < db.shards.size(); ++i) {
        Shard &shard = db.shards[i];
        if (!shard.open || !shard.wanted || !shard.remote()) continue;
        any_remote = true;
        // A failed match leaves the other remote connections with replies never read (the
        // match talks to every shard at once): none of them can be trusted, so each is opened
        // again; the one that failed is missing when that fails (refused: ~2 ms). A frozen host
        // (timeout, named by the error's context) is not: its greeting would cost another timeout.
        const bool frozen = timed_out && shard.context == context;
        close_shard(db, i, frozen || context.empty() || shard.context == context ? error.get_description()
                                                                                 : "reset after another shard failed");
        if (frozen || reconnects[i] >= 2) continue;
        ++reconnects[i];
        try {
            connect_shard(db, i);
        } catch (const Xapian::Error &) {
            // Still closed: the shard is missing from this answer.
        }
    }
    combine_shards(db);
    return any_remote;
}

}  // namespace cxapian

namespace {

tx_database *make_sharded_handle(const tx_shard_spec *specs, size_t count, const char *stem_language,
                                  unsigned connect_timeout_ms, unsigned timeout_ms) {
    std::unique_ptr<tx_database> handle(
        new tx_database{{}, cxapian::make_folding_stem(stem_language), {}, Xapian::QueryParser()});
    cxapian::configure_parser(handle->parser, handle->db, handle->stem, handle->field_error);
    handle->connect_timeout_ms = connect_timeout_ms;
    handle->timeout_ms = timeout_ms;
    for (size_t i = 0; i < count; ++i) {
        cxapian::Shard shard;
        if (specs[i].host) {
            shard.host = specs[i].host;
            shard.port = specs[i].port;
            shard.context = "remote:tcp(" + shard.host + ":" + std::to_string(shard.port) + ")";
        } else if (specs[i].program) {
            shard.program = specs[i].program;
            shard.args = specs[i].args ? specs[i].args : "";
            shard.context = "remote:prog(" + shard.program + " " + shard.args + ")";
        } else {
            shard.path = specs[i].path;
        }
        handle->shards.push_back(std::move(shard));
    }
    for (size_t i = 0; i < count; ++i) {
        try {
            cxapian::connect_shard(*handle, i);
        } catch (const Xapian::NetworkError &) {
            // A remote shard that is down: the handle serves the others (partial answers).
        } catch (const Xapian::DatabaseOpeningError &) {
            if (!handle->shards[i].remote()) throw;  // a local shard that cannot be opened fails as before
        }
    }
    cxapian::combine_shards(*handle);
    return handle.release();
}

bool in_range(const tx_database *db, size_t index) { return db && index < db->shards.size(); }

}  // namespace

extern "C" {

tx_status tx_shards_open(const tx_shard_spec *specs, size_t count, const char *stem_language,
                         unsigned connect_timeout_ms, unsigned timeout_ms, tx_database **out, char **err_msg) {
    if (out) *out = nullptr;
    return guarded(err_msg, [&] {
        if (!specs || count == 0 || !out) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "specs and out are required", err_msg);
        for (size_t i = 0; i < count; ++i)
            if ((specs[i].path ? 1 : 0) + (specs[i].host ? 1 : 0) + (specs[i].program ? 1 : 0) != 1)
                return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "each shard needs one of a path, a host or a program", err_msg);
        *out = make_sharded_handle(specs, count, stem_language, connect_timeout_ms, timeout_ms);
        return TX_OK;
    });
}

size_t tx_shard_count(const tx_database *db) { return db ? db->shards.size() : 0; }

int tx_shard_is_open(const tx_database *db, size_t index) { return in_range(db, index) && db->shards[index].open ? 1 : 0; }

const char *tx_shard_error(const tx_database *db, size_t index) {
    return in_range(db, index) ? db->shards[index].last_error.c_str() : "";
}

tx_status tx_shard_connect(tx_database *db, size_t index, char **err_msg) {
    return guarded(err_msg, [&] {
        if (!in_range(db, index)) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db and a shard index in range are required", err_msg);
        try {
            cxapian::connect_shard(*db, index);
        } catch (...) {
            cxapian::combine_shards(*db);
            throw;
        }
        cxapian::combine_shards(*db);
        return TX_OK;
    });
}

tx_status tx_shard_set_wanted(tx_database *db, size_t index, int wanted, char **err_msg) {
    return guarded(err_msg, [&] {
        if (!in_range(db, index)) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db and a shard index in range are required", err_msg);
        if (db->shards[index].wanted == (wanted != 0)) return TX_OK;
        db->shards[index].wanted = wanted != 0;
        cxapian::combine_shards(*db);
        return TX_OK;
    });
}

tx_status tx_shard_keep_alive(tx_database *db, size_t index, char **err_msg) {
    return guarded(err_msg, [&] {
        if (!in_range(db, index)) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db and a shard index in range are required", err_msg);
        cxapian::Shard &shard = db->shards[index];
        if (!shard.open || !shard.remote()) return TX_OK;
        try {
            shard.one.keep_alive();
        } catch (const Xapian::Error &e) {
            cxapian::close_shard(*db, index, e.get_description());
            cxapian::combine_shards(*db);
            throw;
        }
        return TX_OK;
    });
}

tx_status tx_shard_get(tx_database *db, size_t index, tx_text id, char **out, size_t *out_len, char **err_msg) {
    if (out) *out = nullptr;
    if (out_len) *out_len = 0;
    return guarded(err_msg, [&] {
        if (!in_range(db, index) || !out || !out_len)
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db, a shard index in range and out are required", err_msg);
        cxapian::Shard &shard = db->shards[index];
        if (!shard.open || !shard.wanted)
            return cxapian::fail(TX_ERR_NETWORK, "shard-" + std::to_string(index) + " is down: " + shard.last_error, err_msg);
        std::string data;
        try {
            if (!cxapian::find_article(shard.one, cxapian::str(id), data))
                return cxapian::fail(TX_ERR_NOT_FOUND, "no article with id " + cxapian::str(id), err_msg);
        } catch (const Xapian::NetworkError &e) {
            cxapian::close_shard(*db, index, e.get_description());  // a later request or the monitor reconnects it
            cxapian::combine_shards(*db);
            throw;
        }
        *out = cxapian::copy_to_malloc(data);
        *out_len = data.size();
        return TX_OK;
    });
}

size_t tx_results_missing_count(const tx_results *results) { return results ? results->missing_shards.size() : 0; }

uint32_t tx_results_missing_shard(const tx_results *results, size_t index) {
    return results && index < results->missing_shards.size() ? results->missing_shards[index] : 0;
}

}  // extern "C"
