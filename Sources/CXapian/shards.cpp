// A sharded handle (tx_shards_open): local and remote endpoints opened one by one, with Trawl's own
// timeouts for the remote ones (a stub's `remote` lines always wait 10 s), combined into one
// Database over one healthy endpoint per shard (a shard's replicas take turns) so that rankings
// are those of one database (docs/design/shards.md 2.4).
#include "internal.h"

#include <algorithm>
#include <cstring>
#include <exception>
#include <thread>

using cxapian::guarded;

namespace cxapian {

// MetadataKey.generation on the Swift side: the generation a shard belongs to.
const char kGenerationKey[] = "trawl.generation";

namespace {

// The endpoints of `shard` that a search may use: the preferred ones (not behind a replica),
// or, when none of them is ready, the others (a replica behind stands in for one that failed).
std::vector<size_t> ready_endpoints(const tx_database &db, size_t shard) {
    std::vector<size_t> preferred, others;
    for (size_t i = 0; i < db.endpoints.size(); ++i) {
        const Endpoint &endpoint = db.endpoints[i];
        if (endpoint.shard != shard || !endpoint.open || !endpoint.wanted) continue;
        (endpoint.preferred ? preferred : others).push_back(i);
    }
    return preferred.empty() ? others : preferred;
}

// Opens endpoint i, whatever generation it serves (connect_shard checks that).
void open_endpoint(tx_database &db, size_t i) {
    Endpoint &endpoint = db.endpoints[i];
    endpoint.open = false;
    endpoint.one = Xapian::Database();
    try {
        if (!endpoint.host.empty())
            endpoint.one = Xapian::Remote::open(endpoint.host, endpoint.port, db.timeout_ms, db.connect_timeout_ms);
        else if (!endpoint.program.empty())
            endpoint.one = Xapian::Remote::open(endpoint.program, endpoint.args, db.timeout_ms);
        else
            endpoint.one = Xapian::Database(endpoint.path);
        endpoint.generation = endpoint.one.get_metadata(kGenerationKey);
    } catch (const Xapian::Error &e) {
        endpoint.one = Xapian::Database();
        endpoint.last_error = e.get_description();
        throw;
    }
    endpoint.open = true;
    endpoint.last_error.clear();
}

std::string wrong_generation(const Endpoint &endpoint, const std::string &served) {
    return "serves generation " + endpoint.generation + ", not " + served;
}

// The generation a new handle answers from: the one that most shards can give through some open
// endpoint (all of them, unless a shard's only host is behind), the newest on a tie. Replicas of
// a shard may briefly serve different generations (one caught up with a rebuild, one not yet):
// endpoints of any other generation are closed, so no answer mixes two.
void choose_generation(tx_database &db) {
    std::vector<std::pair<std::string, size_t>> shards_giving;  // generation -> shards with an open endpoint serving it
    for (size_t shard = 0; shard < db.shard_count; ++shard) {
        std::vector<std::string> seen;
        for (const Endpoint &endpoint : db.endpoints) {
            if (endpoint.shard != shard || !endpoint.open) continue;
            if (std::find(seen.begin(), seen.end(), endpoint.generation) != seen.end()) continue;
            seen.push_back(endpoint.generation);
            auto found = std::find_if(shards_giving.begin(), shards_giving.end(),
                                      [&](const auto &entry) { return entry.first == endpoint.generation; });
            if (found == shards_giving.end()) shards_giving.emplace_back(endpoint.generation, 1);
            else ++found->second;
        }
    }
    if (shards_giving.empty()) return;  // nothing open: the first endpoint connected later decides
    const auto newer = [](const std::string &a, const std::string &b) {
        return a.size() != b.size() ? a.size() > b.size() : a > b;  // decimal numbers, no leading zeros
    };
    const auto best = std::min_element(shards_giving.begin(), shards_giving.end(), [&](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : newer(a.first, b.first);
    });
    db.generation = best->first;
    db.generation_known = true;
    for (size_t i = 0; i < db.endpoints.size(); ++i)
        if (db.endpoints[i].open && db.endpoints[i].generation != db.generation)
            close_shard(db, i, wrong_generation(db.endpoints[i], db.generation));
}

}  // namespace

void combine_shards(tx_database &db) {
    Xapian::Database combined;
    db.remote_shards = false;
    for (Endpoint &endpoint : db.endpoints) endpoint.in_use = false;
    for (size_t shard = 0; shard < db.shard_count; ++shard) {
        const std::vector<size_t> ready = ready_endpoints(db, shard);
        if (ready.empty()) continue;
        Endpoint &chosen = db.endpoints[ready[db.turn % ready.size()]];
        chosen.in_use = true;
        if (chosen.remote()) db.remote_shards = true;
        combined.add_database(chosen.one);
    }
    db.db = combined;
    set_parser_database(db);
}

bool has_replicas_to_rotate(const tx_database &db) {
    for (size_t shard = 0; shard < db.shard_count; ++shard)
        if (ready_endpoints(db, shard).size() > 1) return true;
    return false;
}

std::vector<uint32_t> missing_shards(const tx_database &db) {
    std::vector<bool> answering(db.shard_count, false);
    for (const Endpoint &endpoint : db.endpoints)
        if (endpoint.in_use) answering[endpoint.shard] = true;
    std::vector<uint32_t> missing;
    for (size_t shard = 0; shard < db.shard_count; ++shard)
        if (!answering[shard]) missing.push_back(static_cast<uint32_t>(shard));
    return missing;
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
    open_endpoint(db, i);
    // A host that moved to another generation (a replica switched) would mix generations in one
    // answer: such a connection is refused; the caller opens a new handle to switch.
    if (!db.generation_known) {
        db.generation = db.endpoints[i].generation;
        db.generation_known = true;
    }
    if (db.endpoints[i].generation != db.generation) {
        close_shard(db, i, wrong_generation(db.endpoints[i], db.generation));
        throw Xapian::DatabaseOpeningError(db.endpoints[i].last_error);
    }
}

void close_shard(tx_database &db, size_t i, const std::string &why) {
    Endpoint &endpoint = db.endpoints[i];
    try {
        endpoint.one.close();
    } catch (...) {
        // A dead connection may fail to close politely; it is dropped either way.
    }
    endpoint.one = Xapian::Database();
    endpoint.open = false;
    endpoint.in_use = false;
    endpoint.last_error = why;
}

bool recover_from_network_error(tx_database &db, const Xapian::NetworkError &error, std::vector<int> &reconnects) {
    const std::string context = error.get_context();
    const bool timed_out = std::strcmp(error.get_type(), "NetworkTimeoutError") == 0;  // Xapian errors are not polymorphic
    bool any_remote = false;
    for (size_t i = 0; i < db.endpoints.size(); ++i) {
        Endpoint &endpoint = db.endpoints[i];
        if (!endpoint.in_use || !endpoint.remote()) continue;
        any_remote = true;
        // A failed match leaves the other remote connections it used with replies never read (the
        // match talks to every shard at once): none of them can be trusted, so each is opened
        // again. The one that failed (named by the error's context) is left to the monitor when
        // another replica of its shard is open, else opened again and missing when that fails
        // (refused: ~2 ms). A frozen host (timeout) is not: its greeting would cost another timeout.
        const bool failed = context.empty() || endpoint.context == context;
        const bool frozen = timed_out && endpoint.context == context;
        close_shard(db, i, failed ? error.get_description() : "reset after another shard failed");
        if (frozen || reconnects[i] >= 2) continue;
        if (failed && !ready_endpoints(db, endpoint.shard).empty()) continue;
        ++reconnects[i];
        try {
            connect_shard(db, i);
        } catch (const Xapian::Error &) {
            // Still closed: the shard is missing from this answer unless a replica serves it.
        }
    }
    combine_shards(db);
    return any_remote;
}

void fetch_hit_documents(const tx_database &db, const Xapian::MSet &mset,
                         const std::function<void(size_t, const Xapian::Document &)> &take) {
    // The combined database's sub-databases are the in-use endpoints in shard order; hit docid d
    // is document (d - 1) / n + 1 of sub-database (d - 1) % n.
    std::vector<const Endpoint *> used;
    for (size_t shard = 0; shard < db.shard_count; ++shard)
        for (const Endpoint &endpoint : db.endpoints)
            if (endpoint.shard == shard && endpoint.in_use) used.push_back(&endpoint);
    const size_t n = used.size();
    std::vector<std::vector<std::pair<size_t, Xapian::docid>>> hits(n);  // per sub-database: (rank, local docid)
    size_t rank = 0;
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it, ++rank)
        hits[(*it - 1) % n].emplace_back(rank, (*it - 1) / n + 1);
    const auto fetch = [&](size_t sub) {
        for (const auto &[hit, local] : hits[sub]) take(hit, used[sub]->one.get_document(local));
    };
    // Each remote document is a round trip (Xapian 1.4 has no prefetch): the remote shards' round
    // trips overlap, one thread per remote shard with hits beyond the first (each works on its own
    // shard's Database alone; this thread waits, touching none). Local shards are read here.
    std::vector<std::thread> threads;
    std::vector<std::exception_ptr> failures(n);
    bool kept_one = false;
    for (size_t sub = 0; sub < n; ++sub) {
        if (hits[sub].empty() || !used[sub]->remote()) continue;
        if (!kept_one) {
            kept_one = true;
            continue;
        }
        threads.emplace_back([&, sub] {
            try {
                fetch(sub);
            } catch (...) {
                failures[sub] = std::current_exception();
            }
        });
    }
    try {
        for (size_t sub = 0, remote_seen = 0; sub < n; ++sub) {
            if (hits[sub].empty()) continue;
            if (used[sub]->remote() && remote_seen++ > 0) continue;  // a thread's
            fetch(sub);
        }
    } catch (...) {
        for (std::thread &thread : threads) thread.join();
        throw;
    }
    for (std::thread &thread : threads) thread.join();
    for (const std::exception_ptr &failure : failures)
        if (failure) std::rethrow_exception(failure);
}

}  // namespace cxapian

namespace {

tx_database *make_sharded_handle(const tx_shard_spec *specs, size_t count, size_t shard_count, const char *stem_language,
                                  unsigned connect_timeout_ms, unsigned timeout_ms) {
    std::unique_ptr<tx_database> handle(
        new tx_database{{}, cxapian::make_folding_stem(stem_language), {}, false, Xapian::QueryParser()});
    cxapian::configure_parser(handle->parser, handle->db, handle->remote_shards, handle->stem, handle->field_error);
    handle->connect_timeout_ms = connect_timeout_ms;
    handle->timeout_ms = timeout_ms;
    handle->shard_count = shard_count;
    for (size_t i = 0; i < count; ++i) {
        cxapian::Endpoint endpoint;
        endpoint.shard = specs[i].shard;
        if (specs[i].host) {
            endpoint.host = specs[i].host;
            endpoint.port = specs[i].port;
            endpoint.context = "remote:tcp(" + endpoint.host + ":" + std::to_string(endpoint.port) + ")";
        } else if (specs[i].program) {
            endpoint.program = specs[i].program;
            endpoint.args = specs[i].args ? specs[i].args : "";
            endpoint.context = "remote:prog(" + endpoint.program + " " + endpoint.args + ")";
        } else {
            endpoint.path = specs[i].path;
        }
        handle->endpoints.push_back(std::move(endpoint));
    }
    for (size_t i = 0; i < count; ++i) {
        try {
            cxapian::open_endpoint(*handle, i);
        } catch (const Xapian::NetworkError &) {
            // A remote endpoint that is down: the handle serves the others (replicas, or partial answers).
        } catch (const Xapian::DatabaseOpeningError &) {
            if (!handle->endpoints[i].remote()) throw;  // a local shard that cannot be opened fails as before
        }
    }
    cxapian::choose_generation(*handle);
    cxapian::combine_shards(*handle);
    return handle.release();
}

// Shards numbered 0..N-1, each with an endpoint: N, else 0.
size_t count_shards(const tx_shard_spec *specs, size_t count) {
    std::vector<bool> served;
    for (size_t i = 0; i < count; ++i) {
        if (specs[i].shard >= count) return 0;
        if (specs[i].shard >= served.size()) served.resize(specs[i].shard + 1, false);
        served[specs[i].shard] = true;
    }
    return std::find(served.begin(), served.end(), false) == served.end() ? served.size() : 0;
}

bool in_range(const tx_database *db, size_t index) { return db && index < db->endpoints.size(); }

}  // namespace

extern "C" {

tx_status tx_shards_open(const tx_shard_spec *specs, size_t count, const char *stem_language,
                         unsigned connect_timeout_ms, unsigned timeout_ms, tx_database **out, char **err_msg) {
    if (out) *out = nullptr;
    return guarded(err_msg, [&] {
        if (!specs || count == 0 || !out) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "specs and out are required", err_msg);
        for (size_t i = 0; i < count; ++i)
            if ((specs[i].path ? 1 : 0) + (specs[i].host ? 1 : 0) + (specs[i].program ? 1 : 0) != 1)
                return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "each endpoint needs one of a path, a host or a program", err_msg);
        const size_t shard_count = count_shards(specs, count);
        if (shard_count == 0)
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "shards must be numbered 0..N-1, each with an endpoint", err_msg);
        *out = make_sharded_handle(specs, count, shard_count, stem_language, connect_timeout_ms, timeout_ms);
        return TX_OK;
    });
}

size_t tx_shard_count(const tx_database *db) { return db ? db->shard_count : 0; }

size_t tx_endpoint_count(const tx_database *db) { return db ? db->endpoints.size() : 0; }

int tx_endpoint_is_open(const tx_database *db, size_t index) { return in_range(db, index) && db->endpoints[index].open ? 1 : 0; }

const char *tx_endpoint_error(const tx_database *db, size_t index) {
    return in_range(db, index) ? db->endpoints[index].last_error.c_str() : "";
}

tx_status tx_endpoint_connect(tx_database *db, size_t index, char **err_msg) {
    return guarded(err_msg, [&] {
        if (!in_range(db, index)) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db and an endpoint index in range are required", err_msg);
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

tx_status tx_endpoint_set_wanted(tx_database *db, size_t index, int wanted, char **err_msg) {
    return guarded(err_msg, [&] {
        if (!in_range(db, index)) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db and an endpoint index in range are required", err_msg);
        if (db->endpoints[index].wanted == (wanted != 0)) return TX_OK;
        db->endpoints[index].wanted = wanted != 0;
        // Left out, it is closed too: reopened on every poll tick or kept alive while idle, a
        // connection to a frozen host cost a worker the shard timeout each time (requests waited
        // 2 s for a worker while the shard's other replica answered). It is connected afresh when
        // wanted again, and so serves its latest revision.
        if (!wanted && db->endpoints[index].open) cxapian::close_shard(*db, index, "left out: its host is down");
        cxapian::combine_shards(*db);
        return TX_OK;
    });
}

tx_status tx_endpoint_set_preferred(tx_database *db, size_t index, int preferred, char **err_msg) {
    return guarded(err_msg, [&] {
        if (!in_range(db, index)) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db and an endpoint index in range are required", err_msg);
        if (db->endpoints[index].preferred == (preferred != 0)) return TX_OK;
        db->endpoints[index].preferred = preferred != 0;
        cxapian::combine_shards(*db);
        return TX_OK;
    });
}

tx_status tx_endpoint_keep_alive(tx_database *db, size_t index, char **err_msg) {
    return guarded(err_msg, [&] {
        if (!in_range(db, index)) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db and an endpoint index in range are required", err_msg);
        cxapian::Endpoint &endpoint = db->endpoints[index];
        if (!endpoint.open || !endpoint.remote()) return TX_OK;
        try {
            endpoint.one.keep_alive();
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
        if (!db || index >= db->shard_count || !out || !out_len)
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db, a shard index in range and out are required", err_msg);
        // Each open endpoint of the shard in turn, until one answers.
        std::string why = "shard-" + std::to_string(index) + " is down";
        const std::vector<size_t> ready = cxapian::ready_endpoints(*db, index);
        for (size_t attempt = 0; attempt < ready.size(); ++attempt) {
            const size_t i = ready[(db->turn + attempt) % ready.size()];
            std::string data;
            try {
                if (!cxapian::find_article(db->endpoints[i].one, cxapian::str(id), data))
                    return cxapian::fail(TX_ERR_NOT_FOUND, "no article with id " + cxapian::str(id), err_msg);
            } catch (const Xapian::NetworkError &e) {
                cxapian::close_shard(*db, i, e.get_description());  // a later request or the monitor reconnects it
                cxapian::combine_shards(*db);
                why += ": " + e.get_description();
                continue;
            }
            *out = cxapian::copy_to_malloc(data);
            *out_len = data.size();
            return TX_OK;
        }
        if (ready.empty())
            for (const cxapian::Endpoint &endpoint : db->endpoints)
                if (endpoint.shard == index && !endpoint.last_error.empty()) why += ": " + endpoint.last_error;
        why += "; the article is on that shard: ask again once its host (xapian-tcpsrv) answers";
        return cxapian::fail(TX_ERR_NETWORK, why, err_msg);
    });
}

tx_status tx_endpoints_metadata(tx_database *db, const char *key, char **out, size_t *out_len, char **err_msg) {
    if (out) *out = nullptr;
    if (out_len) *out_len = 0;
    return guarded(err_msg, [&] {
        if (!db || !key || !out || !out_len)
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db, key, out and out_len are required", err_msg);
        std::string result;
        for (size_t shard = 0; shard < db->shard_count; ++shard) {
            const std::vector<size_t> ready = cxapian::ready_endpoints(*db, shard);
            if (ready.empty()) return cxapian::fail(TX_ERR_NETWORK, "shard-" + std::to_string(shard) + " is down", err_msg);
            for (const size_t i : ready) {
                try {
                    cxapian::append_field(result, db->endpoints[i].one.get_metadata(key));
                } catch (const Xapian::NetworkError &e) {
                    cxapian::close_shard(*db, i, e.get_description());
                    cxapian::combine_shards(*db);
                    return cxapian::fail(TX_ERR_NETWORK, e.get_description(), err_msg);
                }
            }
        }
        *out = cxapian::copy_bytes(result);
        *out_len = result.size();
        return TX_OK;
    });
}

size_t tx_results_missing_count(const tx_results *results) { return results ? results->missing_shards.size() : 0; }

uint32_t tx_results_missing_shard(const tx_results *results, size_t index) {
    return results && index < results->missing_shards.size() ? results->missing_shards[index] : 0;
}

}  // extern "C"
