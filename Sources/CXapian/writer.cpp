// The writer: one Xapian document per article, following Omega's prefix conventions.
#include "internal.h"

#include <algorithm>
#include <unistd.h>

using cxapian::add_date_terms_and_values;
using cxapian::add_site_terms;
using cxapian::guarded;
using cxapian::kTitleBodyGap;
using cxapian::make_term;
using cxapian::present;
using cxapian::str;

namespace {

// NOTE: the TermGenerator gets the folded text (cxapian::fold_accents), the stored data the text
// as written: snippets show accents, queries match with or without them.
Xapian::Document make_document(tx_writer *writer, const tx_article *a) {
    Xapian::Document doc;
    doc.set_data(str(a->data));
    Xapian::TermGenerator &tg = writer->generator;
    tg.set_document(doc);
    if (present(a->title)) {
        const std::string title = cxapian::fold_accents(str(a->title));
        tg.index_text(title, 1, TX_PREFIX_TITLE);
        tg.increase_termpos(kTitleBodyGap);
        tg.index_text(title);
        tg.increase_termpos(kTitleBodyGap);
    }
    if (present(a->body)) tg.index_text(cxapian::fold_accents(str(a->body)));
    // With positions, so that `by:"Ann Saphir"` and `by:Dubois-Lefèvre` (a phrase to Xapian) match.
    if (present(a->byline)) {
        tg.increase_termpos(kTitleBodyGap);
        tg.index_text(cxapian::fold_accents(str(a->byline)), 1, TX_PREFIX_BYLINE);
    }

    doc.add_boolean_term(make_term(TX_PREFIX_ID, str(a->id)));
    if (present(a->path)) doc.add_boolean_term(make_term(TX_PREFIX_PATH, str(a->path)));
    if (present(a->source)) {
        doc.add_boolean_term(cxapian::source_term(str(a->source)));
        doc.add_value(TX_SLOT_SOURCE, str(a->source));
    }
    if (present(a->site)) add_site_terms(doc, Xapian::Unicode::tolower(str(a->site)));
    if (present(a->url)) doc.add_boolean_term(make_term(TX_PREFIX_URL, str(a->url)));
    if (present(a->timestamp)) add_date_terms_and_values(doc, str(a->timestamp), present(a->day) ? str(a->day) : "");
    cxapian::add_sort_value(doc, str(a->timestamp));
    if (present(a->copy_signature)) doc.add_value(TX_SLOT_COPY_SIGNATURE, str(a->copy_signature));
    for (const std::string &band : cxapian::split_lines(str(a->copy_bands))) doc.add_boolean_term(band);
    if (present(a->file_key)) doc.add_value(TX_SLOT_FILE, str(a->file_key));
    cxapian::add_seq(doc, a->seq);
    return doc;
}

// A word with a digit never goes into the spelling data. Numbered words (codes, ids,
// "marker000123x") share long prefixes and trigrams, so the spelling table's word lists for
// them compress very well; Xapian 1.4.22 (still so upstream) then fails to read some of those
// lists back: CompressionStream::decompress_chunk stops when its input is used up even though
// inflate still holds output for a full 8 KB buffer, and the table reports "Too few chunks of
// compressed data" (docs/SCHEMA.md). Nobody needs a code offered as a correction.
bool is_spelling_word(const std::string &word) {
    return std::none_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// What TermGenerator's FLAG_SPELLING adds (every unprefixed word, once per occurrence: its
// wdf), less the words is_spelling_word keeps out.
void add_spelling_words(Xapian::WritableDatabase &spelling, const Xapian::Document &doc) {
    for (Xapian::TermIterator it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        const std::string &term = *it;
        const bool prefixed = term[0] >= 'A' && term[0] <= 'Z';
        if (!prefixed && is_spelling_word(term)) spelling.add_spelling(term, it.get_wdf());
    }
}

// The article's document, its words added to the spelling data.
Xapian::Document make_indexed_document(tx_writer *writer, const tx_article *a) {
    Xapian::Document doc = make_document(writer, a);
    add_spelling_words(writer->spelling, doc);
    return doc;
}

// Drops what a writer holds uncommitted, writing nothing. Xapian 1.4 commits on close() and in a
// writer's destructor, and a commit that cannot write (a full disk, a file size limit) may throw
// from inside Glass's destructors, which ends the process (std::terminate), not the call: found
// by running a rebuild under many file size limits. It has no call to discard outside a
// transaction, so an empty unflushed one is begun and cancelled: the cancel drops everything pending.
void discard_pending(Xapian::WritableDatabase &db) noexcept {
    try {
        db.begin_transaction(false);
        db.cancel_transaction();
    } catch (...) {
        // A database that failed to roll back a commit is closed already: nothing is pending.
    }
}

}  // namespace

extern "C" {

tx_status tx_writer_open(const char *path, const char *stem_language, tx_writer **out, char **err_msg) {
    if (out) *out = nullptr;
    return guarded(err_msg, [&] {
        if (!path || !out) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "path and out are required", err_msg);
        std::unique_ptr<tx_writer> writer(new tx_writer{
            Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN), Xapian::TermGenerator(),
            cxapian::make_stem(stem_language), Xapian::WritableDatabase()});
        writer->spelling = writer->db;
        writer->generator.set_stemmer(writer->stem);
        writer->generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
        *out = writer.release();
        return TX_OK;
    });
}

void tx_writer_close(tx_writer *writer) {
    if (!writer) return;
    discard_pending(writer->db);
    try {
        writer->db.close();  // commits, but nothing is pending now: it writes nothing
    } catch (...) {
        // A failure here leaves nothing to report to.
    }
    delete writer;
}

tx_status tx_writer_set_spelling_target(tx_writer *writer, tx_writer *target, char **err_msg) {
    return guarded(err_msg, [&] {
        if (!writer || !target) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer and target are required", err_msg);
        writer->spelling = target->db;
        return TX_OK;
    });
}

tx_status tx_writer_put(tx_writer *writer, const tx_article *article, char **err_msg) {
    return guarded(err_msg, [&] {
        if (!writer || !article || !present(article->id))
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer, article and article id are required", err_msg);
        Xapian::Document doc = make_indexed_document(writer, article);
        writer->db.replace_document(make_term(TX_PREFIX_ID, str(article->id)), doc);
        return TX_OK;
    });
}

tx_status tx_writer_add(tx_writer *writer, const tx_article *article, char **err_msg) {
    return guarded(err_msg, [&] {
        if (!writer || !article || !present(article->id))
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer, article and article id are required", err_msg);
        writer->db.add_document(make_indexed_document(writer, article));
        return TX_OK;
    });
}

tx_status tx_writer_delete(tx_writer *writer, const char *prefix, tx_text key, int *deleted, char **err_msg) {
    if (deleted) *deleted = 0;
    return guarded(err_msg, [&] {
        if (!writer || !prefix) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer and prefix are required", err_msg);
        const std::string term = make_term(prefix, str(key));
        const Xapian::doccount existed = writer->db.get_termfreq(term);
        if (existed > 0) writer->db.delete_document(term);
        if (deleted) *deleted = static_cast<int>(existed);
        return TX_OK;
    });
}

tx_status tx_writer_set_seq(tx_writer *writer, tx_text id, uint64_t seq, char **err_msg) {
    return guarded(err_msg, [&] {
        if (!writer || !present(id) || seq == 0)
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer, id and a change number are required", err_msg);
        const std::string id_term = make_term(TX_PREFIX_ID, str(id));
        Xapian::PostingIterator posting = writer->db.postlist_begin(id_term);
        if (posting == writer->db.postlist_end(id_term)) return cxapian::fail(TX_ERR_NOT_FOUND, "no article " + str(id), err_msg);
        const Xapian::docid docid = *posting;
        Xapian::Document doc = writer->db.get_document(docid);
        const uint64_t previous = cxapian::read_seq(doc);
        if (previous == seq) return TX_OK;
        if (previous != 0) {
            try {
                doc.remove_term(cxapian::seq_bucket_term(previous));
            } catch (const Xapian::InvalidArgumentError &) {
                // The slot without its bucket term: nothing to remove.
            }
        }
        cxapian::add_seq(doc, seq);
        writer->db.replace_document(docid, doc);
        return TX_OK;
    });
}

tx_status tx_writer_add_synonym(tx_writer *writer, tx_text term, tx_text synonym, char **err_msg) {
    return guarded(err_msg, [&] {
        if (!writer || !present(term) || !present(synonym))
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer, term and synonym are required", err_msg);
        // Folded as the indexed text and the queries are.
        const std::string key = cxapian::fold_accents(str(term)), value = cxapian::fold_accents(str(synonym));
        writer->db.add_synonym(key, value);
        // The query parser looks up stemmed words by their Z-prefixed stem (STEM_SOME).
        if (!writer->stem.is_none() && key.find(' ') == std::string::npos)
            writer->db.add_synonym("Z" + writer->stem(key), value);
        return TX_OK;
    });
}

tx_status tx_writer_set_metadata(tx_writer *writer, const char *key, tx_text value, char **err_msg) {
    return guarded(err_msg, [&] {
        if (!writer || !key) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer and key are required", err_msg);
        writer->db.set_metadata(key, str(value));
        return TX_OK;
    });
}

tx_status tx_writer_get_metadata(tx_writer *writer, const char *key, char **out, size_t *out_len, char **err_msg) {
    if (out) *out = nullptr;
    if (out_len) *out_len = 0;
    return guarded(err_msg, [&] {
        if (!writer || !key || !out || !out_len)
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer, key and out are required", err_msg);
        cxapian::copy_metadata(writer->db, key, out, out_len);
        return TX_OK;
    });
}

tx_status tx_writer_commit(tx_writer *writer, char **err_msg) {
    return guarded(err_msg, [&] {
        if (!writer) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer is required", err_msg);
        try {
            writer->db.commit();
        } catch (...) {
            // What failed to commit must not reach a later commit, nor the one close() makes.
            discard_pending(writer->db);
            throw;
        }
        return TX_OK;
    });
}

tx_status tx_writer_doccount(tx_writer *writer, uint32_t *out, char **err_msg) {
    if (out) *out = 0;
    return guarded(err_msg, [&] {
        if (!writer || !out) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer and out are required", err_msg);
        *out = writer->db.get_doccount();
        return TX_OK;
    });
}

tx_status tx_compact(const char *const *sources, size_t count, const char *destination, char **err_msg) {
    return guarded(err_msg, [&] {
        if (!sources || count == 0 || !destination)
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "sources and destination are required", err_msg);
        Xapian::Database combined;
        for (size_t i = 0; i < count; ++i) {
            if (!sources[i]) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "a source path is NULL", err_msg);
            combined.add_database(Xapian::Database(sources[i]));
        }
        combined.compact(destination, Xapian::DBCOMPACT_MULTIPASS);
        return TX_OK;
    });
}

tx_status tx_check_spelling(const char *path, char **err_msg) {
    return guarded(err_msg, [&] {
        if (!path) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "path is required", err_msg);
        // Xapian creates the table with the first spelling word.
        const std::string table = std::string(path) + "/spelling.glass";
        if (access(table.c_str(), F_OK) != 0) return TX_OK;
        // A damaged entry throws DatabaseCorruptError (guarded classifies it); the count covers the rest.
        if (Xapian::Database::check(table) != 0)
            return cxapian::fail(TX_ERR_DATABASE_CORRUPT, "the spelling table of " + table + " fails Xapian's check", err_msg);
        return TX_OK;
    });
}

}  // extern "C"
