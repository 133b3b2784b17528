// Trawl's index schema and query configuration, restated against Xapian's C++ API so that the
// reference programs index and search exactly as Trawl does (copied from Sources/CXapian
// writer.cpp, reader.cpp, search.cpp and errors.cpp; docs/SCHEMA.md describes it).
#ifndef BENCH_TRAWL_SCHEMA_H
#define BENCH_TRAWL_SCHEMA_H

#include <xapian.h>

#include <cstdint>
#include <cstdio>
#include <string>

namespace schema {

enum Slot : Xapian::valueno { TIMESTAMP = 0, DATE = 1, SOURCE = 2, YEAR = 3, MONTH = 4, DUPKEY = 5, FILE = 6 };

// Title and body are separated by this many positions, so phrases never span them.
const Xapian::termpos kTitleBodyGap = 100;

// As errors.cpp: long keys keep a prefix plus an FNV-1a hash of the whole key.
inline std::string make_term(const std::string &prefix, const std::string &key) {
    const size_t max_term = 240;
    if (prefix.size() + key.size() <= max_term) return prefix + key;
    uint64_t hash = 14695981039346656037ULL;
    for (unsigned char c : key) hash = (hash ^ c) * 1099511628211ULL;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return prefix + key.substr(0, max_term - prefix.size() - 17) + "#" + hex;
}

// `source:` and `site:` accept any case.
class LowercaseFieldProcessor : public Xapian::FieldProcessor {
    std::string prefix;

  public:
    explicit LowercaseFieldProcessor(std::string p) : prefix(std::move(p)) {}
    Xapian::Query operator()(const std::string &value) override {
        return Xapian::Query(make_term(prefix, Xapian::Unicode::tolower(value)));
    }
};

// `date:2025`, `date:2025-05`, `date:2025-05-15`: Y, M and D terms.
class DateFieldProcessor : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string &value) override {
        std::string digits;
        for (char c : value) {
            if (c >= '0' && c <= '9') digits += c;
            else if (c != '-') throw Xapian::QueryParserError("bad date");
        }
        if (digits.size() == 4) return Xapian::Query("Y" + digits);
        if (digits.size() == 6) return Xapian::Query("M" + digits);
        if (digits.size() == 8) return Xapian::Query("D" + digits);
        throw Xapian::QueryParserError("bad date");
    }
};

// `date:A..B` on the date slot, each end YYYY, YYYY-MM or YYYY-MM-DD or empty.
class DateSlotRangeProcessor : public Xapian::RangeProcessor {
  public:
    DateSlotRangeProcessor() : Xapian::RangeProcessor(DATE, "date:") {}

    Xapian::Query operator()(const std::string &begin, const std::string &end) override {
        const std::string low = day(begin, false), high = day(end, true);
        if (low.empty() && high.empty()) throw Xapian::QueryParserError("empty range");
        if (low.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, DATE, high);
        if (high.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, DATE, low);
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, DATE, low, high);
    }

  private:
    static std::string day(const std::string &text, bool is_end) {
        if (text.empty()) return text;
        std::string digits;
        for (char c : text)
            if (c >= '0' && c <= '9') digits += c;
        if (digits.size() != 4 && digits.size() != 6 && digits.size() != 8) throw Xapian::QueryParserError("bad date");
        const int year = std::stoi(digits.substr(0, 4));
        const int month = digits.size() >= 6 ? std::stoi(digits.substr(4, 2)) : (is_end ? 12 : 1);
        static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        const int last = month == 2 && leap ? 29 : days[month - 1];
        const int d = digits.size() == 8 ? std::stoi(digits.substr(6, 2)) : (is_end ? last : 1);
        char out[9];
        std::snprintf(out, sizeof out, "%04d%02d%02d", year, month, d);
        return out;
    }
};

// The query parser as reader.cpp configures it.
inline void configure_parser(Xapian::QueryParser &qp, const Xapian::Database &db, const Xapian::Stem &stem) {
    qp.set_database(db);
    qp.set_stemmer(stem);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.add_prefix("title", "S");
    qp.add_prefix("by", "A");
    qp.add_boolean_prefix("source", (new LowercaseFieldProcessor("XSOURCE"))->release());
    qp.add_boolean_prefix("site", (new LowercaseFieldProcessor("H"))->release());
    qp.add_boolean_prefix("date", (new DateFieldProcessor())->release());
    qp.add_rangeprocessor((new DateSlotRangeProcessor())->release());
    qp.set_max_expansion(500, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT, Xapian::QueryParser::FLAG_WILDCARD);
}

// The parse flags search.cpp uses (spelling correction on, as trawld's default).
const unsigned kParseFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                             Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS;

}  // namespace schema

#endif
