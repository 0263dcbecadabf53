#include "CSimHashScan.h"
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/// The big-endian number of `size` bytes (5 to 8) at `bytes`, read without going past them.
static inline __attribute__((always_inline)) uint64_t load_big_endian(const uint8_t *bytes, long size) {
    uint32_t high;
    memcpy(&high, bytes, 4);
    uint64_t value = __builtin_bswap32(high);
    for (long index = 4; index < size; index++) value = value << 8 | bytes[index];
    return value;
}

#define SCAN(size) \
    for (long index = start; index < count; index++, value += stride) { \
        if (__builtin_popcountll(load_big_endian(value, size) ^ query) <= budget) return index; \
    } \
    return count;

#if defined(__x86_64__)
__attribute__((target_clones("popcnt", "default")))
#endif
long depeche_simhash_next_within(
    const unsigned char *values, long start, long count, long stride, long rest_size, unsigned long long query, int budget) {
    const uint8_t *value = values + start * stride;
    switch (rest_size) {
    case 6: SCAN(6)
    case 7: SCAN(7)
    default: SCAN(rest_size)
    }
}
