// One connection to trawld's Unix socket: a search (or ping) request per line, one in flight,
// reading just enough of the answer to know whether it succeeded, its generation and took_ms.
#ifndef BENCH_TRAWLD_CLIENT_H
#define BENCH_TRAWLD_CLIENT_H

#include "reference_search.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

struct TrawldAnswer {
    bool ok = false;
    long generation = -1;
    double took_ms = -1;  // trawld's own time for the request (search answers only)
    std::string failure;  // the start of the answer line when it was not ok
};

class TrawldConnection {
  public:
    explicit TrawldConnection(const std::string &path) {
        fd_ = ::socket(AF_UNIX, SOCK_STREAM, 0);
        if (fd_ < 0) throw std::runtime_error("socket: " + std::string(std::strerror(errno)));
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        if (path.size() >= sizeof addr.sun_path) throw std::runtime_error("socket path too long: " + path);
        std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
        if (::connect(fd_, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
            const std::string why = std::strerror(errno);
            ::close(fd_);
            throw std::runtime_error("connect " + path + ": " + why);
        }
    }
    TrawldConnection(const TrawldConnection &) = delete;
    TrawldConnection &operator=(const TrawldConnection &) = delete;
    ~TrawldConnection() { ::close(fd_); }

    TrawldAnswer search(const BenchQuery &q) {
        std::string line = "{\"op\":\"search\",\"limit\":10,\"q\":" + json_string(q.text);
        if (q.newest) line += ",\"sort\":\"newest\"";
        line += "}\n";
        return ask(line);
    }

    // The cheapest round trip: no index work, only the socket and the daemon's request path.
    TrawldAnswer ping() { return ask("{\"op\":\"ping\"}\n"); }

  private:
    TrawldAnswer ask(const std::string &line) {
        send_all(line);
        const std::string answer = read_line();
        TrawldAnswer out;
        out.ok = answer.find("\"ok\":true") != std::string::npos;
        if (!out.ok) out.failure = answer.substr(0, 300);
        const size_t at = answer.find("\"generation\":");
        if (at != std::string::npos) out.generation = std::strtol(answer.c_str() + at + 13, nullptr, 10);
        const size_t took = answer.find("\"took_ms\":");
        if (took != std::string::npos) out.took_ms = std::strtod(answer.c_str() + took + 10, nullptr);
        return out;
    }

    static std::string json_string(const std::string &s) {
        std::string out = "\"";
        for (char c : s) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        return out + "\"";
    }

    void send_all(const std::string &data) {
        size_t sent = 0;
        while (sent < data.size()) {
            const ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) throw std::runtime_error("send: " + std::string(std::strerror(errno)));
            sent += static_cast<size_t>(n);
        }
    }

    std::string read_line() {
        for (;;) {
            const size_t newline = buffer_.find('\n');
            if (newline != std::string::npos) {
                std::string line = buffer_.substr(0, newline);
                buffer_.erase(0, newline + 1);
                return line;
            }
            char chunk[65536];
            const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) throw std::runtime_error(n == 0 ? "trawld closed the connection" : std::strerror(errno));
            buffer_.append(chunk, static_cast<size_t>(n));
        }
    }

    int fd_ = -1;
    std::string buffer_;
};

#endif
