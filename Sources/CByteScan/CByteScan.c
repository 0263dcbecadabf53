#include "CByteScan.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static inline int may_end_space(unsigned char byte) {
    return byte == 0x20 || byte == 0x09 || byte == 0xA0 || byte == 0xAF || byte == 0xBF
        || (unsigned char)(byte - 0x80) <= 0x0A;
}

static inline int may_begin_break(unsigned char byte) {
    return byte == 0x20 || byte == 0x09 || byte == 0x7C || byte == 0x2F || byte == 0x3E || byte == 0x2D
        || byte == 0xC2 || byte == 0xE2 || byte == 0xE3 || byte == 0xEF;
}

static inline int is_visible(unsigned char byte) { return byte >= 0x21 && byte <= 0x7E; }

static inline unsigned char lowercase(unsigned char byte) { return byte >= 'A' && byte <= 'Z' ? byte + 0x20 : byte; }

#if defined(__SSE2__)
#define EQ(vector, byte) _mm_cmpeq_epi8(vector, _mm_set1_epi8((char)(byte)))

/// Lanes of `bytes` within `low`...`high` (unsigned): less `low`, their minimum with
/// `high - low` is themselves.
static inline __m128i in_range(__m128i bytes, unsigned char low, unsigned char high) {
    __m128i shifted = _mm_sub_epi8(bytes, _mm_set1_epi8((char)low));
    return _mm_cmpeq_epi8(_mm_min_epu8(shifted, _mm_set1_epi8((char)(high - low))), shifted);
}

static inline __m128i visible16(__m128i bytes) { return in_range(bytes, 0x21, 0x7E); }

/// `bytes` with ASCII capitals lowercased.
static inline __m128i lowercase16(__m128i bytes) {
    return _mm_add_epi8(bytes, _mm_and_si128(in_range(bytes, 'A', 'Z'), _mm_set1_epi8(0x20)));
}

static inline __m128i may_end_space16(__m128i bytes) {
    __m128i low = in_range(bytes, 0x80, 0x8A);
    return _mm_or_si128(_mm_or_si128(_mm_or_si128(EQ(bytes, 0x20), EQ(bytes, 0x09)), _mm_or_si128(EQ(bytes, 0xA0), EQ(bytes, 0xAF))),
                        _mm_or_si128(EQ(bytes, 0xBF), low));
}

static inline __m128i may_begin_break16(__m128i bytes) {
    __m128i ascii = _mm_or_si128(_mm_or_si128(EQ(bytes, 0x20), EQ(bytes, 0x09)),
                                 _mm_or_si128(_mm_or_si128(EQ(bytes, 0x7C), EQ(bytes, 0x2F)),
                                              _mm_or_si128(EQ(bytes, 0x3E), EQ(bytes, 0x2D))));
    __m128i leads = _mm_or_si128(_mm_or_si128(EQ(bytes, 0xC2), EQ(bytes, 0xE2)), _mm_or_si128(EQ(bytes, 0xE3), EQ(bytes, 0xEF)));
    return _mm_or_si128(ascii, leads);
}
#endif

long depeche_next_space_pair(const unsigned char *bytes, long start, long count) {
    long index = start;
#if defined(__SSE2__)
    for (; index + 17 <= count; index += 16) {
        __m128i here = _mm_loadu_si128((const __m128i *)(bytes + index));
        __m128i next = _mm_loadu_si128((const __m128i *)(bytes + index + 1));
        int mask = _mm_movemask_epi8(_mm_and_si128(may_end_space16(here), may_begin_break16(next)));
        if (mask != 0) return index + __builtin_ctz((unsigned)mask);
    }
#endif
    for (; index + 1 < count; index++) {
        if (may_end_space(bytes[index]) && may_begin_break(bytes[index + 1])) return index;
    }
    return count;
}

long depeche_next_json_escape(const unsigned char *bytes, long start, long count) {
    long index = start;
#if defined(__SSE2__)
    for (; index + 16 <= count; index += 16) {
        __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
        __m128i control = in_range(block, 0x00, 0x1F);
        __m128i escaped = _mm_or_si128(_mm_or_si128(control, EQ(block, 0x7F)), _mm_or_si128(EQ(block, '"'), EQ(block, '\\')));
        int mask = _mm_movemask_epi8(escaped);
        if (mask != 0) return index + __builtin_ctz((unsigned)mask);
    }
#endif
    for (; index < count; index++) {
        unsigned char byte = bytes[index];
        if (byte < 0x20 || byte == 0x7F || byte == '"' || byte == '\\') return index;
    }
    return count;
}

long depeche_next_byte_at_least(const unsigned char *bytes, long start, long count, unsigned char least) {
    long index = start;
#if defined(__SSE2__)
    const __m128i bound = _mm_set1_epi8((char)least);
    for (; index + 16 <= count; index += 16) {
        __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
        // At least `least`: the maximum of the byte and `least` is the byte.
        int mask = _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(block, bound), block));
        if (mask != 0) return index + __builtin_ctz((unsigned)mask);
    }
#endif
    for (; index < count; index++) {
        if (bytes[index] >= least) return index;
    }
    return count;
}

static inline int is_binary_control(unsigned char byte) {
    return byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0C && byte != 0x0D && byte != 0x1B;
}

long depeche_count_binary_controls(const unsigned char *bytes, long count) {
    long index = 0, controls = 0;
#if defined(__SSE2__)
    for (; index + 16 <= count; index += 16) {
        __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
        __m128i control = in_range(block, 0x00, 0x1F);
        __m128i allowed = _mm_or_si128(_mm_or_si128(EQ(block, 0x09), EQ(block, 0x0A)),
                                       _mm_or_si128(_mm_or_si128(EQ(block, 0x0C), EQ(block, 0x0D)), EQ(block, 0x1B)));
        controls += __builtin_popcount((unsigned)_mm_movemask_epi8(_mm_andnot_si128(allowed, control)));
    }
#endif
    for (; index < count; index++) controls += is_binary_control(bytes[index]);
    return controls;
}

static inline int is_plain(unsigned char byte) { return is_visible(byte) && byte != 0x60; }

#if defined(__SSE2__)
static inline __m128i plain16(__m128i bytes) { return _mm_andnot_si128(EQ(bytes, 0x60), visible16(bytes)); }
#endif

long depeche_fold_ascii_run(const unsigned char *source, long count, unsigned char *destination, long budget) {
    long index = 0;
#if defined(__SSE2__)
    // Whole blocks while the budget cannot end inside one; a block's last space needs the
    // byte after it, hence 17.
    while (index + 17 <= count && index + 16 <= budget) {
        __m128i here = _mm_loadu_si128((const __m128i *)(source + index));
        __m128i next = _mm_loadu_si128((const __m128i *)(source + index + 1));
        __m128i kept = _mm_or_si128(plain16(here), _mm_and_si128(EQ(here, 0x20), plain16(next)));
        _mm_storeu_si128((__m128i *)(destination + index), lowercase16(here));
        unsigned mask = (unsigned)_mm_movemask_epi8(kept);
        if (mask != 0xFFFF) return index + __builtin_ctz(~mask);
        // A space in the last lane goes with the next block's first byte, as one pair.
        index += source[index + 15] == 0x20 ? 15 : 16;
    }
#endif
    while (index < count && index < budget) {
        if (is_plain(source[index])) {
            destination[index] = lowercase(source[index]);
            index += 1;
        } else if (source[index] == 0x20 && index + 1 < count && is_plain(source[index + 1])) {
            destination[index] = 0x20;
            destination[index + 1] = lowercase(source[index + 1]);
            index += 2;
        } else {
            break;
        }
    }
    return index;
}

static inline int drops_space_before(unsigned char byte) {
    return byte == '"' || byte == ':' || byte == ';' || byte == '!' || byte == '?' || byte == ',' || byte == '.'
        || byte == '%' || byte == ')';
}

long depeche_normalise_ascii_run(const unsigned char *source, long count, unsigned char *destination) {
    long index = 0;
#if defined(__SSE2__)
    for (; index + 17 <= count; index += 16) {
        __m128i before = _mm_loadu_si128((const __m128i *)(source + index - 1));
        __m128i here = _mm_loadu_si128((const __m128i *)(source + index));
        __m128i next = _mm_loadu_si128((const __m128i *)(source + index + 1));
        __m128i dropsBefore = _mm_or_si128(
            _mm_or_si128(_mm_or_si128(EQ(next, '"'), EQ(next, ':')), _mm_or_si128(EQ(next, ';'), EQ(next, '!'))),
            _mm_or_si128(_mm_or_si128(EQ(next, '?'), EQ(next, ',')), _mm_or_si128(_mm_or_si128(EQ(next, '.'), EQ(next, '%')), EQ(next, ')'))));
        __m128i dropsAfter = _mm_or_si128(EQ(before, '"'), EQ(before, '('));
        __m128i keptSpace = _mm_andnot_si128(_mm_or_si128(dropsBefore, dropsAfter),
                                             _mm_and_si128(EQ(here, 0x20), visible16(next)));
        __m128i kept = _mm_or_si128(visible16(here), keptSpace);
        _mm_storeu_si128((__m128i *)(destination + index), lowercase16(here));
        unsigned mask = (unsigned)_mm_movemask_epi8(kept);
        if (mask != 0xFFFF) return index + __builtin_ctz(~mask);
    }
#endif
    for (; index < count; index++) {
        unsigned char byte = source[index];
        if (is_visible(byte)) {
            destination[index] = lowercase(byte);
        } else if (byte == 0x20 && index + 1 < count && is_visible(source[index + 1]) && !drops_space_before(source[index + 1])
                   && source[index - 1] != '"' && source[index - 1] != '(') {
            destination[index] = 0x20;
        } else {
            break;
        }
    }
    return index;
}
