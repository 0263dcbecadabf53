/// When an earlier article counts as a near duplicate of a new one: its SimHash is at most
/// `maxDistance` bits from the new article's (configured as a similarity,
/// `near_duplicate.threshold`) and their MinHash sketches agree in `minimumSketchAgreement`
/// of 16 positions. The state store's near lookups (``StateStore/StoreReader/nearest(simhash:sketch:)``)
/// apply it.
///
/// 64 bits are few for a million articles: a new story has an unrelated SimHash within 10
/// bits with probability about 1 % (within 12, 18 %). So a SimHash neighbour counts only when
/// its sketch agrees too (two versions of a story agree in about 16 × Jaccard positions,
/// unrelated articles almost never).
public enum NearDuplicatePolicy {
    /// The distances a lookup can afford: beyond 15 bits the buckets to visit multiply.
    public static let supportedDistances = 0...15
    /// The default: 10 bits (similarity 0.84). Measured on re-saved and edited articles:
    /// 0–5 bits; different articles on the same subject: 20 bits and more.
    public static let defaultMaxDistance = 10

    /// Sketch positions that must agree for a SimHash neighbour to count (Jaccard ≳ 0.56;
    /// unrelated articles reach it with probability below 10⁻¹⁷). 9 of 16, not 8: nine
    /// agreeing positions always fill one of the state store's 8 two-position bands, so its
    /// near lookup reads 8 keys whatever the number of articles and never misses such a pair
    /// (``NearDuplicateBands``).
    public static let minimumSketchAgreement = 9

    /// The similarity reported for two SimHashes `distance` bits apart: `1 − distance/64`.
    public static func similarity(forDistance distance: Int) -> Double {
        1 - Double(distance) / 64
    }

    /// The greatest distance whose similarity is at least `similarity` (0.84 → 10 bits,
    /// 0.8 → 12), or nil when that distance is not supported (similarity 0.75 or less) or
    /// `similarity` is above 1. For turning a configured threshold into `maxDistance`.
    public static func maxDistance(forSimilarity similarity: Double) -> Int? {
        guard similarity <= 1 else { return nil }
        let distance = Int(((1 - similarity) * 64 + 1e-9).rounded(.down))
        return supportedDistances.contains(distance) ? distance : nil
    }
}

/// An earlier article near a new one.
public struct NearDuplicate: Sendable, Equatable {
    /// The earlier article's id.
    public var id: String
    /// Bits in which the two SimHashes differ.
    public var distance: Int
    /// `1 − distance/64`, as events report it.
    public var similarity: Double
    /// The host of a cluster that ingested the earlier article, when it is not this host.
    public var host: String? = nil
}
