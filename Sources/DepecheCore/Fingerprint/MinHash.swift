/// A MinHash signature: for each of `count` hash functions, the least hash of any feature.
/// The share of positions where two signatures agree estimates the Jaccard similarity of
/// their feature sets (standard error ≈ 1/√count). The hash functions are multiply-shift
/// permutations with fixed seeds, so signatures from any run or machine compare.
enum MinHash {
    /// Multipliers (odd) and offsets of the hash functions, from a fixed splitmix64 sequence.
    private static let seeds: [(multiplier: UInt64, offset: UInt64)] = {
        var generator = SplitMix64(seed: 0x6465_7065_6368_6521)
        return (0..<ArticleFingerprint.minhashCount).map { _ in (generator.next() | 1, generator.next()) }
    }()

    /// A signature computed as features come, a batch at a time.
    struct Accumulator {
        /// The least hash so far under each function; all `UInt32.max` before any feature.
        private(set) var signature = [UInt32](repeating: .max, count: MinHash.seeds.count)
        /// The hash functions, read once: a static's every use checks that it was initialised.
        private let seeds = MinHash.seeds

        /// Takes a batch of features' 64-bit hashes into the signature.
        mutating func add(_ features: UnsafeBufferPointer<UInt64>) {
            signature.withUnsafeMutableBufferPointer { minimums in
                self.seeds.withUnsafeBufferPointer { seeds in
                    for index in 0..<seeds.count {
                        let (multiplier, offset) = seeds[index]
                        var least = minimums[index]
                        for feature in features {
                            least = min(least, UInt32(truncatingIfNeeded: (multiplier &* feature &+ offset) >> 32))
                        }
                        minimums[index] = least
                    }
                }
            }
        }
    }

    /// The estimated Jaccard similarity of the feature sets behind two signatures of equal length.
    static func jaccard(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return 0 }
        let equal = zip(a, b).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        return Double(equal) / Double(a.count)
    }
}
