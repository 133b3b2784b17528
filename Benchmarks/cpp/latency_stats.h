// Per-client latency records and the merged report (percentiles, throughput, errors) as JSON.
#ifndef BENCH_LATENCY_STATS_H
#define BENCH_LATENCY_STATS_H

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

// Written by one client thread only; read after it has been joined.
struct ThreadRecord {
    std::vector<double> ms;
    std::map<std::string, std::vector<double>> by_kind;
    std::vector<double> took_ms;  // the server's own time per answer, when it says (trawld's took_ms)
    size_t failed = 0;
    size_t exceptions = 0;
    std::string first_error;

    // `server_ms` < 0: the server did not say how long it took.
    void add(const std::string &kind, std::chrono::steady_clock::duration took, bool ok, double server_ms = -1) {
        const double t = std::chrono::duration<double, std::milli>(took).count();
        ms.push_back(t);
        by_kind[kind].push_back(t);
        if (server_ms >= 0) took_ms.push_back(server_ms);
        if (!ok) ++failed;
    }

    // An exception (connection or engine error); counted apart from answers that were not ok.
    void note_error(const std::string &what) {
        ++exceptions;
        note_failure(what);
    }

    // Keeps the first error text, to say what failed.
    void note_failure(const std::string &what) {
        if (first_error.empty()) first_error = what;
    }
};

inline double percentile(std::vector<double> &v, double p) {
    if (v.empty()) return 0;
    const size_t i = std::min(v.size() - 1, static_cast<size_t>(p / 100.0 * static_cast<double>(v.size())));
    std::nth_element(v.begin(), v.begin() + static_cast<long>(i), v.end());
    return v[i];
}

inline std::string json_escape(const std::string &s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) continue;
        out += c;
    }
    return out;
}

class Report {
  public:
    Report(std::vector<ThreadRecord> &records, double seconds) : seconds_(seconds) {
        for (auto &r : records) {
            all_.insert(all_.end(), r.ms.begin(), r.ms.end());
            took_.insert(took_.end(), r.took_ms.begin(), r.took_ms.end());
            for (auto &[kind, v] : r.by_kind) kinds_[kind].insert(kinds_[kind].end(), v.begin(), v.end());
            failed_ += r.failed;
            exceptions_ += r.exceptions;
            if (first_error_.empty()) first_error_ = r.first_error;
        }
    }

    // The fields of the report, without the enclosing braces.
    std::string json() {
        char head[512];
        const double mean = all_.empty() ? 0 : sum(all_) / static_cast<double>(all_.size());
        std::snprintf(head, sizeof head,
                      "\"seconds\":%.3f,\"queries\":%zu,\"failed\":%zu,\"exceptions\":%zu,\"qps\":%.1f,"
                      "\"mean_ms\":%.4f,\"p50_ms\":%.4f,\"p95_ms\":%.4f,\"p99_ms\":%.4f,\"max_ms\":%.4f",
                      seconds_, all_.size(), failed_, exceptions_, static_cast<double>(all_.size()) / seconds_, mean,
                      percentile(all_, 50), percentile(all_, 95), percentile(all_, 99), percentile(all_, 100));
        std::string out = head;
        // Round trip minus the server's took_ms is the transport (null when the server gave none).
        char took[64] = "null";
        if (!took_.empty()) std::snprintf(took, sizeof took, "%.4f", percentile(took_, 50));
        out += ",\"took_p50_ms\":" + std::string(took);
        out += ",\"first_error\":\"" + json_escape(first_error_) + "\",\"by_kind\":{";
        bool first = true;
        for (auto &[kind, v] : kinds_) {
            char row[256];
            std::snprintf(row, sizeof row, "%s\"%s\":{\"n\":%zu,\"p50_ms\":%.4f,\"p99_ms\":%.4f}", first ? "" : ",",
                          json_escape(kind).c_str(), v.size(), percentile(v, 50), percentile(v, 99));
            out += row;
            first = false;
        }
        return out + "}";
    }

  private:
    static double sum(const std::vector<double> &v) {
        double s = 0;
        for (double x : v) s += x;
        return s;
    }

    double seconds_;
    std::vector<double> all_, took_;
    std::map<std::string, std::vector<double>> kinds_;
    size_t failed_ = 0, exceptions_ = 0;
    std::string first_error_;
};

#endif
