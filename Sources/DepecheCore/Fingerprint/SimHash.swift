/// Charikar's SimHash: a 64-bit fingerprint whose Hamming distance to another tracks how
/// much two feature sets differ. Bit i is set when more than half the features' hashes have
/// bit i set.
enum SimHash {
    /// A SimHash computed as features come, one at a time (repeats counted).
    struct Accumulator {
        /// For each bit, how many features had it set.
        private var ones = [Int32](repeating: 0, count: 64)
        private var count = 0

        /// Counts one feature's 64-bit hash.
        mutating func add(_ feature: UInt64) {
            count += 1
            ones.withUnsafeMutableBufferPointer { counts in
                for bit in 0..<64 { counts[bit] &+= Int32(truncatingIfNeeded: (feature >> UInt64(bit)) & 1) }
            }
        }

        /// The SimHash of the features added; 0 for none.
        var simhash: UInt64 {
            var simhash: UInt64 = 0
            for bit in 0..<64 where Int(ones[bit]) * 2 > count { simhash |= 1 << UInt64(bit) }
            return simhash
        }
    }

    /// The number of bits in which `a` and `b` differ.
    static func distance(_ a: UInt64, _ b: UInt64) -> Int {
        (a ^ b).nonzeroBitCount
    }
}
