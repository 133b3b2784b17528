// The one load generator for every contender, so that the comparison is fair:
//   --mode inproc  each client thread opens its own Xapian::Database and runs ReferenceSearcher;
//   --mode remote  each client thread opens Xapian::Remote::open(host, port) (xapian-tcpsrv);
//   --mode trawld  each client thread has its own Unix-socket connection to trawld; with
//                  --op ping it sends `ping` instead of the searches (the bare round trip).
// Clients run the query set round-robin (each from its own offset), one query in flight each,
// warm up, then measure for a fixed time. With --watch INDEX (trawld mode) it also watches
// INDEX/current and reports how long after the switch the first answer came from the new
// generation, and how many queries failed meanwhile. Prints one JSON object on stdout; for
// trawld it includes took_p50_ms, the p50 of the took_ms trawld reports in its answers.
#include "latency_stats.h"
#include "trawld_client.h"

#include <xapian.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    std::string mode, db, host = "127.0.0.1", socket, queries, watch, op = "search";
    unsigned port = 0, clients = 1;
    double warmup = 1.0, duration = 5.0;
};

std::atomic<bool> g_stop{false};
std::atomic<bool> g_measuring{false};
// Queries finished inside the measuring window, by all clients.
std::atomic<uint64_t> g_measured{0};
std::atomic<int64_t> g_first_new_generation_ns{-1};
std::atomic<long> g_initial_generation{-1};

int64_t now_ns(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
}

std::vector<BenchQuery> load_queries(const std::string &path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<BenchQuery> out;
    std::string line;
    while (std::getline(in, line)) {
        const size_t a = line.find('\t'), b = line.find('\t', a + 1);
        if (a == std::string::npos || b == std::string::npos) continue;
        out.push_back({line.substr(0, a), line.substr(b + 1), line.substr(a + 1, b - a - 1) == "newest"});
    }
    if (out.empty()) throw std::runtime_error("no queries in " + path);
    return out;
}

// One client's loop: search until stopped; record latencies only while measuring.
void client(const Options &o, const std::vector<BenchQuery> &queries, size_t first, ThreadRecord &rec,
            Clock::time_point start, std::atomic<unsigned> &ready) {
    std::unique_ptr<ReferenceSearcher> reference;
    std::unique_ptr<TrawldConnection> trawld;
    auto connect = [&] {
        if (o.mode == "trawld") trawld.reset(new TrawldConnection(o.socket));
        else if (o.mode == "remote") reference.reset(new ReferenceSearcher(Xapian::Remote::open(o.host, o.port), true));
        else reference.reset(new ReferenceSearcher(Xapian::Database(o.db), false));
    };
    connect();
    ++ready;
    for (size_t i = first; !g_stop.load(std::memory_order_relaxed); ++i) {
        const BenchQuery &q = queries[i % queries.size()];
        const auto began = Clock::now();
        bool ok = true;
        long generation = -1;
        double server_ms = -1;
        try {
            if (trawld) {
                const TrawldAnswer answer = o.op == "ping" ? trawld->ping() : trawld->search(q);
                ok = answer.ok;
                generation = answer.generation;
                server_ms = answer.took_ms;
                if (!ok) rec.note_failure(answer.failure);
            } else {
                reference->run(q);
            }
        } catch (const std::exception &e) {
            ok = false;
            rec.note_error(e.what());
            try { connect(); } catch (...) {}
        } catch (const Xapian::Error &e) {
            ok = false;
            rec.note_error(e.get_description());
            try { connect(); } catch (...) {}
        }
        const auto ended = Clock::now();
        if (generation >= 0) {
            long expected = -1;
            g_initial_generation.compare_exchange_strong(expected, generation);
            if (generation != g_initial_generation.load()) {
                int64_t none = -1;
                g_first_new_generation_ns.compare_exchange_strong(none, now_ns(start));
            }
        }
        if (g_measuring.load(std::memory_order_relaxed)) {
            rec.add(o.op == "ping" ? "ping" : q.kind, ended - began, ok, server_ms);
            g_measured.fetch_add(1, std::memory_order_relaxed);
        }
    }
}

std::string read_file(const std::string &path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Polls INDEX/current every millisecond; returns when it differs from `before` (or on stop) with the time in ns.
int64_t watch_current(const std::string &index, const std::string &before, Clock::time_point start) {
    const std::string path = index + "/current";
    while (!g_stop.load()) {
        if (read_file(path) != before) return now_ns(start);
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return -1;
}

Options parse(int argc, char **argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--mode") o.mode = value();
        else if (arg == "--db") o.db = value();
        else if (arg == "--host") o.host = value();
        else if (arg == "--port") o.port = std::stoul(value());
        else if (arg == "--socket") o.socket = value();
        else if (arg == "--queries") o.queries = value();
        else if (arg == "--clients") o.clients = std::stoul(value());
        else if (arg == "--warmup") o.warmup = std::stod(value());
        else if (arg == "--duration") o.duration = std::stod(value());
        else if (arg == "--watch") o.watch = value();
        else if (arg == "--op") o.op = value();
        else throw std::runtime_error("unknown argument " + arg);
    }
    if (o.mode != "inproc" && o.mode != "remote" && o.mode != "trawld")
        throw std::runtime_error("--mode inproc|remote|trawld is required");
    if (o.op != "search" && !(o.op == "ping" && o.mode == "trawld"))
        throw std::runtime_error("--op is search, or ping with --mode trawld");
    if (o.queries.empty() || o.clients == 0) throw std::runtime_error("--queries FILE and --clients N>0 are required");
    return o;
}

}  // namespace

int main(int argc, char **argv) {
    try {
        const Options o = parse(argc, argv);
        const std::vector<BenchQuery> queries = load_queries(o.queries);
        std::signal(SIGTERM, [](int) { g_stop = true; });
        std::signal(SIGINT, [](int) { g_stop = true; });
        const Clock::time_point start = Clock::now();
        // Read before any client starts, so a switch during the warm-up is still seen.
        const std::string current_before = o.watch.empty() ? "" : read_file(o.watch + "/current");
        std::vector<ThreadRecord> records(o.clients);
        std::vector<std::thread> threads;
        std::atomic<unsigned> ready{0};
        for (unsigned c = 0; c < o.clients; ++c)
            threads.emplace_back([&, c] {
                try {
                    client(o, queries, c * queries.size() / o.clients, records[c], start, ready);
                } catch (const std::exception &e) {
                    records[c].note_error(std::string("client could not start: ") + e.what());
                    ++ready;
                } catch (const Xapian::Error &e) {
                    records[c].note_error("client could not start: " + e.get_description());
                    ++ready;
                }
            });
        while (ready.load() < o.clients) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        std::this_thread::sleep_for(std::chrono::duration<double>(o.warmup));
        g_measuring = true;
        std::cerr << "measuring" << std::endl;  // the orchestrator starts the rebuild on this line
        const int64_t measure_from = now_ns(start);
        int64_t switched_ns = -1;
        if (!o.watch.empty()) {
            // Ends one second after the first answer from the new generation, or at --duration.
            std::thread timer([&] {
                const auto limit = Clock::now() + std::chrono::duration<double>(o.duration);
                while (!g_stop && Clock::now() < limit) {
                    const int64_t seen = g_first_new_generation_ns.load();
                    if (seen >= 0 && now_ns(start) > seen + 1'000'000'000) break;
                    std::this_thread::sleep_for(std::chrono::milliseconds(5));
                }
                g_stop = true;
            });
            switched_ns = watch_current(o.watch, current_before, start);
            timer.join();
        } else {
            // --duration, or longer (up to 30 s more) until a first query has finished: a window
            // on a busy machine in which no answer arrived would give no figure at all.
            const auto limit = Clock::now() + std::chrono::duration<double>(o.duration);
            const auto last_resort = limit + std::chrono::seconds(30);
            while (!g_stop && (Clock::now() < limit || (g_measured.load() == 0 && Clock::now() < last_resort)))
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        g_measuring = false;
        const double measured_s = (now_ns(start) - measure_from) / 1e9;
        g_stop = true;
        for (auto &t : threads) t.join();

        Report report(records, measured_s);
        std::cout << "{\"mode\":\"" << o.mode << "\",\"clients\":" << o.clients << "," << report.json();
        if (!o.watch.empty()) {
            const int64_t answered = g_first_new_generation_ns.load();
            std::cout << ",\"switch\":{\"current_changed\":" << (switched_ns >= 0 ? "true" : "false")
                      << ",\"initial_generation\":" << g_initial_generation.load() << ",\"switch_ms\":";
            if (switched_ns >= 0 && answered >= 0) std::cout << (answered - switched_ns) / 1e6;
            else std::cout << "null";
            std::cout << "}";
        }
        std::cout << "}" << std::endl;
        return 0;
    } catch (const std::exception &e) {
        std::cerr << "loadgen: " << e.what() << "\n";
        return 2;
    } catch (const Xapian::Error &e) {
        std::cerr << "loadgen: " << e.get_description() << "\n";
        return 2;
    }
}
