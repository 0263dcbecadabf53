/// Finds, among the articles seen so far, the one whose SimHash is nearest a new article's,
/// when it is within `maxDistance` bits and their MinHash sketches agree — without comparing
/// against every article.
///
/// Multi-index SimHash: each SimHash is split into four 16-bit blocks and filed under each
/// block in one of four tables. Two SimHashes at most `maxDistance` bits apart differ in at
/// most `maxDistance / 4` bits of at least one block (pigeonhole), so a lookup visits, in each
/// table, only the buckets of keys that close to the query's block: 1 bucket per table up to
/// distance 3, 17 up to 7, 137 up to 11, 697 up to 15. With a million articles a bucket holds
/// about 15 SimHashes. The last few thousand SimHashes inserted wait in a list that lookups
/// scan whole, and are filed in the tables in one batch.
///
/// 64 bits are few for a million articles: a new story has an unrelated SimHash within 10
/// bits with probability about 1 % (within 12, 18 %). So a SimHash neighbour counts only when
/// its MinHash sketch agrees with the new article's in `minimumSketchAgreement` of 16 positions
/// (see ``NearDuplicatePolicy``).
///
/// A lookup examines at most `lookupBudget` filed SimHashes, nearest buckets first. Articles
/// with a diverse vocabulary spread their SimHashes evenly (about 8,400 examined at a million
/// articles, 10 bits: the budget is reached at two million); a stream of near-identical pages (one template, other figures)
/// piles them into the same few buckets, and without a budget every lookup would scan them
/// all. Past the budget, the answer is the nearest among those examined.
///
/// The index is rebuilt from the `simhash` and `minhash` (sketch) of `document.ingested`
/// events, so replaying the event log restores it. Inserting a SimHash that is already
/// indexed changes nothing: replaying an event twice is harmless, and a lookup names the
/// first article indexed with that SimHash.
public struct NearDuplicateIndex: Sendable {
    static let blockCount = 4
    /// New SimHashes wait in a short list, scanned whole by lookups, until this many are
    /// filed into the tables in one batch.
    static let batchSize = 8192
    /// Most filed SimHashes one lookup examines (the pending ones are always all examined).
    static let lookupBudget = 16_384

    /// The greatest SimHash distance that counts as near.
    public let maxDistance: Int
    /// The last event-log `seq` the index covers, saved with it: after a load, replay the
    /// events logged after it. The daemon sets it; the index only keeps it.
    public var seq = 0
    /// Article ids in insertion order: an entry's position is its index here.
    private(set) var ids = DocumentIDs()
    /// The MinHash sketch of each entry, by position.
    private var sketches: [MinHashSketch] = []
    /// One table per 16-bit block of the SimHash.
    private var tables = (0..<blockCount).map(SimHashTable.init(block:))
    /// SimHashes not yet filed in the tables, with their positions.
    private var pendingSimhashes: [UInt64] = []
    private var pendingPositions: [UInt32] = []
    /// The keys within `maxDistance / 4` bits of a block, as XOR masks, fewest bits first.
    private let probeMasks: [Int]

    /// An empty index that reports articles at most `maxDistance` SimHash bits apart
    /// (one of `supportedDistances`).
    public init(maxDistance: Int = NearDuplicatePolicy.defaultMaxDistance) {
        precondition(NearDuplicatePolicy.supportedDistances.contains(maxDistance), "maxDistance must be within 0...15")
        self.maxDistance = maxDistance
        probeMasks = (0..<SimHashTable.bucketCount).filter { $0.nonzeroBitCount <= maxDistance / Self.blockCount }
            .sorted { ($0.nonzeroBitCount, $0) < ($1.nonzeroBitCount, $1) }
    }

    /// How many distinct SimHashes are indexed.
    public var count: Int { ids.count }

    /// Indexes article `id` by its fingerprint. See `insert(simhash:sketch:id:)`.
    @discardableResult
    public mutating func insert(_ fingerprint: ArticleFingerprint, id: String) -> Bool {
        insert(simhash: fingerprint.simhash, sketch: fingerprint.sketch, id: id)
    }

    /// Indexes article `id` under `simhash`, with its MinHash `sketch`. Returns false,
    /// changing nothing, when the SimHash is already indexed (under this id or an earlier one).
    @discardableResult
    public mutating func insert(simhash: UInt64, sketch: MinHashSketch, id: String) -> Bool {
        guard !isFiled(simhash), !pendingSimhashes.contains(simhash) else { return false }
        append(simhash: simhash, sketch: sketch, id: id)
        if pendingSimhashes.count >= Self.batchSize { fileThePending() }
        return true
    }

    /// Whether `simhash` is filed, looked up in the table where its bucket is smallest (SimHashes
    /// that share most blocks crowd one bucket of every table but the one keyed by the block
    /// where they differ).
    private func isFiled(_ simhash: UInt64) -> Bool {
        let table = tables.indices.min { tables[$0].bucketSize(of: simhash) < tables[$1].bucketSize(of: simhash) } ?? 0
        return tables[table].contains(simhash)
    }

    /// Adds an entry known to be new, without filing it in the tables yet.
    mutating func append(simhash: UInt64, sketch: MinHashSketch, id: String) {
        pendingSimhashes.append(simhash)
        pendingPositions.append(UInt32(ids.count))
        sketches.append(sketch)
        ids.append(id)
    }

    /// Files the pending SimHashes in every table.
    mutating func fileThePending() {
        for table in tables.indices { tables[table].merge(pendingSimhashes, pendingPositions) }
        pendingSimhashes.removeAll(keepingCapacity: true)
        pendingPositions.removeAll(keepingCapacity: true)
    }

    /// The indexed article nearest `fingerprint`, if one is near (see `nearest(simhash:sketch:)`).
    /// Call it before inserting the article itself, which would otherwise be its own nearest.
    public func nearest(_ fingerprint: ArticleFingerprint) -> NearDuplicate? {
        nearest(simhash: fingerprint.simhash, sketch: fingerprint.sketch)
    }

    /// The indexed article whose SimHash is nearest `simhash`, among those within
    /// `maxDistance` bits whose sketch agrees with `sketch` in `minimumSketchAgreement`
    /// positions; among equally near ones, the first indexed.
    public func nearest(simhash: UInt64, sketch: MinHashSketch) -> NearDuplicate? {
        lookup(simhash: simhash, sketch: sketch).nearest
    }

    /// `nearest(simhash:sketch:)`, and how many filed SimHashes the lookup examined.
    func lookup(simhash: UInt64, sketch: MinHashSketch) -> (nearest: NearDuplicate?, examined: Int) {
        var best: SimHashMatch?
        let accept = { (position: UInt32) in
            sketches[Int(position)].agreement(with: sketch) >= NearDuplicatePolicy.minimumSketchAgreement
        }
        var budget = Self.lookupBudget
        for mask in probeMasks where budget > 0 {
            for table in tables.indices where budget > 0 {
                let key = tables[table].key(simhash) ^ mask
                budget -= tables[table].nearest(
                    inBucket: key, to: simhash, within: maxDistance, atMost: budget, accepting: accept, improving: &best)
            }
        }
        for (index, pending) in pendingSimhashes.enumerated() {
            SimHashMatch.consider(
                pending, query: simhash, within: maxDistance, position: { pendingPositions[index] }, accept: accept,
                best: &best)
        }
        let nearest = best.map {
            NearDuplicate(
                id: ids[Int($0.position)], distance: $0.distance, similarity: NearDuplicatePolicy.similarity(forDistance: $0.distance))
        }
        return (nearest, Self.lookupBudget - budget)
    }

    /// The sketch of the entry at `position`.
    func sketch(at position: Int) -> MinHashSketch { sketches[position] }

    /// The indexed SimHashes in insertion order.
    var simhashesInOrder: [UInt64] {
        var simhashes = [UInt64](repeating: 0, count: count)
        tables[0].forEach { simhashes[Int($1)] = $0 }
        for (simhash, position) in zip(pendingSimhashes, pendingPositions) { simhashes[Int(position)] = simhash }
        return simhashes
    }
}
