// Copies groups: finding an article's candidate copies by its band terms, and recording the
// group an article belongs to. Which candidates are copies, and which group, is Swift's
// (CopySignature, CopyGrouper).
#include "internal.h"

using cxapian::guarded;
using cxapian::make_term;
using cxapian::str;

namespace {

// The group's term: folded and lower-cased as query text is (prepare_query_text), so that
// `copies:ID` finds it; the slot keeps the id as written.
std::string group_term(const std::string &group) {
    return make_term(TX_PREFIX_COPIES, Xapian::Unicode::tolower(cxapian::fold_accents(group)));
}

void append_field(std::string &out, const std::string &field) {
    out += std::to_string(field.size());
    out += ':';
    out += field;
}

Xapian::Query any_of_lines(const std::string &lines) {
    std::vector<Xapian::Query> terms;
    for (const std::string &term : cxapian::split_lines(lines)) terms.emplace_back(term);
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace

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

tx_status tx_writer_copy_candidates(tx_writer *writer, tx_text terms, uint32_t min_shared, uint32_t limit, char **out,
                                    size_t *out_len, char **err_msg) {
    if (out) *out = nullptr;
    if (out_len) *out_len = 0;
    return guarded(err_msg, [&] {
        if (!writer || !out || !out_len) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer, out and out_len are required", err_msg);
        std::string result;
        const Xapian::Query query = any_of_lines(str(terms));
        if (!query.empty()) {
            Xapian::Enquire enquire(writer->db);
            enquire.set_query(query);
            // Ranked by the number of bands shared: the likeliest copies first.
            enquire.set_weighting_scheme(Xapian::CoordWeight());
            enquire.set_cutoff(0, min_shared - 0.5);
            enquire.set_docid_order(Xapian::Enquire::ASCENDING);
            const Xapian::MSet matches = enquire.get_mset(0, limit);
            for (Xapian::MSetIterator it = matches.begin(); it != matches.end(); ++it) {
                const Xapian::Document doc = it.get_document();
                append_field(result, doc.get_value(TX_SLOT_FILE));
                append_field(result, doc.get_value(TX_SLOT_COPIES));
                append_field(result, doc.get_value(TX_SLOT_TIMESTAMP));
                append_field(result, doc.get_value(TX_SLOT_COPY_SIGNATURE));
            }
        }
        *out = cxapian::copy_bytes(result);
        *out_len = result.size();
        return TX_OK;
    });
}

tx_status tx_writer_set_copies_group(tx_writer *writer, tx_text id, tx_text group, char **err_msg) {
    return guarded(err_msg, [&] {
        if (!writer || !cxapian::present(id) || !cxapian::present(group))
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer, id and group are required", err_msg);
        const std::string id_term = make_term(TX_PREFIX_ID, str(id));
        Xapian::PostingIterator posting = writer->db.postlist_begin(id_term);
        if (posting == writer->db.postlist_end(id_term)) return cxapian::fail(TX_ERR_NOT_FOUND, "no article " + str(id), err_msg);
        const Xapian::docid docid = *posting;
        Xapian::Document doc = writer->db.get_document(docid);
        const std::string previous = doc.get_value(TX_SLOT_COPIES);
        if (previous == str(group)) return TX_OK;
        if (!previous.empty()) {
            try {
                doc.remove_term(group_term(previous));
            } catch (const Xapian::InvalidArgumentError &) {
                // An index written before copies terms: the slot without its term.
            }
        }
        doc.add_value(TX_SLOT_COPIES, str(group));
        doc.add_boolean_term(group_term(str(group)));
        writer->db.replace_document(docid, doc);
        return TX_OK;
    });
}

}  // extern "C"
