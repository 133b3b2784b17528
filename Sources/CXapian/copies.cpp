// Copies groups: finding an article's candidate copies by its band terms, and recording the
// group an article belongs to. Which candidates are copies, and which group, is Swift's
// (CopySignature, CopyGrouper). The writer's lookup sees its pending changes (incremental runs);
// the database's serves a rebuild's grouping pass, one handle per thread.
#include "internal.h"

#include <algorithm>
#include <map>

using cxapian::guarded;
using cxapian::append_field;
using cxapian::make_term;
using cxapian::str;

namespace {

// The documents found under at least min_shared of the terms, those sharing the most first (then
// the first written), at most limit. Only the first per_term documents of each term are read: a
// band that a template or boilerplate gives to thousands of articles costs no more than a rare
// one, so the work per article is bounded whatever the corpus.
std::vector<Xapian::docid> likeliest_copies(const Xapian::Database &db, const std::vector<std::string> &terms,
                                            uint32_t min_shared, uint32_t per_term, uint32_t limit) {
    std::map<Xapian::docid, uint32_t> shared;
    for (const std::string &term : terms) {
        uint32_t read = 0;
        for (Xapian::PostingIterator it = db.postlist_begin(term); it != db.postlist_end(term) && read < per_term; ++it, ++read)
            ++shared[*it];
    }
    std::vector<std::pair<uint32_t, Xapian::docid>> ranked;
    for (const auto &[docid, count] : shared)
        if (count >= min_shared) ranked.emplace_back(count, docid);
    std::sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<Xapian::docid> out;
    for (size_t i = 0; i < ranked.size() && i < limit; ++i) out.push_back(ranked[i].second);
    return out;
}

tx_status copy_candidates(const Xapian::Database &db, tx_text terms, uint32_t min_shared, uint32_t per_term,
                          uint32_t limit, char **out, size_t *out_len, char **err_msg) {
    if (!out || !out_len) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "out and out_len are required", err_msg);
    std::string result;
    for (const Xapian::docid docid : likeliest_copies(db, cxapian::split_lines(str(terms)), min_shared, per_term, limit)) {
        const Xapian::Document doc = db.get_document(docid);
        append_field(result, doc.get_value(TX_SLOT_FILE));
        append_field(result, doc.get_value(TX_SLOT_COPIES));
        append_field(result, doc.get_value(TX_SLOT_TIMESTAMP));
        append_field(result, doc.get_value(TX_SLOT_COPY_SIGNATURE));
        append_field(result, doc.get_value(TX_SLOT_STORY));
    }
    *out = cxapian::copy_bytes(result);
    *out_len = result.size();
    return TX_OK;
}

}  // namespace

void cxapian::append_field(std::string &out, const std::string &field) {
    out += std::to_string(field.size());
    out += ':';
    out += field;
}

// The term of a group: folded and lower-cased as query text is (prepare_query_text), so that
// `copies:ID` / `story:ID` find it; the slot keeps the id as written.
std::string cxapian::group_term(const char *prefix, const std::string &group) {
    return make_term(prefix, Xapian::Unicode::tolower(cxapian::fold_accents(group)));
}

tx_status cxapian::set_group(Xapian::WritableDatabase &db, const std::string &id, Xapian::valueno slot, const char *prefix,
                             const std::string &group, char **err_msg) {
    const std::string id_term = make_term(TX_PREFIX_ID, id);
    Xapian::PostingIterator posting = db.postlist_begin(id_term);
    if (posting == db.postlist_end(id_term)) return cxapian::fail(TX_ERR_NOT_FOUND, "no article " + id, err_msg);
    const Xapian::docid docid = *posting;
    Xapian::Document doc = db.get_document(docid);
    const std::string previous = doc.get_value(slot);
    if (previous == group) return TX_OK;
    if (!previous.empty()) {
        try {
            doc.remove_term(cxapian::group_term(prefix, previous));
        } catch (const Xapian::InvalidArgumentError &) {
            // An index written before the grouping's terms: the slot without its term.
        }
    }
    if (group.empty()) {
        doc.remove_value(slot);
    } else {
        doc.add_value(slot, group);
        doc.add_boolean_term(cxapian::group_term(prefix, group));
    }
    db.replace_document(docid, doc);
    return TX_OK;
}

std::vector<std::string> cxapian::split_lines(const std::string &lines) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < lines.size()) {
        size_t end = lines.find('\n', start);
        if (end == std::string::npos) end = lines.size();
        if (end > start) out.push_back(lines.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

extern "C" {

tx_status tx_writer_copy_candidates(tx_writer *writer, tx_text terms, uint32_t min_shared, uint32_t per_term,
                                    uint32_t limit, char **out, size_t *out_len, char **err_msg) {
    if (out) *out = nullptr;
    if (out_len) *out_len = 0;
    return guarded(err_msg, [&] {
        if (!writer) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer is required", err_msg);
        return copy_candidates(writer->db, terms, min_shared, per_term, limit, out, out_len, err_msg);
    });
}

tx_status tx_database_copy_candidates(tx_database *db, tx_text terms, uint32_t min_shared, uint32_t per_term,
                                      uint32_t limit, char **out, size_t *out_len, char **err_msg) {
    if (out) *out = nullptr;
    if (out_len) *out_len = 0;
    return guarded(err_msg, [&] {
        if (!db) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db is required", err_msg);
        return copy_candidates(db->db, terms, min_shared, per_term, limit, out, out_len, err_msg);
    });
}

tx_status tx_writer_set_group(tx_writer *writer, int grouping, tx_text id, tx_text group, char **err_msg) {
    return guarded(err_msg, [&] {
        if (!writer || !cxapian::present(id))
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer and id are required", err_msg);
        if (grouping == TX_COLLAPSE_COPIES)
            return cxapian::set_group(writer->db, str(id), TX_SLOT_COPIES, TX_PREFIX_COPIES, str(group), err_msg);
        if (grouping == TX_COLLAPSE_STORY)
            return cxapian::set_group(writer->db, str(id), TX_SLOT_STORY, TX_PREFIX_STORY, str(group), err_msg);
        return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "grouping must be TX_COLLAPSE_COPIES or TX_COLLAPSE_STORY", err_msg);
    });
}

tx_status tx_writer_group_members(tx_writer *writer, int grouping, tx_text group, uint32_t limit, char **out,
                                  size_t *out_len, char **err_msg) {
    if (out) *out = nullptr;
    if (out_len) *out_len = 0;
    return guarded(err_msg, [&] {
        if (!writer || !cxapian::present(group) || !out || !out_len)
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer, group, out and out_len are required", err_msg);
        if (grouping != TX_COLLAPSE_COPIES && grouping != TX_COLLAPSE_STORY)
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "grouping must be TX_COLLAPSE_COPIES or TX_COLLAPSE_STORY", err_msg);
        const std::string term =
            cxapian::group_term(grouping == TX_COLLAPSE_COPIES ? TX_PREFIX_COPIES : TX_PREFIX_STORY, str(group));
        std::string result;
        uint32_t found = 0;
        for (Xapian::PostingIterator it = writer->db.postlist_begin(term); it != writer->db.postlist_end(term) && found < limit;
             ++it, ++found)
            append_field(result, writer->db.get_document(*it).get_value(TX_SLOT_FILE));
        *out = cxapian::copy_bytes(result);
        *out_len = result.size();
        return TX_OK;
    });
}

tx_status tx_writer_article_groups(tx_writer *writer, tx_text id, char **out, size_t *out_len, char **err_msg) {
    if (out) *out = nullptr;
    if (out_len) *out_len = 0;
    return guarded(err_msg, [&] {
        if (!writer || !cxapian::present(id) || !out || !out_len)
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer, id, out and out_len are required", err_msg);
        const std::string id_term = make_term(TX_PREFIX_ID, str(id));
        Xapian::PostingIterator posting = writer->db.postlist_begin(id_term);
        if (posting == writer->db.postlist_end(id_term)) return cxapian::fail(TX_ERR_NOT_FOUND, str(id), err_msg);
        const Xapian::Document doc = writer->db.get_document(*posting);
        std::string result;
        append_field(result, doc.get_value(TX_SLOT_COPIES));
        append_field(result, doc.get_value(TX_SLOT_STORY));
        *out = cxapian::copy_bytes(result);
        *out_len = result.size();
        return TX_OK;
    });
}

}  // extern "C"
