// Read-only access: open (directory or stub file), reopen, metadata, get by id, value streams.
#include "internal.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

using cxapian::guarded;
using cxapian::make_term;
using cxapian::str;

namespace {

char *copy_bytes(const std::string &s) {
    char *copy = static_cast<char *>(std::malloc(s.size() + 1));
    if (!copy) throw std::bad_alloc();
    std::memcpy(copy, s.data(), s.size());
    copy[s.size()] = '\0';
    return copy;
}

// `source:` and `site:` terms are indexed lower-cased; accept any case in queries. A host is
// indexed without `www.` (writer.cpp), so `site:www.bbc.com` is `site:bbc.com`.
class LowercaseFieldProcessor : public Xapian::FieldProcessor {
    std::string prefix;
    bool is_host;

  public:
    LowercaseFieldProcessor(std::string prefix_, bool is_host_) : prefix(std::move(prefix_)), is_host(is_host_) {}
    Xapian::Query operator()(const std::string &value) override {
        std::string key = Xapian::Unicode::tolower(value);
        if (is_host && key.compare(0, 4, "www.") == 0) key.erase(0, 4);
        return Xapian::Query(make_term(prefix, key));
    }
};

// The filter search.cpp puts before a query that hates terms: it matches every document.
class MatchAllFieldProcessor : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string &) override { return Xapian::Query::MatchAll; }
};

int days_in(int month, int year) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

// True for digits YYYY, YYYYMM or YYYYMMDD naming a real year, month or day.
bool is_real_date(const std::string &digits) {
    if (digits.size() != 4 && digits.size() != 6 && digits.size() != 8) return false;
    if (digits.size() == 4) return true;
    const int year = std::stoi(digits.substr(0, 4)), month = std::stoi(digits.substr(4, 2));
    if (month < 1 || month > 12) return false;
    if (digits.size() == 6) return true;
    const int day = std::stoi(digits.substr(6, 2));
    return day >= 1 && day <= days_in(month, year);
}

// `date:2025`, `date:2025-05`, `date:2025-05-15` select a year, a month or a day (Omega's Y, M, D terms).
// A value that is none of these is recorded in `error` (see tx_database::field_error), not thrown.
class DateFieldProcessor : public Xapian::FieldProcessor {
    std::string &error;

  public:
    explicit DateFieldProcessor(std::string &error_) : error(error_) {}

    Xapian::Query operator()(const std::string &value) override {
        std::string digits;
        for (char c : value) {
            if (c >= '0' && c <= '9') digits += c;
            else if (c != '-') return reject(value);
        }
        if (!is_real_date(digits)) return reject(value);
        if (digits.size() == 4) return Xapian::Query("Y" + digits);
        if (digits.size() == 6) return Xapian::Query("M" + digits);
        if (digits.size() == 8) return Xapian::Query("D" + digits);
        return reject(value);
    }

  private:
    Xapian::Query reject(const std::string &value) {
        if (error.empty()) error = "date: expects YYYY, YYYY-MM, YYYY-MM-DD or a range A..B, not '" + value + "'";
        return Xapian::Query::MatchNothing;
    }
};

// `date:A..B` on the date slot. Each end is YYYY, YYYY-MM or YYYY-MM-DD (or empty for open);
// an impossible date is a query error rather than a silently empty result.
class DateSlotRangeProcessor : public Xapian::RangeProcessor {
  public:
    DateSlotRangeProcessor() : Xapian::RangeProcessor(TX_SLOT_DATE, "date:") {}

    Xapian::Query operator()(const std::string &begin, const std::string &end) override {
        const std::string low = day(begin, false), high = day(end, true);
        if (low.empty() && high.empty()) throw Xapian::QueryParserError("date: a range needs at least one end, like date:2025-05-01..");
        if (low.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, TX_SLOT_DATE, high);
        if (high.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, TX_SLOT_DATE, low);
        if (low > high)
            throw Xapian::QueryParserError("date: the range " + begin + ".." + end +
                                           " ends before it starts; put the earlier date first");
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, TX_SLOT_DATE, low, high);
    }

  private:
    static std::string day(const std::string &text, bool is_end) {
        if (text.empty()) return text;
        std::string digits;
        for (char c : text) {
            if (c >= '0' && c <= '9') digits += c;
            else if (c != '-') invalid(text);
        }
        if (!is_real_date(digits)) invalid(text);
        const int year = std::stoi(digits.substr(0, 4));
        const int month = digits.size() >= 6 ? std::stoi(digits.substr(4, 2)) : (is_end ? 12 : 1);
        const int d = digits.size() == 8 ? std::stoi(digits.substr(6, 2)) : (is_end ? days_in(month, year) : 1);
        char out[9];
        std::snprintf(out, sizeof out, "%04d%02d%02d", year, month, d);
        return out;
    }

    [[noreturn]] static void invalid(const std::string &text) {
        throw Xapian::QueryParserError("date: '" + text + "' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD");
    }
};

void configure_parser(tx_database &handle) {
    Xapian::QueryParser &qp = handle.parser;
    qp.set_database(handle.db);
    qp.set_stemmer(handle.stem);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.add_prefix("title", "S");
    qp.add_prefix("by", "A");
    qp.add_boolean_prefix("source", (new LowercaseFieldProcessor("XSOURCE", false))->release());
    qp.add_boolean_prefix("site", (new LowercaseFieldProcessor("H", true))->release());
    qp.add_boolean_prefix("_all", (new MatchAllFieldProcessor())->release());
    qp.add_boolean_prefix("date", (new DateFieldProcessor(handle.field_error))->release());
    qp.add_rangeprocessor((new DateSlotRangeProcessor())->release());
    // A wildcard like `a*` must not expand to the whole vocabulary.
    qp.set_max_expansion(500, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT, Xapian::QueryParser::FLAG_WILDCARD);
}

}  // namespace

extern "C" {

tx_status tx_database_open(const char *path, const char *stem_language, tx_database **out, char **err_msg) {
    if (out) *out = nullptr;
    return guarded(err_msg, [&] {
        if (!path || !out) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "path and out are required", err_msg);
        std::unique_ptr<tx_database> handle(
            new tx_database{Xapian::Database(path), cxapian::make_folding_stem(stem_language), {}, Xapian::QueryParser()});
        configure_parser(*handle);
        *out = handle.release();
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
        const bool moved = db->db.reopen();
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
        const std::string value = db->db.get_metadata(key);
        *out = copy_bytes(value);
        *out_len = value.size();
        return TX_OK;
    });
}

tx_status tx_database_get(tx_database *db, tx_text id, char **out, size_t *out_len, char **err_msg) {
    if (out) *out = nullptr;
    if (out_len) *out_len = 0;
    return guarded(err_msg, [&] {
        if (!db || !out || !out_len) return cxapian::fail(TX_ERR_INVALID_ARGUMENT, "db and out are required", err_msg);
        const std::string term = make_term("Q", str(id));
        Xapian::PostingIterator it = db->db.postlist_begin(term);
        if (it == db->db.postlist_end(term)) return cxapian::fail(TX_ERR_NOT_FOUND, "no article with id " + str(id), err_msg);
        const std::string data = db->db.get_document(*it).get_data();
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

}  // extern "C"
