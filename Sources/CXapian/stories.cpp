// Stories: an article's telling terms and the articles of a date window most like them (an
// article's story is recorded by tx_writer_set_group, copies.cpp). Which candidates are the same story, and which story, is
// Swift's (StoryGrouper). The writer's calls see its pending changes (incremental runs); the
// database's serve a rebuild's grouping pass, which looks up many articles at once, one handle per thread.
#include "internal.h"
#include "similar.h"

#include <cstdio>
#include <cstdlib>

using cxapian::append_field;
using cxapian::guarded;
using cxapian::make_term;
using cxapian::str;

namespace {

// "<weight> <term>" lines (the weights as %.6g), the form story_candidates reads back.
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

tx_status story_terms(const Xapian::Database &db, tx_text id, char **out, size_t *out_len, char **err_msg) {
    if (!cxapian::present(id) || !out || !out_len) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "id, out and out_len are required", err_msg);
    const std::string id_term = make_term(TX_PREFIX_ID, str(id));
    Xapian::PostingIterator posting = db.postlist_begin(id_term);
    if (posting == db.postlist_end(id_term)) return cxapian::fail(TX_ERR_NOT_FOUND, "no article " + str(id), err_msg);
    const std::string result = weighted_lines(cxapian::telling_terms(db, *posting, false));
    *out = cxapian::copy_bytes(result);
    *out_len = result.size();
    return TX_OK;
}

// Xapian's coordinate matching, asking for each posting's wdf (which it does not use): without it,
// Xapian 1.4.22 reads a term that every article holds through its all-documents list, which throws
// once an article was deleted (term_query.h). A term held by all cannot be a MatchAll here: MatchAll
// scores nothing, and the term scores its weight.
class CoordWeightReadingWdf : public Xapian::CoordWeight {
  public:
    CoordWeightReadingWdf() { need_stat(WDF); }
    CoordWeightReadingWdf *clone() const override { return new CoordWeightReadingWdf(); }
};

// The articles holding at least min_similarity of the terms' weight, the most first. Each term
// scores its own weight when an article has it (coordinate matching, scaled), so an article's
// score is the weight it shares and the weight cut-off lets Xapian's matcher skip every article
// that cannot reach the threshold: most of an article's window is never looked at.
tx_status story_candidates(const Xapian::Database &db, tx_text weighted_terms, tx_text day_terms, uint32_t limit,
                           double min_similarity, char **out, size_t *out_len, char **err_msg) {
    if (!out || !out_len) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "out and out_len are required", err_msg);
    std::vector<Xapian::Query> terms;
    double total = 0;
    for (const std::string &line : cxapian::split_lines(str(weighted_terms))) {
        const size_t space = line.find(' ');
        if (space == std::string::npos) continue;
        const double weight = std::strtod(line.substr(0, space).c_str(), nullptr);
        if (weight <= 0) continue;
        terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(line.substr(space + 1)), weight);
        total += weight;
    }
    std::vector<Xapian::Query> days;
    for (const std::string &day : cxapian::split_lines(str(day_terms))) days.push_back(cxapian::term_query(db, day, false));
    std::string result;
    if (!terms.empty() && total > 0) {
        Xapian::Enquire enquire(db);
        enquire.set_weighting_scheme(CoordWeightReadingWdf());
        const Xapian::Query alike(Xapian::Query::OP_OR, terms.begin(), terms.end());
        enquire.set_query(days.empty() ? alike
                                       : Xapian::Query(Xapian::Query::OP_FILTER, alike,
                                                       Xapian::Query(Xapian::Query::OP_OR, days.begin(), days.end())));
        // Half a unit of the printed similarity's last digit under the threshold: whatever prints
        // as reaching it is returned, and Swift's comparison of the printed value decides.
        if (min_similarity > 0) enquire.set_cutoff(0, (min_similarity - 0.00005) * total);
        const Xapian::MSet matches = enquire.get_mset(0, limit);
        char similarity[32];
        for (Xapian::MSetIterator it = matches.begin(); it != matches.end(); ++it) {
            std::snprintf(similarity, sizeof similarity, "%.4f", it.get_weight() / total);
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
}

void clear(char **out, size_t *out_len) {
    if (out) *out = nullptr;
    if (out_len) *out_len = 0;
}

}  // namespace

extern "C" {

tx_status tx_writer_story_terms(tx_writer *writer, tx_text id, char **out, size_t *out_len, char **err_msg) {
    clear(out, out_len);
    return guarded(err_msg, [&] {
        if (!writer) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer is required", err_msg);
        return story_terms(writer->db, id, out, out_len, err_msg);
    });
}

tx_status tx_database_story_terms(tx_database *db, tx_text id, char **out, size_t *out_len, char **err_msg) {
    clear(out, out_len);
    return guarded(err_msg, [&] {
        if (!db) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db is required", err_msg);
        return story_terms(db->db, id, out, out_len, err_msg);
    });
}

tx_status tx_writer_story_candidates(tx_writer *writer, tx_text weighted_terms, tx_text day_terms, uint32_t limit,
                                     double min_similarity, char **out, size_t *out_len, char **err_msg) {
    clear(out, out_len);
    return guarded(err_msg, [&] {
        if (!writer) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "writer is required", err_msg);
        return story_candidates(writer->db, weighted_terms, day_terms, limit, min_similarity, out, out_len, err_msg);
    });
}

tx_status tx_database_story_candidates(tx_database *db, tx_text weighted_terms, tx_text day_terms, uint32_t limit,
                                       double min_similarity, char **out, size_t *out_len, char **err_msg) {
    clear(out, out_len);
    return guarded(err_msg, [&] {
        if (!db) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db is required", err_msg);
        return story_candidates(db->db, weighted_terms, day_terms, limit, min_similarity, out, out_len, err_msg);
    });
}

}  // extern "C"
