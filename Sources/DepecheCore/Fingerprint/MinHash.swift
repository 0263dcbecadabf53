import CMinHashBatch

/// A MinHash signature: for each of `count` hash functions, the least hash of any feature.
/// The share of positions where two signatures agree estimates the Jaccard similarity of
/// their feature sets (standard error ≈ 1/√count). The hash functions are multiply-shift
/// permutations with fixed seeds, so signatures from any run or machine compare.
enum MinHash {
    /// Multipliers (odd) and offsets of the hash functions, from a fixed splitmix64 sequence.
    private static let seeds: (multipliers: [UInt64], offsets: [UInt64]) = {
        var generator = SplitMix64(seed: 0x6465_7065_6368_6521)
        let pairs = (0..<ArticleFingerprint.minhashCount).map { _ in (generator.next() | 1, generator.next()) }
        return (pairs.map(\.0), pairs.map(\.1))
    }()

    /// A signature computed as features come, a batch at a time.
    struct Accumulator {
        /// The least hash so far under each function; all `UInt32.max` before any feature.
        private(set) var signature = [UInt32](repeating: .max, count: ArticleFingerprint.minhashCount)
        /// The hash functions, read once: a static's every use checks that it was initialised.
        private let seeds = MinHash.seeds

        /// Takes a batch of features' 64-bit hashes into the signature (`depeche_minhash_batch`).
        mutating func add(_ features: UnsafeBufferPointer<UInt64>) {
            guard let base = features.baseAddress else { return }
            signature.withUnsafeMutableBufferPointer { minimums in
                self.seeds.multipliers.withUnsafeBufferPointer { multipliers in
                    self.seeds.offsets.withUnsafeBufferPointer { offsets in
                        depeche_minhash_batch(
                            base, features.count, multipliers.baseAddress, offsets.baseAddress, minimums.baseAddress, minimums.count)
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
