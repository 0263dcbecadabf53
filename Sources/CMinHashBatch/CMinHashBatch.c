#include "CMinHashBatch.h"
#include <stdint.h>

#if defined(__x86_64__)
__attribute__((target_clones("avx512dq", "avx2", "default")))
#endif
void depeche_minhash_batch(
    const unsigned long long *features, long count, const unsigned long long *multipliers,
    const unsigned long long *offsets, unsigned int *minimums, long functions) {
    for (long function = 0; function < functions; function++) {
        const uint64_t multiplier = multipliers[function], offset = offsets[function];
        uint32_t least = minimums[function];
        for (long index = 0; index < count; index++) {
            const uint32_t hash = (uint32_t)((multiplier * features[index] + offset) >> 32);
            least = hash < least ? hash : least;
        }
        minimums[function] = least;
    }
}
