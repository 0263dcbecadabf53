/// A SimHash near a query: how near, and the position of its document in the index.
struct SimHashMatch: Sendable {
    var distance: Int
    var position: UInt32

    /// Replaces `best` by the candidate when it is at most `maxDistance` bits from `query`,
    /// nearer than `best` (or as near and indexed earlier), and `accept`ed by position.
    /// `position` is read only for candidates near enough.
    static func consider(
        _ candidate: UInt64, query: UInt64, within maxDistance: Int, position: () -> UInt32,
        accept: (UInt32) -> Bool, best: inout SimHashMatch?
    ) {
        let distance = (candidate ^ query).nonzeroBitCount
        guard distance <= min(maxDistance, best?.distance ?? .max) else { return }
        let position = position()
        if let current = best, distance == current.distance, position >= current.position { return }
        guard accept(position) else { return }
        best = SimHashMatch(distance: distance, position: position)
    }
}

/// One of the near-duplicate index's four tables: SimHashes filed by one 16-bit block, all
/// in one array, bucket after bucket, so probing a bucket reads one contiguous run (a
/// million entries in per-bucket arrays would cost a cache miss and some 50 bytes each).
/// The index adds entries in batches (`merge`).
struct SimHashTable: Sendable {
    static let keyBits = 16
    static let bucketCount = 1 << keyBits

    /// Which block keys the table: 0 is the most significant 16 bits.
    let block: Int
    /// Bucket `k` is `simhashes[offsets[k]..<offsets[k + 1]]`, with the positions of their
    /// documents at the same indices of `positions`.
    private var offsets = [UInt32](repeating: 0, count: bucketCount + 1)
    private var simhashes: [UInt64] = []
    private var positions: [UInt32] = []

    /// An empty table keyed by block `block`.
    init(block: Int) {
        self.block = block
    }

    /// The bucket of `simhash` in this table.
    func key(_ simhash: UInt64) -> Int {
        Int(truncatingIfNeeded: simhash >> UInt64((3 - block) * Self.keyBits)) & (Self.bucketCount - 1)
    }

    /// How many entries share the bucket of `simhash`.
    func bucketSize(of simhash: UInt64) -> Int {
        let key = key(simhash)
        return Int(offsets[key + 1] - offsets[key])
    }

    /// Whether `simhash` is filed here.
    func contains(_ simhash: UInt64) -> Bool {
        let key = key(simhash)
        return simhashes[Int(offsets[key])..<Int(offsets[key + 1])].contains(simhash)
    }

    /// Considers the entries of bucket `key`, at most `limit` of them, as the nearest to
    /// `query` (`SimHashMatch.consider`); returns how many it considered.
    func nearest(
        inBucket key: Int, to query: UInt64, within maxDistance: Int, atMost limit: Int,
        accepting accept: (UInt32) -> Bool, improving best: inout SimHashMatch?
    ) -> Int {
        let start = Int(offsets[key])
        let end = min(Int(offsets[key + 1]), start + limit)
        for index in start..<end {
            SimHashMatch.consider(
                simhashes[index], query: query, within: maxDistance, position: { positions[index] }, accept: accept,
                best: &best)
        }
        return end - start
    }

    /// Calls `body` with every entry.
    func forEach(_ body: (_ simhash: UInt64, _ position: UInt32) -> Void) {
        for (simhash, position) in zip(simhashes, positions) { body(simhash, position) }
    }

    /// Files a batch of SimHashes with their documents' positions: a counting sort of the
    /// batch by key, then one pass that copies each bucket's old and new entries.
    mutating func merge(_ newSimhashes: [UInt64], _ newPositions: [UInt32]) {
        guard !newSimhashes.isEmpty else { return }
        var newOffsets = [Int](repeating: 0, count: Self.bucketCount + 1)
        for simhash in newSimhashes { newOffsets[key(simhash) + 1] += 1 }
        for key in 0..<Self.bucketCount { newOffsets[key + 1] += newOffsets[key] }
        var sortedSimhashes = [UInt64](repeating: 0, count: newSimhashes.count)
        var sortedPositions = [UInt32](repeating: 0, count: newSimhashes.count)
        var next = newOffsets
        for (simhash, position) in zip(newSimhashes, newPositions) {
            let slot = next[key(simhash)]
            sortedSimhashes[slot] = simhash
            sortedPositions[slot] = position
            next[key(simhash)] = slot + 1
        }
        var mergedSimhashes: [UInt64] = []
        var mergedPositions: [UInt32] = []
        mergedSimhashes.reserveCapacity(simhashes.count + newSimhashes.count)
        mergedPositions.reserveCapacity(simhashes.count + newSimhashes.count)
        for key in 0..<Self.bucketCount {
            let old = Int(offsets[key])..<Int(offsets[key + 1])
            let new = newOffsets[key]..<newOffsets[key + 1]
            mergedSimhashes.append(contentsOf: simhashes[old])
            mergedSimhashes.append(contentsOf: sortedSimhashes[new])
            mergedPositions.append(contentsOf: positions[old])
            mergedPositions.append(contentsOf: sortedPositions[new])
            offsets[key] = UInt32(old.lowerBound + new.lowerBound)
        }
        offsets[Self.bucketCount] = UInt32(mergedSimhashes.count)
        simhashes = mergedSimhashes
        positions = mergedPositions
    }
}
