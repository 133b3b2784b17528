// The query language's field processors and the parser configuration (query_parser.h).
#include "query_parser.h"

#include "trawl_calendar.h"
#include "schema.h"

#include <cstdio>

namespace cxapian {

namespace {

// `source:`, `site:`, `copies:` and `story:` terms are indexed lower-cased (a source's also folded: source_term;
// query text reaches the parser folded, prepare_query_text); accept any case in queries. A host is indexed
// without `www.` (writer.cpp), so `site:www.bbc.com` is `site:bbc.com`.
class LowercaseFieldProcessor : public Xapian::FieldProcessor {
    const Xapian::Database &db;
    const bool &remote_shards;
    std::string prefix;
    bool is_host;

  public:
    LowercaseFieldProcessor(const Xapian::Database &db_, const bool &remote_shards_, std::string prefix_, bool is_host_)
        : db(db_), remote_shards(remote_shards_), prefix(std::move(prefix_)), is_host(is_host_) {}
    Xapian::Query operator()(const std::string &value) override {
        std::string key = Xapian::Unicode::tolower(value);
        if (is_host && key.compare(0, 4, "www.") == 0) key.erase(0, 4);
        return term_query(db, make_term(prefix, key), remote_shards);
    }
};

// A word of a NEAR or ADJ group, also as its possessive: `musk` is `musk OR musk's` there, as it is
// everywhere else through stemming (positional operators match unstemmed words). Query text gets
// the prefix from match_possessives_in_groups (query_text.cpp). OP_OR is the one compound
// subquery Xapian 1.4's NEAR and PHRASE accept.
class PossessiveFieldProcessor : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string &word) override {
        return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(word), Xapian::Query(word + "'s"));
    }
};

// The filter search.cpp puts before a query that hates terms: it matches every document.
class MatchAllFieldProcessor : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string &) override { return match_all(); }
};

// True for digits YYYY, YYYYMM or YYYYMMDD naming a real year, month or day.
bool is_real_date(const std::string &digits) {
    if (digits.size() != 4 && digits.size() != 6 && digits.size() != 8) return false;
    if (digits.size() == 4) return true;
    const int year = std::stoi(digits.substr(0, 4)), month = std::stoi(digits.substr(4, 2));
    if (trawl_days_in_month(year, month) == 0) return false;
    if (digits.size() == 6) return true;
    const int day = std::stoi(digits.substr(6, 2));
    return day >= 1 && day <= trawl_days_in_month(year, month);
}

// `date:2025`, `date:2025-05`, `date:2025-05-15` select a year, a month or a day (Omega's Y, M, D terms).
// A value that is none of these is recorded in `error` (see tx_database::field_error), not thrown.
class DateFieldProcessor : public Xapian::FieldProcessor {
    const Xapian::Database &db;
    const bool &remote_shards;
    std::string &error;

  public:
    DateFieldProcessor(const Xapian::Database &db_, const bool &remote_shards_, std::string &error_)
        : db(db_), remote_shards(remote_shards_), error(error_) {}

    Xapian::Query operator()(const std::string &value) override {
        std::string digits;
        for (char c : value) {
            if (c >= '0' && c <= '9') digits += c;
            else if (c != '-') return reject(value);
        }
        if (!is_real_date(digits)) return reject(value);
        if (digits.size() == 4) return term_query(db, TX_PREFIX_YEAR + digits, remote_shards);
        if (digits.size() == 6) return term_query(db, TX_PREFIX_MONTH + digits, remote_shards);
        if (digits.size() == 8) return term_query(db, TX_PREFIX_DAY + digits, remote_shards);
        return reject(value);
    }

  private:
    Xapian::Query reject(const std::string &value) {
        if (error.empty()) error = "date: expects YYYY, YYYY-MM, YYYY-MM-DD, a relative day (-7d, -2w, -3m, -1y, today, yesterday) "
                                 "or a range A..B, not '" + value + "'";
        return Xapian::Query::MatchNothing;
    }
};

// `date:A..B` on the date slot. Each end is YYYY, YYYY-MM or YYYY-MM-DD (or empty for open; relative
// days are made absolute in Swift before parsing, RelativeDateTerms);
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
        const int d = digits.size() == 8 ? std::stoi(digits.substr(6, 2)) : (is_end ? trawl_days_in_month(year, month) : 1);
        char out[9];
        std::snprintf(out, sizeof out, "%04d%02d%02d", year, month, d);
        return out;
    }

    [[noreturn]] static void invalid(const std::string &text) {
        throw Xapian::QueryParserError("date: '" + text + "' is not a date; use YYYY, YYYY-MM, YYYY-MM-DD or a relative day "
                                       "(-7d, -2w, -3m, -1y, today, yesterday)");
    }
};

}  // namespace

void configure_parser(Xapian::QueryParser &qp, const Xapian::Database &db, const bool &remote_shards,
                      const Xapian::Stem &stem, std::string &field_error) {
    qp.set_database(db);
    qp.set_stemmer(stem);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.add_prefix("title", TX_PREFIX_TITLE);
    qp.add_prefix("by", TX_PREFIX_BYLINE);
    qp.add_boolean_prefix("source", (new LowercaseFieldProcessor(db, remote_shards, TX_PREFIX_SOURCE, false))->release());
    qp.add_boolean_prefix("site", (new LowercaseFieldProcessor(db, remote_shards, TX_PREFIX_SITE, true))->release());
    qp.add_boolean_prefix("copies", (new LowercaseFieldProcessor(db, remote_shards, TX_PREFIX_COPIES, false))->release());
    qp.add_boolean_prefix("story", (new LowercaseFieldProcessor(db, remote_shards, TX_PREFIX_STORY, false))->release());
    qp.add_boolean_prefix("_all", (new MatchAllFieldProcessor())->release());
    qp.add_prefix(kPossessivePrefix, (new PossessiveFieldProcessor())->release());
    qp.add_boolean_prefix("date", (new DateFieldProcessor(db, remote_shards, field_error))->release());
    qp.add_rangeprocessor((new DateSlotRangeProcessor())->release());
    // A wildcard like `a*` must not expand to the whole vocabulary.
    qp.set_max_expansion(500, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT, Xapian::QueryParser::FLAG_WILDCARD);
}

}  // namespace cxapian
