/// Charikar's SimHash: a 64-bit fingerprint whose Hamming distance to another tracks how
/// much two feature sets differ. Bit i is set when more than half the features' hashes have
/// bit i set.
enum SimHash {
    /// A SimHash computed as features come, one at a time (repeats counted).
    ///
    /// The 64 counts are kept eight to a word: byte `j` of `lanes[i]` counts bit `8j + i`, so a
    /// feature costs eight shifts, masks and adds instead of 64. A byte holds 255, so the lanes
    /// are emptied into full counts every 255 features.
    struct Accumulator {
        /// For each bit, how many features had it set, up to the last ``flush()``.
        private var ones = [Int32](repeating: 0, count: 64)
        /// Counts since the last ``flush()``, eight bits each (see above).
        private var lanes = SIMD8<UInt64>(repeating: 0)
        /// Features since the last ``flush()``, below 255.
        private var inLanes = 0
        private var count = 0

        /// Counts one feature's 64-bit hash.
        mutating func add(_ feature: UInt64) {
            count += 1
            // Lane i takes bit i of each byte (constants here, not statics: a static's every use
            // checks that it was initialised).
            let shifts = SIMD8<UInt64>(0, 1, 2, 3, 4, 5, 6, 7)
            lanes &+= (SIMD8(repeating: feature) &>> shifts) & SIMD8(repeating: 0x0101_0101_0101_0101)
            inLanes += 1
            if inLanes == 255 { flush() }
        }

        /// Adds the lanes' counts to `ones` and empties them.
        private mutating func flush() {
            let lanes = self.lanes
            ones.withUnsafeMutableBufferPointer { counts in
                for lane in 0..<8 {
                    for byte in 0..<8 { counts[8 * byte + lane] &+= Int32(truncatingIfNeeded: (lanes[lane] >> UInt64(8 * byte)) & 0xFF) }
                }
            }
            self.lanes = SIMD8(repeating: 0)
            inLanes = 0
        }

        /// The SimHash of the features added; 0 for none.
        var simhash: UInt64 {
            var full = self
            full.flush()
            var simhash: UInt64 = 0
            for bit in 0..<64 where Int(full.ones[bit]) * 2 > count { simhash |= 1 << UInt64(bit) }
            return simhash
        }
    }

    /// The number of bits in which `a` and `b` differ.
    static func distance(_ a: UInt64, _ b: UInt64) -> Int {
        (a ^ b).nonzeroBitCount
    }
}
