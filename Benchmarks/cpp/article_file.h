// Reads one `.txt` article as Trawl's parser does for the shapes the corpus generator writes:
// the scraper's source and original-URL lines, the title (first real line), a date line
// (`15 May 2025, 11:13 | Updated: 15 May 2025, 13:25`), a `By …` byline, then paragraphs.
// Also the stored-data encoding and the duplicate key Trawl keeps.
#ifndef BENCH_ARTICLE_FILE_H
#define BENCH_ARTICLE_FILE_H

#include "cxapian.h"  // Sources/CXapian/include: TX_FNV1A_*

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

struct ArticleFile {
    std::string id, path, title, body, url, site, source, byline;
    std::string timestamp;  // YYYYMMDDhhmmss, empty when undated
    std::string updated;    // YYYYMMDDhhmmss
};

namespace article {

inline std::string hex(uint64_t v) {
    char out[17];
    std::snprintf(out, sizeof out, "%llx", static_cast<unsigned long long>(v));
    return out;
}

// `15 May 2025, 11:13` -> `20250515111300`; empty when the text is not such a date.
inline std::string parse_word_date(const std::string &s) {
    static const char *months[] = {"January", "February", "March", "April", "May", "June", "July",
                                   "August", "September", "October", "November", "December"};
    int day = 0, year = 0, hour = 0, minute = 0;
    char month[16] = {0};
    if (std::sscanf(s.c_str(), "%d %15s %d, %d:%d", &day, month, &year, &hour, &minute) != 5) return "";
    for (int m = 0; m < 12; ++m) {
        if (std::strcmp(month, months[m]) != 0) continue;
        char out[15];
        std::snprintf(out, sizeof out, "%04d%02d%02d%02d%02d00", year, m + 1, day, hour, minute);
        return out;
    }
    return "";
}

inline bool starts_with(const std::string &s, const char *prefix) { return s.rfind(prefix, 0) == 0; }

// Parses the text of one file; `relative` becomes its id and path.
inline ArticleFile parse(const std::string &text, const std::string &relative) {
    ArticleFile a;
    a.id = a.path = relative;
    std::vector<std::string> body;
    size_t pos = 0, real_lines = 0;
    while (pos <= text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        if (line.empty()) continue;
        const bool head = real_lines <= 8;
        if (starts_with(line, "This article is from the source '")) {
            const size_t from = 33, to = line.find('\'', from);
            for (size_t i = from; i < to && i < line.size(); ++i) a.source += static_cast<char>(std::tolower(line[i]));
            continue;
        }
        if (starts_with(line, "You can find the current article at its original source at ")) {
            a.url = line.substr(line.find(" at http") + 4);
            const size_t host = a.url.find("://") + 3, slash = a.url.find('/', host);
            a.site = a.url.substr(host, slash - host);
            if (starts_with(a.site, "www.")) a.site.erase(0, 4);
            continue;
        }
        if (head && !a.title.empty() && a.timestamp.empty()) {
            const size_t bar = line.find(" | Updated: ");
            const std::string published = parse_word_date(line.substr(0, bar));
            if (!published.empty()) {
                a.timestamp = published;
                if (bar != std::string::npos) a.updated = parse_word_date(line.substr(bar + 12));
                continue;
            }
        }
        if (head && !a.title.empty() && a.byline.empty() && starts_with(line, "By ") && line.size() <= 80) {
            a.byline = line.substr(3);
            continue;
        }
        ++real_lines;
        if (a.title.empty()) a.title = line;
        else body.push_back(line);
    }
    for (size_t i = 0; i < body.size(); ++i) a.body += (i ? "\n\n" : "") + body[i];
    return a;
}

// `2025-05-15T11:13:00Z` from `20250515111300`.
inline std::string iso(const std::string &ts) {
    if (ts.size() != 14) return "";
    return ts.substr(0, 4) + "-" + ts.substr(4, 2) + "-" + ts.substr(6, 2) + "T" + ts.substr(8, 2) + ":" +
           ts.substr(10, 2) + ":" + ts.substr(12, 2) + "Z";
}

// Trawl's stored data: `key<TAB>value` lines, an empty line, the body (StoredArticle.swift).
inline std::string stored_data(const ArticleFile &a) {
    std::string out;
    out.reserve(a.body.size() + 256);
    auto field = [&](const char *key, const std::string &value) {
        if (value.empty()) return;
        out += key;
        out += '\t';
        out += value;
        out += '\n';
    };
    field("id", a.id);
    field("title", a.title);
    field("url", a.url);
    field("site", a.site);
    field("source", a.source);
    field("byline", a.byline);
    field("date", iso(a.timestamp));
    field("updated", iso(a.updated));
    field("path", a.path);
    out += '\n';
    out += a.body;
    return out;
}

// The body of stored data: what follows its first empty line (StoredArticle.decode's rule).
inline std::string stored_body(const std::string &data) {
    if (!data.empty() && data[0] == '\n') return data.substr(1);
    const size_t split = data.find("\n\n");
    return split == std::string::npos ? std::string() : data.substr(split + 2);
}

// One header field of stored data (`title`, ...) as written, "" when absent.
inline std::string stored_field(const std::string &data, const std::string &key) {
    for (size_t line = 0; line < data.size() && data[line] != '\n';) {
        const size_t end = std::min(data.find('\n', line), data.size());
        if (data.compare(line, key.size(), key) == 0 && line + key.size() < end && data[line + key.size()] == '\t')
            return data.substr(line + key.size() + 1, end - line - key.size() - 1);
        line = end + 1;
    }
    return std::string();
}

// DuplicateKey.swift: min-hash over 8-word shingles (ASCII letters and digits make words).
inline std::string duplicate_key(const std::string &body) {
    const size_t shingle = 8;
    std::vector<uint64_t> hashes;
    uint64_t minimum = UINT64_MAX, current = TX_FNV1A_OFFSET;
    size_t words = 0;
    bool in_word = false;
    auto end_word = [&] {
        if (!in_word) return;
        hashes.push_back(current);
        current = TX_FNV1A_OFFSET;
        in_word = false;
        ++words;
        if (hashes.size() < shingle) return;
        uint64_t h = TX_FNV1A_OFFSET;
        for (size_t i = hashes.size() - shingle; i < hashes.size(); ++i) h = (h ^ hashes[i]) * TX_FNV1A_PRIME;
        if (h < minimum) minimum = h;
        if (hashes.size() > 4 * shingle) hashes.erase(hashes.begin(), hashes.end() - shingle);
    };
    for (unsigned char c : body) {
        if (std::isalnum(c)) {
            current = (current ^ static_cast<unsigned char>(std::tolower(c))) * TX_FNV1A_PRIME;
            in_word = true;
        } else {
            end_word();
        }
    }
    end_word();
    return words >= shingle ? hex(minimum) : "";
}

}  // namespace article

#endif
