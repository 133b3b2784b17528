// Trawl's index schema on the C++ side (docs/SCHEMA.md), beyond the slots and prefixes of
// cxapian.h: the title/body gap, how a key becomes a term, the date and site terms. Header-only
// on purpose: the benchmark's reference indexer (Benchmarks/cpp) includes it, so that it indexes
// with these very definitions.
#ifndef CXAPIAN_SCHEMA_H
#define CXAPIAN_SCHEMA_H

#include "cxapian.h"

#include <xapian.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "term_query.h"

namespace cxapian {

// Title words are also indexed unprefixed, between gaps of this many positions, so that a phrase
// never runs from the title into the body (nor from the body into the byline).
inline constexpr Xapian::termpos kTitleBodyGap = 100;

// FNV-1a, 64 bit: Trawl's one stable hash (exported to Swift as tx_fnv1a).
inline uint64_t fnv1a(const char *bytes, size_t length, uint64_t hash = TX_FNV1A_OFFSET) {
    for (size_t i = 0; i < length; ++i) hash = (hash ^ static_cast<unsigned char>(bytes[i])) * TX_FNV1A_PRIME;
    return hash;
}

// Xapian terms are limited to about 245 bytes: a long key keeps its start plus `#` and the
// FNV-1a hash of the whole key.
inline std::string make_term(const std::string &term_prefix, const std::string &key) {
    const size_t max_term = 240;
    if (term_prefix.size() + key.size() <= max_term) return term_prefix + key;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a(key.data(), key.size())));
    return term_prefix + key.substr(0, max_term - term_prefix.size() - 17) + "#" + hex;
}

// Sorting uses the instant (UTC); filters and facets the day the article was published where
// it was written (2025-04-09T22:30-04:00 is 9 April, though 10 April in UTC).
inline void add_date_terms_and_values(Xapian::Document &doc, const std::string &timestamp, const std::string &local_day) {
    if (timestamp.size() < 8) return;
    const std::string day = local_day.size() == 8 ? local_day : timestamp.substr(0, 8);
    doc.add_value(TX_SLOT_TIMESTAMP, timestamp);
    doc.add_value(TX_SLOT_DATE, day);
    doc.add_value(TX_SLOT_YEAR, day.substr(0, 4));
    doc.add_value(TX_SLOT_MONTH, day.substr(0, 6));
    doc.add_boolean_term(TX_PREFIX_DAY + day);
    doc.add_boolean_term(TX_PREFIX_MONTH + day.substr(0, 6));
    doc.add_boolean_term(TX_PREFIX_YEAR + day.substr(0, 4));
}

// Remote shards cannot sort with a KeyMaker (Xapian 1.4 throws), so oldest-first sorts on this
// value there: the instant, or "~" for an undated article, which then comes last as it does locally.
inline void add_sort_value(Xapian::Document &doc, const std::string &timestamp) {
    doc.add_value(TX_SLOT_SORT_ASC, timestamp.size() >= 8 ? timestamp : "~");
}

// The change number: its exact value (sortable, for ranges and order) and its bucket term, so that
// a range of recent changes is found from a few short posting lists rather than a scan of the slot.
inline std::string seq_bucket_term(uint64_t seq) { return TX_PREFIX_SEQ + std::to_string(seq / TX_SEQ_BUCKET); }

inline void add_seq(Xapian::Document &doc, uint64_t seq) {
    if (seq == 0) return;
    doc.add_value(TX_SLOT_SEQ, Xapian::sortable_serialise(static_cast<double>(seq)));
    doc.add_boolean_term(seq_bucket_term(seq));
}

inline uint64_t read_seq(const Xapian::Document &doc) {
    const std::string value = doc.get_value(TX_SLOT_SEQ);
    return value.empty() ? 0 : static_cast<uint64_t>(Xapian::sortable_unserialise(value));
}

// Buckets past this many are not worth their terms: the exact range alone then reads the slot.
inline constexpr uint64_t kMaxSeqBuckets = 256;

// The articles with after < seq <= through: the documents of the range's bucket terms, less those
// whose number is outside the range (match-nothing for an empty range). The exact range is the right
// side of an AND_NOT, which Xapian only checks against the bucket documents. As a filter it would be
// iterated: Xapian 1.4 estimates a value range's size as if the slot's values were evenly spread,
// finds a range of recent numbers the smallest part of the AND, and reads the slot of every article
// from the first one on (a subscription's query on the last 10 of 100,000 articles: 4.8 ms that way,
// 0.13 ms this way; docs/measurements/subscription-matching.md).
inline Xapian::Query seq_range(const Xapian::Database &db, uint64_t after, uint64_t through, bool remote_shards) {
    if (through <= after) return Xapian::Query::MatchNothing;
    const uint64_t first = after + 1, last = through;
    const auto number = [](uint64_t seq) { return Xapian::sortable_serialise(double(seq)); };
    if (last / TX_SEQ_BUCKET - first / TX_SEQ_BUCKET >= kMaxSeqBuckets)
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, TX_SLOT_SEQ, number(first), number(last));
    // A bucket holds at most TX_SEQ_BUCKET articles, so only a smaller index can have one in every
    // document: term_query's count costs a round trip to each remote shard, per query. (One shard of
    // a larger index cannot hold a bucket in every article of a posting list longer than its first
    // chunk, where Xapian's swap fails: ShardRouter spreads a bucket's articles over every shard.)
    const bool may_hold_all = db.get_doccount() <= TX_SEQ_BUCKET;
    std::vector<Xapian::Query> buckets;
    for (uint64_t bucket = first / TX_SEQ_BUCKET; bucket <= last / TX_SEQ_BUCKET; ++bucket) {
        const std::string term = seq_bucket_term(bucket * TX_SEQ_BUCKET);
        buckets.push_back(may_hold_all ? term_query(db, term, remote_shards) : Xapian::Query(term));
    }
    const Xapian::Query outside(Xapian::Query::OP_OR, Xapian::Query(Xapian::Query::OP_VALUE_LE, TX_SLOT_SEQ, number(after)),
                                Xapian::Query(Xapian::Query::OP_VALUE_GE, TX_SLOT_SEQ, number(last + 1)));
    return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_OR, buckets.begin(), buckets.end()),
                         outside);
}

// A two-letter country domain under one of these is a public suffix (`co.uk`, `com.au`), not a site.
inline bool is_public_suffix(const std::string &domain) {
    static const char *const second_levels[] = {"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go", "mil", "ltd", "plc", "sch"};
    const size_t dot = domain.find('.');
    if (dot == std::string::npos) return true;  // a top-level domain alone (`com`)
    const std::string first = domain.substr(0, dot), rest = domain.substr(dot + 1);
    if (rest.find('.') != std::string::npos || rest.size() != 2) return false;
    for (const char *level : second_levels)
        if (first == level) return true;
    return false;
}

// `site:` finds a host by itself and by every parent domain that is not a public suffix
// (`asia.nikkei.com` also as `nikkei.com`); `www.` is not part of the name people use.
inline void add_site_terms(Xapian::Document &doc, std::string host) {
    if (host.compare(0, 4, "www.") == 0) host.erase(0, 4);
    for (std::string domain = host; !domain.empty() && !is_public_suffix(domain);) {
        doc.add_boolean_term(make_term(TX_PREFIX_SITE, domain));
        const size_t dot = domain.find('.');
        domain = dot == std::string::npos ? std::string() : domain.substr(dot + 1);
    }
    if (!host.empty()) doc.add_boolean_term(make_term(TX_PREFIX_SITE, host));  // even a bare `localhost`
}

}  // namespace cxapian

#endif
