// Read-only access: open (directory or stub file), reopen, metadata, get by id, value streams.
#include "internal.h"

#include <cstdlib>
#include <cstring>

using cxapian::guarded;
using cxapian::make_term;
using cxapian::str;

using cxapian::copy_bytes;

char *cxapian::copy_bytes(const std::string &s) {
    char *copy = static_cast<char *>(std::malloc(s.size() + 1));
    if (!copy) throw std::bad_alloc();
    std::memcpy(copy, s.data(), s.size());
    copy[s.size()] = '\0';
    return copy;
}

namespace {

tx_database *make_handle(const Xapian::Database &db, const char *stem_language) {
    std::unique_ptr<tx_database> handle(
        new tx_database{db, cxapian::make_folding_stem(stem_language), {}, false, Xapian::QueryParser()});
    cxapian::configure_parser(handle->parser, handle->db, handle->remote_shards, handle->stem, handle->field_error);
    return handle.release();
}

}  // namespace

namespace cxapian {

bool find_article(const Xapian::Database &db, const std::string &id, std::string &data) {
    const std::string term = make_term(TX_PREFIX_ID, id);
    Xapian::PostingIterator it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) return false;
    data = db.get_document(*it).get_data();
    return true;
}

char *copy_to_malloc(const std::string &s) { return copy_bytes(s); }

void copy_metadata(const Xapian::Database &db, const char *key, char **out, size_t *out_len) {
    const std::string value = db.get_metadata(key);
    *out = copy_bytes(value);
    *out_len = value.size();
}

}  // namespace cxapian

namespace {

// Each open endpoint on its own: a remote one whose connection broke is closed (a later request
// or the monitor connects it again) rather than failing the reopen of the others.
bool reopen_shards(tx_database &db) {
    bool moved = false;
    for (size_t i = 0; i < db.endpoints.size(); ++i) {
        if (!db.endpoints[i].open) continue;
        try {
            moved = db.endpoints[i].one.reopen() || moved;
        } catch (const Xapian::NetworkError &e) {
            cxapian::close_shard(db, i, e.get_description());
            moved = true;
        }
    }
    if (moved) cxapian::combine_shards(db);
    return moved;
}

}  // namespace

extern "C" {

tx_status tx_database_open(const char *path, const char *stem_language, tx_database **out, char **err_msg) {
    if (out) *out = nullptr;
    return guarded(err_msg, [&] {
        if (!path || !out) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "path and out are required", err_msg);
        *out = make_handle(Xapian::Database(path), stem_language);
        return TX_OK;
    });
}

tx_status tx_database_open_shards(const char *const *paths, size_t count, const char *stem_language, tx_database **out,
                                  char **err_msg) {
    if (out) *out = nullptr;
    return guarded(err_msg, [&] {
        if (!paths || count == 0 || !out) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "paths and out are required", err_msg);
        Xapian::Database combined;
        for (size_t i = 0; i < count; ++i) {
            if (!paths[i]) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "a shard path is NULL", err_msg);
            combined.add_database(Xapian::Database(paths[i]));
        }
        *out = make_handle(combined, stem_language);
        return TX_OK;
    });
}

tx_status tx_database_add_lexicon(tx_database *db, const char *path, char **err_msg) {
    return guarded(err_msg, [&] {
        if (!db || !path) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db and path are required", err_msg);
        db->lexicon = Xapian::Database(path);
        db->has_lexicon = true;
        cxapian::set_parser_database(*db);
        return TX_OK;
    });
}

tx_status tx_database_spellings(tx_database *db, char **out, size_t *out_len, char **err_msg) {
    if (out) *out = nullptr;
    if (out_len) *out_len = 0;
    return guarded(err_msg, [&] {
        if (!db || !out || !out_len) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db and out are required", err_msg);
        std::string lines;
        for (Xapian::TermIterator it = db->db.spellings_begin(); it != db->db.spellings_end(); ++it)
            lines += *it + "\t" + std::to_string(it.get_termfreq()) + "\n";
        *out = copy_bytes(lines);
        *out_len = lines.size();
        return TX_OK;
    });
}

void tx_database_close(tx_database *db) {
    if (!db) return;
    try {
        db->db.close();
    } catch (...) {
        // Nothing useful to report: the handle is going away either way.
    }
    delete db;
}

tx_status tx_database_reopen(tx_database *db, int *changed, char **err_msg) {
    if (changed) *changed = 0;
    return guarded(err_msg, [&] {
        if (!db) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db is required", err_msg);
        const bool moved = db->endpoints.empty() ? db->db.reopen() : reopen_shards(*db);
        db->lexicon.reopen();  // the parser's database shares it (no lexicon: does nothing)
        if (changed) *changed = moved ? 1 : 0;
        return TX_OK;
    });
}

tx_status tx_database_doccount(tx_database *db, uint32_t *out, char **err_msg) {
    if (out) *out = 0;
    return guarded(err_msg, [&] {
        if (!db || !out) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db and out are required", err_msg);
        *out = db->db.get_doccount();
        return TX_OK;
    });
}

tx_status tx_database_get_metadata(tx_database *db, const char *key, char **out, size_t *out_len, char **err_msg) {
    if (out) *out = nullptr;
    if (out_len) *out_len = 0;
    return guarded(err_msg, [&] {
        if (!db || !key || !out || !out_len)
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db, key and out are required", err_msg);
        cxapian::copy_metadata(db->db, key, out, out_len);
        return TX_OK;
    });
}

tx_status tx_database_get(tx_database *db, tx_text id, char **out, size_t *out_len, char **err_msg) {
    if (out) *out = nullptr;
    if (out_len) *out_len = 0;
    return guarded(err_msg, [&] {
        if (!db || !out || !out_len) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db and out are required", err_msg);
        std::string data;
        if (!cxapian::find_article(db->db, str(id), data))
            return cxapian::fail(TX_ERR_NOT_FOUND, "no article with id " + str(id), err_msg);
        *out = copy_bytes(data);
        *out_len = data.size();
        return TX_OK;
    });
}

tx_status tx_database_term_frequency(tx_database *db, const char *prefix, tx_text key, uint32_t *out, char **err_msg) {
    if (out) *out = 0;
    return guarded(err_msg, [&] {
        if (!db || !prefix || !out) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db, prefix and out are required", err_msg);
        *out = db->db.get_termfreq(make_term(prefix, str(key)));
        return TX_OK;
    });
}

tx_status tx_database_changed_keys(tx_database *db, uint64_t after, uint64_t through, char **out, size_t *out_len,
                                   char **err_msg) {
    if (out) *out = nullptr;
    if (out_len) *out_len = 0;
    return guarded(err_msg, [&] {
        if (!db || !out || !out_len) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db, out and out_len are required", err_msg);
        Xapian::Enquire enquire(db->db);
        enquire.set_query(cxapian::seq_range(db->db, after, through, db->remote_shards));
        // (Not BoolWeight: Xapian 1.4.22 then throws DatabaseCorruptError, "Unexpected end of posting
        // list", reading a posting list to its end once any document was deleted. The default
        // weighting reads the same lists correctly; docs/measurements/subscription-matching.md.)
        enquire.set_docid_order(Xapian::Enquire::ASCENDING);
        const Xapian::MSet matches = enquire.get_mset(0, db->db.get_doccount());
        std::string listed;
        for (Xapian::MSetIterator it = matches.begin(); it != matches.end(); ++it) {
            const Xapian::Document doc = it.get_document();
            cxapian::append_field(listed, doc.get_value(TX_SLOT_FILE));
            cxapian::append_field(listed, std::to_string(cxapian::read_seq(doc)));
        }
        *out = copy_bytes(listed);
        *out_len = listed.size();
        return TX_OK;
    });
}

tx_status tx_value_stream_open(tx_database *db, unsigned slot, tx_value_stream **out, char **err_msg) {
    if (out) *out = nullptr;
    return guarded(err_msg, [&] {
        if (!db || !out) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db and out are required", err_msg);
        std::unique_ptr<tx_value_stream> stream(new tx_value_stream{db->db, {}, {}, {}});
        stream->it = stream->db.valuestream_begin(slot);
        stream->end = stream->db.valuestream_end(slot);
        *out = stream.release();
        return TX_OK;
    });
}

tx_status tx_value_stream_next(tx_value_stream *stream, uint32_t *docid, const char **value, size_t *value_len,
                               int *has_value, char **err_msg) {
    if (has_value) *has_value = 0;
    return guarded(err_msg, [&] {
        if (!stream || !docid || !value || !value_len || !has_value)
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "all arguments are required", err_msg);
        if (stream->it == stream->end) return TX_OK;
        stream->current = *stream->it;
        *docid = stream->it.get_docid();
        ++stream->it;
        *value = stream->current.data();
        *value_len = stream->current.size();
        *has_value = 1;
        return TX_OK;
    });
}

void tx_value_stream_close(tx_value_stream *stream) { delete stream; }

tx_status tx_metadata_stream_open(tx_database *db, const char *prefix, tx_metadata_stream **out, char **err_msg) {
    if (out) *out = nullptr;
    return guarded(err_msg, [&] {
        if (!db || !prefix || !out)
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db, prefix and out are required", err_msg);
        std::unique_ptr<tx_metadata_stream> stream(new tx_metadata_stream{db->db, {}, {}, {}, {}});
        stream->it = stream->db.metadata_keys_begin(prefix);
        stream->end = stream->db.metadata_keys_end(prefix);
        *out = stream.release();
        return TX_OK;
    });
}

tx_status tx_metadata_stream_next(tx_metadata_stream *stream, const char **key, size_t *key_len, const char **value,
                                  size_t *value_len, int *has_entry, char **err_msg) {
    if (has_entry) *has_entry = 0;
    return guarded(err_msg, [&] {
        if (!stream || !key || !key_len || !value || !value_len || !has_entry)
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "all arguments are required", err_msg);
        if (stream->it == stream->end) return TX_OK;
        stream->key = *stream->it;
        ++stream->it;
        stream->value = stream->db.get_metadata(stream->key);
        *key = stream->key.data();
        *key_len = stream->key.size();
        *value = stream->value.data();
        *value_len = stream->value.size();
        *has_entry = 1;
        return TX_OK;
    });
}

void tx_metadata_stream_close(tx_metadata_stream *stream) { delete stream; }

uint64_t tx_seq_from_value(const char *value, size_t value_len) {
    if (!value || value_len == 0) return 0;
    try {
        return static_cast<uint64_t>(Xapian::sortable_unserialise(std::string(value, value_len)));
    } catch (...) {
        return 0;  // unserialising reads bytes only; nothing to report if it throws
    }
}

}  // extern "C"
