// The one FNV-1a (schema.h), for Swift.
#include "schema.h"

extern "C" uint64_t tx_fnv1a(const void *bytes, size_t length, uint64_t hash) {
    return bytes ? cxapian::fnv1a(static_cast<const char *>(bytes), length, hash) : hash;
}
