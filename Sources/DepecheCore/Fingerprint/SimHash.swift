/// Charikar's SimHash: a 64-bit fingerprint whose Hamming distance to another tracks how
/// much two feature sets differ. Bit i is set when more than half the features' hashes have
/// bit i set.
enum SimHash {
    /// The SimHash of `features` (64-bit hashes, repeats counted); 0 for no features.
    static func of(_ features: [UInt64]) -> UInt64 {
        var ones = [Int32](repeating: 0, count: 64)
        ones.withUnsafeMutableBufferPointer { counts in
            for feature in features {
                for bit in 0..<64 { counts[bit] &+= Int32(truncatingIfNeeded: (feature >> UInt64(bit)) & 1) }
            }
        }
        var simhash: UInt64 = 0
        for bit in 0..<64 where Int(ones[bit]) * 2 > features.count {
            simhash |= 1 << UInt64(bit)
        }
        return simhash
    }

    /// The number of bits in which `a` and `b` differ.
    static func distance(_ a: UInt64, _ b: UInt64) -> Int {
        (a ^ b).nonzeroBitCount
    }
}
