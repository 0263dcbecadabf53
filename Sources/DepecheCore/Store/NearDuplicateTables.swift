import CLMDB
import CSimHashScan

/// The near-duplicate index in the store: permuted SimHash tables (Manku, Jain and Das Sarma,
/// "Detecting near-duplicates for web crawling", 2007), each an LMDB database of sorted
/// fixed-size duplicates.
///
/// The 64 bits of a SimHash are cut into `tableCount` blocks. Table `t` files every SimHash
/// rotated so that block `t` comes first: its key is that block (the bucket, a native `UInt32`,
/// `MDB_INTEGERKEY`), and its values, packed many to a page without a node header each
/// (`MDB_DUPFIXED`), are the rotated SimHash's other bits (6 bytes for 3 or 4 tables);
/// table 0's values also hold the document's `seq` (5 bytes), so a SimHash found in another
/// table is looked up there (one seek, only for SimHashes within the threshold). Two SimHashes
/// at most `k` bits apart differ in at most `k / tableCount` bits of some block (pigeonhole),
/// so a lookup reads, in each table, every bucket whose key is that close to the query's
/// block, and every entry in it: it never gives up. Rotation keeps distances.
///
/// A lookup reads the buckets of a table in ascending key order with one cursor, a page of
/// values per call (`MDB_GET_MULTIPLE`), compared in a loop over the mapped bytes: no
/// allocation per bucket.
struct NearDuplicateTables {
    /// The flags the tables are created with.
    static let flags = MDB_INTEGERKEY | MDB_DUPSORT | MDB_DUPFIXED
    /// Bytes of a `seq` in table 0's values (up to 2⁴⁰ events).
    static let seqSize = 5
    /// The databases, one per block.
    let databases: [MDB_dbi]
    /// The first bit (from the most significant) and the width of each block.
    let blocks: [(start: Int, width: Int)]
    /// Bytes of the bits after the block, in every table's values.
    let restSize: Int
    /// XOR masks of a block with at most `maxDistance / tableCount` bits set.
    let masks: [UInt32]

    /// The tables' database names for `tableCount` blocks.
    static func names(tableCount: Int) -> [String] { (0..<tableCount).map { "near.\($0)" } }

    /// Tables over `databases`, one per block of a SimHash cut into `databases.count` blocks
    /// of nearly equal width, for lookups up to `maxDistance` bits.
    init(databases: [MDB_dbi], maxDistance: Int) {
        self.databases = databases
        let count = databases.count
        var start = 0
        blocks = (0..<count).map { index in
            let width = 64 / count + (index < 64 % count ? 1 : 0)
            defer { start += width }
            return (start, width)
        }
        restSize = (64 - 64 / count + 7) / 8
        masks = Self.masks(width: blocks[0].width, flips: maxDistance / count)
    }

    /// Bytes of a value of table `table`.
    func valueSize(table: Int) -> Int { table == 0 ? restSize + Self.seqSize : restSize }

    /// `simhash` with block `table` first.
    func rotated(_ simhash: UInt64, table: Int) -> UInt64 {
        let start = UInt64(blocks[table].start)
        return start == 0 ? simhash : simhash << start | simhash >> (64 - start)
    }

    /// The bucket (the block) and the rest of `simhash` in table `table`.
    func split(_ simhash: UInt64, table: Int) -> (bucket: UInt32, rest: UInt64) {
        let rotated = rotated(simhash, table: table)
        let restBits = UInt64(64 - blocks[table].width)
        return (UInt32(truncatingIfNeeded: rotated >> restBits), rotated & (1 << restBits - 1))
    }

    /// The SimHash whose bucket and rest in table `table` these are.
    func simhash(bucket: UInt32, rest: UInt64, table: Int) -> UInt64 {
        let rotated = UInt64(bucket) << UInt64(64 - blocks[table].width) | rest
        let start = UInt64(blocks[table].start)
        return start == 0 ? rotated : rotated >> start | rotated << (64 - start)
    }

    /// XOR masks over a block of `width` bits with at most `flips` bits set.
    static func masks(width: Int, flips: Int) -> [UInt32] {
        var levels: [[UInt32]] = [[0]]
        for level in 0..<max(0, min(flips, width)) {
            var next: Set<UInt32> = []
            for mask in levels[level] {
                for bit in 0..<width where mask & (1 << bit) == 0 { next.insert(mask | 1 << bit) }
            }
            levels.append(next.sorted())
        }
        return levels.flatMap { $0 }
    }

    /// Files each SimHash for its document, unless it is filed already (the first document
    /// with a SimHash keeps it; earlier in `entries` first). Each table's puts are sorted by
    /// key and made with one cursor.
    func insert(_ entries: [(simhash: UInt64, seq: Int)], in txn: LMDBTransaction) throws {
        var filed: [(simhash: UInt64, seq: Int)] = []
        var seen = Set<UInt64>()
        try txn.withCursor(databases[0]) { cursor in
            for entry in entries where seen.insert(entry.simhash).inserted {
                if try seq(of: entry.simhash, cursor: cursor) == nil { filed.append(entry) }
            }
        }
        for table in databases.indices {
            let values = filed.map { entry in (split(entry.simhash, table: table), entry.seq) }.sorted { $0.0.bucket < $1.0.bucket }
            try txn.withCursor(databases[table]) { cursor in
                for ((bucket, rest), seq) in values {
                    var key = bucket
                    var value = PackedRecord()
                    value.append(rest, bytes: restSize)
                    if table == 0 { value.append(UInt64(seq), bytes: Self.seqSize) }
                    _ = try withUnsafeBytes(of: &key) { keyBytes in try value.withBytes { try cursor.put(key: keyBytes, value: $0) } }
                }
            }
        }
    }

    /// The `seq` filed with `simhash` (in table 0), or nil.
    func seq(of simhash: UInt64, cursor: LMDBCursor) throws -> Int? {
        var (bucket, rest) = split(simhash, table: 0)
        var probe = PackedRecord()
        probe.append(rest, bytes: restSize)
        probe.append(0, bytes: Self.seqSize)
        return try withUnsafeBytes(of: &bucket) { keyBytes in
            try probe.withBytes { probeBytes in
                var key = MDB_val(mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
                var value = MDB_val(mv_size: probeBytes.count, mv_data: UnsafeMutableRawPointer(mutating: probeBytes.baseAddress))
                guard try cursor.move(MDB_GET_BOTH_RANGE, key: &key, value: &value),
                    loadBigEndian(value.mv_data!, bytes: restSize) == rest
                else { return nil }
                return Int(loadBigEndian(value.mv_data! + restSize, bytes: Self.seqSize))
            }
        }
    }

    /// Whether `simhash` is filed.
    func contains(_ simhash: UInt64, in txn: LMDBTransaction) throws -> Bool {
        try txn.withCursor(databases[0]) { try seq(of: simhash, cursor: $0) } != nil
    }

    /// The SimHash nearest `simhash`, at most `maxDistance` bits from it, whose document
    /// `accept`s (by `seq`); among equally near ones the earliest `seq`. Also returns how many
    /// filed SimHashes were compared and how many buckets were sought.
    func nearest(
        to simhash: UInt64, within maxDistance: Int, in txn: LMDBTransaction, accept: (Int) throws -> Bool
    ) throws -> (match: (distance: Int, seq: Int)?, examined: Int, seeks: Int) {
        var best: (distance: Int, seq: Int)?
        var examined = 0
        var seeks = 0
        try txn.withCursor(databases[0]) { seqCursor in
            try withUnsafeTemporaryAllocation(of: UInt32.self, capacity: masks.count) { keys in
                for table in databases.indices {
                    let (home, query) = split(simhash, table: table)
                    let width = blocks[table].width
                    var keyCount = 0
                    for mask in masks where mask >> width == 0 {
                        keys[keyCount] = home ^ mask
                        keyCount += 1
                    }
                    var probes = UnsafeMutableBufferPointer(rebasing: keys[0..<keyCount])
                    probes.sort()
                    seeks += keyCount
                    let size = valueSize(table: table)
                    try txn.withCursor(databases[table]) { cursor in
                        for bucket in probes {
                            let budget = maxDistance - (bucket ^ home).nonzeroBitCount
                            examined += try scan(bucket: bucket, cursor: cursor) { values, count in
                                var index = 0
                                while let hit = Self.nextWithin(
                                    values, from: index, count: count, stride: size, restSize: restSize, query: query, budget: budget)
                                {
                                    index = hit + 1
                                    let pointer = values + hit * size
                                    let rest = loadBigEndian(pointer, bytes: restSize)
                                    let distance = maxDistance - budget + (rest ^ query).nonzeroBitCount
                                    guard distance <= best?.distance ?? .max else { continue }
                                    let seq = table == 0
                                        ? Int(loadBigEndian(pointer + restSize, bytes: Self.seqSize))
                                        : try self.seq(of: self.simhash(bucket: bucket, rest: rest, table: table), cursor: seqCursor)
                                    guard let seq else { continue }
                                    if let current = best, distance == current.distance, seq >= current.seq { continue }
                                    if try accept(seq) { best = (distance, seq) }
                                }
                                return count
                            }
                        }
                    }
                }
            }
        }
        return (best, examined, seeks)
    }

    /// The index of the first of `count` values (from `start`, `stride` bytes apart) whose
    /// rest is at most `budget` bits from `query`: the loop every filed SimHash goes through
    /// (in C, to count bits with the CPU's instruction where it has one).
    @inline(__always)
    private static func nextWithin(
        _ values: UnsafeRawPointer, from start: Int, count: Int, stride: Int, restSize: Int, query: UInt64, budget: Int
    ) -> Int? {
        let index = depeche_simhash_next_within(
            values.assumingMemoryBound(to: UInt8.self), start, count, stride, restSize, query, Int32(budget))
        return index < count ? index : nil
    }

    /// Calls `body` with each page of values of `bucket` (their start and how many there are),
    /// read a page at a time; returns the sum of what `body` returned.
    @inline(__always)
    private func scan(bucket: UInt32, cursor: LMDBCursor, _ body: (UnsafeRawPointer, Int) throws -> Int) throws -> Int {
        var bucket = bucket
        return try withUnsafeMutableBytes(of: &bucket) { keyBytes in
            var key = MDB_val(mv_size: keyBytes.count, mv_data: keyBytes.baseAddress)
            var first = MDB_val()
            guard try cursor.move(MDB_SET, key: &key, value: &first) else { return 0 }
            var page = MDB_val()
            // A bucket of one value is a plain entry: MDB_GET_MULTIPLE then returns nothing.
            guard try cursor.move(MDB_GET_MULTIPLE, key: &key, value: &page), page.mv_size > 0 else {
                return try body(UnsafeRawPointer(first.mv_data!), 1)
            }
            var total = 0
            repeat {
                total += try body(UnsafeRawPointer(page.mv_data!), page.mv_size / first.mv_size)
                page = MDB_val()
            } while try cursor.move(MDB_NEXT_MULTIPLE, key: &key, value: &page)
            return total
        }
    }
}

/// `value`'s low `count` bytes, most significant first.
func bytes(_ value: UInt64, count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: value >> UInt64(8 * (count - 1 - $0))) }
}

/// The big-endian number in `bytes` (at most 8).
func bigEndian(_ bytes: some Collection<UInt8>) -> UInt64 {
    bytes.reduce(0) { $0 << 8 | UInt64($1) }
}
