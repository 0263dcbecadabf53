/// Finds, among the articles seen so far, the one whose SimHash is nearest a new article's,
/// when it is within `maxDistance` bits — without comparing against every article.
///
/// Multi-index SimHash: each SimHash is split into four 16-bit blocks and filed under each
/// block in one of four tables. Two SimHashes at most `maxDistance` bits apart differ in at
/// most `maxDistance / 4` bits of at least one block (pigeonhole), so a lookup visits, in each
/// table, only the buckets of keys that close to the query's block: 1 bucket per table up to
/// distance 3, 17 up to 7, 137 up to 11, 697 up to 15. With a million articles a bucket holds
/// about 15 SimHashes.
///
/// The index is rebuilt from SimHashes alone (the `simhash` of `document.ingested` events),
/// so replaying the event log restores it. Inserting a SimHash that is already indexed changes
/// nothing: replaying an event twice is harmless, and a lookup names the first article
/// indexed with that SimHash.
public struct NearDuplicateIndex: Sendable {
    /// The distances a lookup can afford: beyond 15 bits the buckets to visit multiply.
    public static let supportedDistances = 0...15
    /// The default: 10 bits (similarity 0.84). Measured on re-saved and edited articles:
    /// 0–5 bits; different articles on the same subject: 20 bits and more.
    public static let defaultMaxDistance = 10

    static let blockCount = 4
    static let blockBits = 16

    /// The greatest SimHash distance that counts as near.
    public let maxDistance: Int
    /// The owner's event-log position this index includes (saved with it): after a load,
    /// replay the events logged after it. depeche's daemon sets it; the index only keeps it.
    public var checkpoint: UInt64 = 0
    /// Article ids in insertion order.
    private(set) var ids: [String] = []
    /// SimHashes in insertion order, parallel to `ids`.
    private(set) var simhashes: [UInt64] = []
    /// Bucket `t << 16 | key` of table `t`: the SimHashes whose block `t` is `key`.
    private var buckets: [[UInt64]]
    /// For table 0's buckets: the position in `ids` of each SimHash, parallel to its bucket.
    private var positions: [[UInt32]]
    /// For each table: the keys within `maxDistance / 4` bits of a block, as XOR masks.
    private let probeMasks: [UInt16]

    /// An empty index that reports articles at most `maxDistance` SimHash bits apart
    /// (one of `supportedDistances`).
    public init(maxDistance: Int = defaultMaxDistance) {
        precondition(Self.supportedDistances.contains(maxDistance), "maxDistance must be within 0...15")
        self.maxDistance = maxDistance
        buckets = Array(repeating: [], count: Self.blockCount << Self.blockBits)
        positions = Array(repeating: [], count: 1 << Self.blockBits)
        probeMasks = Self.masks(withinBits: maxDistance / Self.blockCount)
    }

    /// How many distinct SimHashes are indexed.
    public var count: Int { ids.count }

    /// The similarity reported for two SimHashes `distance` bits apart: `1 − distance/64`.
    public static func similarity(forDistance distance: Int) -> Double {
        1 - Double(distance) / 64
    }

    /// Indexes article `id` by its fingerprint's SimHash. See `insert(simhash:id:)`.
    @discardableResult
    public mutating func insert(_ fingerprint: ArticleFingerprint, id: String) -> Bool {
        insert(simhash: fingerprint.simhash, id: id)
    }

    /// Indexes article `id` under `simhash`. Returns false, changing nothing, when the
    /// SimHash is already indexed (under this id or an earlier one).
    @discardableResult
    public mutating func insert(simhash: UInt64, id: String) -> Bool {
        let first = Self.bucket(simhash, table: 0)
        guard !buckets[first].contains(simhash) else { return false }
        positions[first].append(UInt32(ids.count))
        ids.append(id)
        simhashes.append(simhash)
        for table in 0..<Self.blockCount {
            buckets[Self.bucket(simhash, table: table)].append(simhash)
        }
        return true
    }

    /// The indexed article nearest `fingerprint`, if one is within `maxDistance`. Call it
    /// before inserting the article itself, which would otherwise be its own nearest.
    public func nearest(_ fingerprint: ArticleFingerprint) -> NearDuplicate? {
        nearest(simhash: fingerprint.simhash)
    }

    /// The indexed article whose SimHash is nearest `simhash`, if one is within
    /// `maxDistance` bits; among equally near ones, the first indexed.
    public func nearest(simhash: UInt64) -> NearDuplicate? {
        var best: (simhash: UInt64, distance: Int, position: UInt32)?
        for table in 0..<Self.blockCount {
            let bucket = Self.bucket(simhash, table: table)
            for mask in probeMasks {
                for candidate in buckets[bucket ^ Int(mask)] {
                    let distance = (candidate ^ simhash).nonzeroBitCount
                    guard distance <= maxDistance, distance <= best?.distance ?? .max else { continue }
                    let position = position(of: candidate)
                    if let current = best, distance == current.distance, position >= current.position { continue }
                    best = (candidate, distance, position)
                }
            }
        }
        return best.map {
            NearDuplicate(id: ids[Int($0.position)], distance: $0.distance, similarity: Self.similarity(forDistance: $0.distance))
        }
    }

    /// Where an indexed SimHash sits in `ids`.
    private func position(of simhash: UInt64) -> UInt32 {
        let bucket = Self.bucket(simhash, table: 0)
        // Every indexed SimHash is in table 0: `insert` files it there first.
        return positions[bucket][buckets[bucket].firstIndex(of: simhash)!]
    }

    /// The bucket of `simhash` in table `table`, keyed by its block `table` (0 = most significant 16 bits).
    static func bucket(_ simhash: UInt64, table: Int) -> Int {
        let block = Int(truncatingIfNeeded: (simhash >> UInt64((blockCount - 1 - table) * blockBits)) & 0xFFFF)
        return table << blockBits | block
    }

    /// Every 16-bit mask with at most `bits` bits set.
    private static func masks(withinBits bits: Int) -> [UInt16] {
        (0...UInt16.max).filter { $0.nonzeroBitCount <= bits }
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
}
