// Stories: an article's telling terms and the articles of a date window most like them (an
// article's story is recorded by tx_writer_set_group, copies.cpp). Which candidates are the same story, and which story, is
// Swift's (StoryGrouper).
#include "internal.h"
#include "similar.h"

#include <cstdio>
#include <cstdlib>
#include <map>

using cxapian::append_field;
using cxapian::guarded;
using cxapian::make_term;
using cxapian::str;

namespace {

// "<weight> <term>" lines (the weights as %.6g), the form tx_writer_story_candidates reads back.
std::string weighted_lines(const Xapian::ESet &terms) {
    std::string out;
    char weight[32];
    for (Xapian::ESetIterator it = terms.begin(); it != terms.end(); ++it) {
        std::snprintf(weight, sizeof weight, "%.6g", it.get_weight());
        out += weight;
        out += ' ';
        out += *it;
        out += '\n';
    }
    return out;
}

}  // namespace

extern "C" {

tx_status tx_writer_story_terms(tx_writer *writer, tx_text id, char **out, size_t *out_len, char **err_msg) {
    if (out) *out = nullptr;
    if (out_len) *out_len = 0;
    return guarded(err_msg, [&] {
        if (!writer || !cxapian::present(id) || !out || !out_len)
            return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer, id, out and out_len are required", err_msg);
        const std::string id_term = make_term(TX_PREFIX_ID, str(id));
        Xapian::PostingIterator posting = writer->db.postlist_begin(id_term);
        if (posting == writer->db.postlist_end(id_term)) return cxapian::fail(TX_ERR_NOT_FOUND, "no article " + str(id), err_msg);
        const std::string result = weighted_lines(cxapian::telling_terms(writer->db, *posting, false));
        *out = cxapian::copy_bytes(result);
        *out_len = result.size();
        return TX_OK;
    });
}

tx_status tx_writer_story_candidates(tx_writer *writer, tx_text weighted_terms, tx_text day_terms, uint32_t limit,
                                     char **out, size_t *out_len, char **err_msg) {
    if (out) *out = nullptr;
    if (out_len) *out_len = 0;
    return guarded(err_msg, [&] {
        if (!writer || !out || !out_len) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer, out and out_len are required", err_msg);
        std::vector<std::string> terms;
        std::map<std::string, double> weights;
        double total = 0;
        for (const std::string &line : cxapian::split_lines(str(weighted_terms))) {
            const size_t space = line.find(' ');
            if (space == std::string::npos) continue;
            const double weight = std::strtod(line.substr(0, space).c_str(), nullptr);
            terms.push_back(line.substr(space + 1));
            weights[terms.back()] = weight;
            total += weight;
        }
        const std::vector<std::string> days = cxapian::split_lines(str(day_terms));
        std::string result;
        if (!terms.empty() && total > 0) {
            Xapian::Enquire enquire(writer->db);
            const Xapian::Query alike(Xapian::Query::OP_OR, terms.begin(), terms.end());
            enquire.set_query(days.empty() ? alike
                                           : Xapian::Query(Xapian::Query::OP_FILTER, alike,
                                                           Xapian::Query(Xapian::Query::OP_OR, days.begin(), days.end())));
            const Xapian::MSet matches = enquire.get_mset(0, limit);
            char similarity[32];
            for (Xapian::MSetIterator it = matches.begin(); it != matches.end(); ++it) {
                // The share of the article's telling-term weight that the candidate has.
                double shared = 0;
                for (Xapian::TermIterator t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it); ++t)
                    shared += weights[*t];
                std::snprintf(similarity, sizeof similarity, "%.4f", shared / total);
                const Xapian::Document doc = it.get_document();
                append_field(result, doc.get_value(TX_SLOT_FILE));
                append_field(result, doc.get_value(TX_SLOT_STORY));
                append_field(result, doc.get_value(TX_SLOT_TIMESTAMP));
                append_field(result, similarity);
            }
        }
        *out = cxapian::copy_bytes(result);
        *out_len = result.size();
        return TX_OK;
    });
}

}  // extern "C"
