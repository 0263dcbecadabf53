import CLMDB

/// The near-duplicate index in the store: permuted SimHash tables (Manku, Jain and Das Sarma,
/// "Detecting near-duplicates for web crawling", 2007), each an LMDB database with sorted
/// duplicates of one fixed size.
///
/// The 64 bits of a SimHash are cut into `tableCount` blocks. Table `t` files every SimHash
/// rotated so that block `t` comes first: its key is that block (the bucket), and its values,
/// packed many to a page (`MDB_DUPFIXED`), are the rotated SimHash (8 bytes, big-endian, so a
/// bucket is sorted by SimHash) and the document's `seq` (6 bytes). Two SimHashes at most `k`
/// bits apart differ in at most `k / tableCount` bits of some block (pigeonhole), so a lookup
/// reads, in each table, the buckets whose key is that close to the query's block — all of
/// them: it never gives up. Rotation keeps distances, so candidates are compared as stored;
/// only those within `k` bits have their MinHash sketch read (from the documents database).
///
/// Buckets are read nearest first; once every bucket up to `p` flipped bits is read in every
/// table, every SimHash within `tableCount × (p + 1) − 1` bits has been seen, and a lookup
/// that already holds a match that near stops there.
struct NearDuplicateTables {
    /// Bytes of a table value: rotated SimHash and `seq`.
    static let valueSize = 14
    /// The databases, one per block.
    let databases: [MDB_dbi]
    /// The first bit (from the most significant) and the width of each block.
    let blocks: [(start: Int, width: Int)]

    /// The tables' database names for `tableCount` blocks.
    static func names(tableCount: Int) -> [String] { (0..<tableCount).map { "near.\($0)" } }

    /// Tables over `databases`, one per block of a SimHash cut into `databases.count` blocks
    /// of nearly equal width.
    init(databases: [MDB_dbi]) {
        self.databases = databases
        let count = databases.count
        var start = 0
        blocks = (0..<count).map { index in
            let width = 64 / count + (index < 64 % count ? 1 : 0)
            defer { start += width }
            return (start, width)
        }
    }

    /// `simhash` with block `table` first.
    func rotated(_ simhash: UInt64, table: Int) -> UInt64 {
        let start = UInt64(blocks[table].start)
        return start == 0 ? simhash : simhash << start | simhash >> (64 - start)
    }

    /// The bucket of a rotated SimHash in table `table`.
    func bucket(_ rotated: UInt64, table: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: rotated >> UInt64(64 - blocks[table].width))
    }

    /// XOR masks over a block of `width` bits with at most `flips` bits set, fewest first.
    static func masks(width: Int, flips: Int) -> [[UInt32]] {
        var levels: [[UInt32]] = [[0]]
        for level in 0..<max(0, min(flips, width)) {
            var next: Set<UInt32> = []
            for mask in levels[level] {
                for bit in 0..<width where mask & (1 << bit) == 0 { next.insert(mask | 1 << bit) }
            }
            levels.append(next.sorted())
        }
        return levels
    }

    /// Files `simhash` for document `seq`, unless it is filed already (the first document
    /// with a SimHash keeps it). Returns whether it was filed.
    @discardableResult
    func insert(simhash: UInt64, seq: Int, in txn: LMDBTransaction) throws -> Bool {
        if try contains(simhash, in: txn) { return false }
        for table in databases.indices {
            let rotated = rotated(simhash, table: table)
            try txn.put(databases[table], Self.key(bucket(rotated, table: table)), Self.value(rotated, seq: seq))
        }
        return true
    }

    /// Whether `simhash` is filed (looked up in table 0).
    func contains(_ simhash: UInt64, in txn: LMDBTransaction) throws -> Bool {
        try txn.withCursor(databases[0]) { cursor in
            let rotated = rotated(simhash, table: 0)
            let probe = Self.value(rotated, seq: 0)
            return try cursor.get(MDB_GET_BOTH_RANGE, key: Self.key(bucket(rotated, table: 0)), value: probe) { _, value in
                value.prefix(8).elementsEqual(probe.prefix(8))
            } ?? false
        }
    }

    /// The SimHash nearest `simhash`, at most `maxDistance` bits from it, whose document
    /// `accept`s (by `seq`); among equally near ones the earliest `seq`. Also returns how
    /// many filed SimHashes were compared.
    func nearest(
        to simhash: UInt64, within maxDistance: Int, masks: [[UInt32]], in txn: LMDBTransaction,
        accept: (Int) throws -> Bool
    ) throws -> (match: (distance: Int, seq: Int)?, examined: Int) {
        var best: (distance: Int, seq: Int)?
        var examined = 0
        let cursors = databases
        for (level, levelMasks) in masks.enumerated() {
            for table in cursors.indices {
                let rotated = rotated(simhash, table: table)
                let home = bucket(rotated, table: table)
                try txn.withCursor(cursors[table]) { cursor in
                    for mask in levelMasks where (home ^ mask) >> blocks[table].width == 0 {
                        guard let first = try cursor.get(MDB_SET_KEY, key: Self.key(home ^ mask), { _, value in Array(value) }) else {
                            continue
                        }
                        // A bucket of one value is a plain entry: MDB_GET_MULTIPLE then returns nothing.
                        var op = MDB_GET_MULTIPLE
                        var pages = 0
                        while let count = try cursor.get(op, { _, values in
                            try Self.consider(values, query: rotated, within: maxDistance, accept: accept, best: &best)
                            return values.count / Self.valueSize
                        }), count > 0 {
                            op = MDB_NEXT_MULTIPLE
                            examined += count
                            pages += 1
                        }
                        if pages == 0 {
                            examined += 1
                            try first.withUnsafeBytes {
                                try Self.consider($0, query: rotated, within: maxDistance, accept: accept, best: &best)
                            }
                        }
                    }
                }
            }
            if let found = best, found.distance <= cursors.count * (level + 1) - 1 { break }
        }
        return (best, examined)
    }

    /// Compares a page of table values with the rotated query.
    private static func consider(
        _ page: UnsafeRawBufferPointer, query: UInt64, within maxDistance: Int, accept: (Int) throws -> Bool,
        best: inout (distance: Int, seq: Int)?
    ) throws {
        var offset = 0
        while offset + valueSize <= page.count {
            defer { offset += valueSize }
            let candidate = UInt64(bigEndian: page.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let distance = (candidate ^ query).nonzeroBitCount
            guard distance <= min(maxDistance, best?.distance ?? .max) else { continue }
            let seq = Int(bigEndian(page[offset + 8..<offset + valueSize]))
            if let current = best, distance == current.distance, seq >= current.seq { continue }
            if try accept(seq) { best = (distance, seq) }
        }
    }

    static func key(_ bucket: UInt32) -> [UInt8] { bytes(UInt64(bucket), count: 4) }

    static func value(_ rotated: UInt64, seq: Int) -> [UInt8] {
        bytes(rotated, count: 8) + bytes(UInt64(seq), count: 6)
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
