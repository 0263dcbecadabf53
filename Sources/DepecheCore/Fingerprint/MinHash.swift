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

    /// The signature of `features`; all `UInt32.max` for no features.
    static func signature(of features: [UInt64]) -> [UInt32] {
        var minimums = [UInt32](repeating: .max, count: seeds.count)
        minimums.withUnsafeMutableBufferPointer { minimums in
            for (index, seed) in seeds.enumerated() {
                var least = UInt32.max
                for feature in features {
                    least = min(least, UInt32(truncatingIfNeeded: (seed.multiplier &* feature &+ seed.offset) >> 32))
                }
                minimums[index] = least
            }
        }
        return minimums
    }

    /// The estimated Jaccard similarity of the feature sets behind two signatures of equal length.
    static func jaccard(_ a: [UInt32], _ b: [UInt32]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return 0 }
        let equal = zip(a, b).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        return Double(equal) / Double(a.count)
    }
}
