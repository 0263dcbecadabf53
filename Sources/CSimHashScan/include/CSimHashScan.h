#ifndef DEPECHE_CSIMHASHSCAN_H
#define DEPECHE_CSIMHASHSCAN_H

/// The index of the first of `count` fixed-size values (from index `start`, `stride` bytes
/// apart, each starting with a big-endian number of `rest_size` bytes, 5 to 8) whose number
/// differs from `query` in at most `budget` bits; `count` when none does. The loop every
/// filed SimHash of a near-duplicate lookup goes through: built twice, with and without the
/// POPCNT instruction, and the CPU's is chosen at load time (target_clones): Swift's baseline
/// x86-64 has none, and counting bits without it costs most of a lookup.
/// (Plain C types, so that the header needs no system header.)
long depeche_simhash_next_within(
    const unsigned char *values, long start, long count, long stride, long rest_size, unsigned long long query, int budget);

#endif
