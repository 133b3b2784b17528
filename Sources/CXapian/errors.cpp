// Status strings and the one place where exceptions become statuses.
#include "internal.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace cxapian {

static char *copy_message(const std::string &message) noexcept {
    char *copy = static_cast<char *>(std::malloc(message.size() + 1));
    if (copy) std::memcpy(copy, message.c_str(), message.size() + 1);
    return copy;
}

tx_status fail(tx_status status, const std::string &message, char **err) noexcept {
    if (err) *err = copy_message(message);
    return status;
}

static tx_status fail(tx_status status, const Xapian::Error &e, char **err) noexcept {
    try {
        return fail(status, e.get_description(), err);
    } catch (...) {
        return status;  // describing the error itself failed (out of memory): the status still tells
    }
}

// NOTE: Xapian::Error is not a std::exception; most-derived classes come first.
tx_status classify_current_exception(char **err) noexcept {
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        return fail(TX_ERR_DATABASE_LOCKED, e, err);
    } catch (const Xapian::DatabaseModifiedError &e) {
        return fail(TX_ERR_DATABASE_MODIFIED, e, err);
    } catch (const Xapian::DatabaseNotFoundError &e) {
        return fail(TX_ERR_DATABASE_NOT_FOUND, e, err);
    } catch (const Xapian::DatabaseOpeningError &e) {
        return fail(TX_ERR_DATABASE_OPENING, e, err);
    } catch (const Xapian::DatabaseCorruptError &e) {
        return fail(TX_ERR_DATABASE_CORRUPT, e, err);
    } catch (const Xapian::DatabaseError &e) {
        // A table file cut short (a truncated copy, a disk that lost writes) reads as a plain I/O
        // error; it is damage all the same, and the cure is a rebuild.
        const bool truncated = e.get_msg().find("EOF reading block") != std::string::npos;
        return fail(truncated ? TX_ERR_DATABASE_CORRUPT : TX_ERR_DATABASE, e, err);
    } catch (const Xapian::NetworkTimeoutError &e) {
        return fail(TX_ERR_NETWORK_TIMEOUT, e, err);
    } catch (const Xapian::NetworkError &e) {
        return fail(TX_ERR_NETWORK, e, err);
    } catch (const Xapian::QueryParserError &e) {
        return fail(TX_ERR_QUERY_SYNTAX, e, err);
    } catch (const Xapian::RangeError &e) {
        return fail(TX_ERR_QUERY_SYNTAX, e, err);
    } catch (const Xapian::WildcardError &e) {
        return fail(TX_ERR_QUERY_SYNTAX, e, err);
    } catch (const Xapian::DocNotFoundError &e) {
        return fail(TX_ERR_NOT_FOUND, e, err);
    } catch (const Xapian::InvalidArgumentError &e) {
        return fail(TX_ERR_INVALID_ARGUMENT, e, err);
    } catch (const Xapian::Error &e) {
        return fail(TX_ERR_XAPIAN, e, err);
    } catch (const std::bad_alloc &) {
        return TX_ERR_OUT_OF_MEMORY;  // no malloc here
    } catch (const std::exception &e) {
        return fail(TX_ERR_UNKNOWN, e.what(), err);
    } catch (...) {
        return fail(TX_ERR_UNKNOWN, "unknown exception", err);
    }
}

}  // namespace cxapian

extern "C" {

const char *tx_status_string(tx_status status) {
    switch (status) {
    case TX_OK: return "ok";
    case TX_ERR_INVALID_ARGUMENT: return "invalid argument";
    case TX_ERR_DATABASE_NOT_FOUND: return "database not found";
    case TX_ERR_DATABASE_OPENING: return "database cannot be opened";
    case TX_ERR_DATABASE_LOCKED: return "database locked by another writer";
    case TX_ERR_DATABASE_MODIFIED: return "database modified: reopen and retry";
    case TX_ERR_DATABASE_CORRUPT: return "database corrupt";
    case TX_ERR_DATABASE: return "database error";
    case TX_ERR_QUERY_SYNTAX: return "query syntax error";
    case TX_ERR_NOT_FOUND: return "not found";
    case TX_ERR_TIMEOUT: return "time limit exceeded";
    case TX_ERR_OUT_OF_MEMORY: return "out of memory";
    case TX_ERR_XAPIAN: return "xapian error";
    case TX_ERR_UNKNOWN: return "unknown error";
    case TX_ERR_NETWORK_TIMEOUT: return "a remote shard did not answer in time";
    case TX_ERR_NETWORK: return "a remote shard could not be reached";
    }
    return "unknown status";
}

void tx_string_free(char *s) { std::free(s); }

const char *tx_xapian_version(void) { return Xapian::version_string(); }

}  // extern "C"
