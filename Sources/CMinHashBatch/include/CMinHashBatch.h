#ifndef DEPECHE_CMINHASHBATCH_H
#define DEPECHE_CMINHASHBATCH_H

/// The MinHash loop of every article's fingerprint: for each of `functions` hash functions
/// (multiply-shift: the high 32 bits of `multipliers[f] * feature + offsets[f]`, modulo 2^64),
/// lowers `minimums[f]` to the least hash of the `count` `features`. Built three times (64-bit
/// vector multiplies with AVX-512DQ, emulated ones with AVX2, and scalar) and the CPU's is chosen
/// at load time (target_clones): Swift's baseline x86-64 multiplies one 64-bit number at a time.
/// Every build gives the same minimums. (Plain C types, so that the header needs no system header.)
void depeche_minhash_batch(
    const unsigned long long *features, long count, const unsigned long long *multipliers,
    const unsigned long long *offsets, unsigned int *minimums, long functions);

#endif
