// An exception Xapian lets escape ends the process in std::terminate: the program's escape handler
// says what failed and ends it its own way, after the other threads' engine calls are done.
#include "internal.h"

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <thread>

namespace cxapian {

std::atomic<int> calls_in_flight{0};
thread_local int calls_on_this_thread = 0;
std::atomic<bool> calls_stopped{false};

void wait_for_the_end() noexcept {
    for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
}

}  // namespace cxapian

namespace {

std::atomic<tx_escape_handler> escape_handler{nullptr};
std::atomic<bool> escaping{false};
thread_local bool escaping_here = false;

// What was thrown; when nothing is in flight (an exception thrown by a destructor while another
// unwinds can end that way), the last system error of the thread, which is what made Xapian throw
// when a write failed ("File too large", "No space left on device").
std::string describe_current_exception(int saved_errno) noexcept {
    try {
        std::exception_ptr current = std::current_exception();
        if (!current) {
            std::string text = "std::terminate with no exception in flight";
            if (saved_errno != 0) text += std::string(" (the thread's last system error: ") + std::strerror(saved_errno) + ")";
            return text;
        }
        try {
            std::rethrow_exception(current);
        } catch (const Xapian::Error &e) {
            return e.get_description();
        } catch (const std::exception &e) {
            return e.what();
        } catch (...) {
            return "an exception of an unknown type";
        }
    } catch (...) {
        return "an exception that could not be described";
    }
}

[[noreturn]] void on_terminate() noexcept {
    // The handler's own thread failing again aborts; another thread waits for the first to finish.
    const int saved_errno = errno;
    if (escaping_here) std::abort();
    escaping_here = true;
    if (escaping.exchange(true)) cxapian::wait_for_the_end();
    const std::string description = describe_current_exception(saved_errno);
    if (tx_escape_handler handler = escape_handler.load()) handler(description.c_str());
    std::abort();
}

}  // namespace

extern "C" {

void tx_on_escaped_exception(tx_escape_handler handler) {
    escape_handler.store(handler);
    std::set_terminate(on_terminate);
}

void tx_stop_engine_calls(double seconds) {
    cxapian::calls_stopped.store(true);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (cxapian::calls_in_flight.load() > cxapian::calls_on_this_thread &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

}  // extern "C"
