import CLMDB
import CSimHashScan

/// The near-duplicate index in the store: locality-sensitive bands over the MinHash sketch,
/// one LMDB database of sorted fixed-size duplicates.
///
/// A band is two positions of the 16-position sketch (``bands``). Every article is filed once
/// per band, under the band's number and the two sketch bytes at its positions (a native
/// `UInt32` key, `MDB_INTEGERKEY`); the value (`MDB_DUPFIXED`, packed many to a page without a
/// node header each) is the document's `seq` and its SimHash's top 32 bits (4 bytes each).
/// Eight bytes, not ten (format 3's 5-byte `seq` and 40 bits): at 10 million articles a key's
/// values fill nodes of about 1.2 KB, three to a 4 KB page instead of two, and the bands take
/// about 98 bytes an article instead of 137 (measured; the values alone are 64).
/// `seq` first: this host's articles come in `seq` order, so each is appended to its keys'
/// values (`MDB_APPENDDUP`), and pages of values fill up instead of splitting in half.
///
/// **Why it never misses an article within the rule.** ``NearDuplicatePolicy`` counts an
/// earlier article as near only when their sketches agree in at least
/// ``NearDuplicatePolicy/minimumSketchAgreement`` (9) of 16 positions. The 8 bands pair the
/// 16 positions; 9 agreeing positions cannot all fall in different pairs (pigeonhole), so some
/// band agrees whole and its key finds the article. A lookup reads those 8 keys, whatever the
/// number of articles (about 150 values each at 10 million), keeps the values whose 32 SimHash
/// bits are within the distance (about one unrelated article in 40 at 10 bits), and checks
/// those against the whole SimHash and sketch in `documents` (or `foreign`). It never gives up.
///
/// SimHash tables (Manku et al.), the earlier scheme, had to read a share of the index that
/// grows with it: 548 buckets and 84,000 values at 10 million articles for a 10-bit radius.
struct NearDuplicateBands {
    /// The database's name and flags.
    static let name = "near"
    static let flags = MDB_INTEGERKEY | MDB_DUPSORT | MDB_DUPFIXED
    /// The sketch positions of each band: disjoint pairs covering all 16.
    static let bands: [(Int, Int)] = stride(from: 0, to: MinHashSketch.count, by: 2).map { ($0, $0 + 1) }
    /// Bytes of the SimHash (its top bits) in a value, and bits it shifts away.
    static let filterSize = 4
    static let filterShift = UInt64(64 - 8 * filterSize)
    /// Bytes of a `seq` in a value: this host's below 2³¹, other hosts' documents above
    /// (``StateStore/foreignBase``).
    static let seqSize = 4
    static let valueSize = filterSize + seqSize
    let database: MDB_dbi

    /// The key of `sketch` in band `band`.
    static func key(_ sketch: MinHashSketch, band: Int) -> UInt32 {
        let (first, second) = bands[band]
        return UInt32(band) << 16 | UInt32(sketch.position(first)) << 8 | UInt32(sketch.position(second))
    }

    static func value(simhash: UInt64, seq: Int) -> PackedRecord {
        var record = PackedRecord()
        record.append(UInt64(seq), bytes: seqSize)
        record.append(simhash >> filterShift, bytes: filterSize)
        return record
    }

    /// Files each article in every band; sorted by key and `seq` first, so that one cursor walks
    /// the pages in order and appends where it can. Filing an article again changes nothing.
    func insert(_ entries: [(simhash: UInt64, sketch: MinHashSketch, seq: Int)], in txn: LMDBTransaction) throws {
        var puts: [(key: UInt32, simhash: UInt64, seq: Int)] = []
        puts.reserveCapacity(entries.count * Self.bands.count)
        for entry in entries {
            for band in Self.bands.indices { puts.append((Self.key(entry.sketch, band: band), entry.simhash, entry.seq)) }
        }
        puts.sort { ($0.key, $0.seq, $0.simhash >> Self.filterShift) < ($1.key, $1.seq, $1.simhash >> Self.filterShift) }
        try txn.withCursor(database) { cursor in
            for put in puts {
                var key = put.key
                try withUnsafeBytes(of: &key) { keyBytes in
                    try Self.value(simhash: put.simhash, seq: put.seq).withBytes { value in
                        // Not after the key's last value (another host's article, or a replay): a plain put.
                        if try !cursor.put(key: keyBytes, value: value, flags: MDB_APPENDDUP) {
                            try cursor.put(key: keyBytes, value: value, flags: MDB_NODUPDATA)
                        }
                    }
                }
            }
        }
    }

    /// Whether the article `seq` is filed, with this SimHash and sketch, in every band.
    func contains(seq: Int, simhash: UInt64, sketch: MinHashSketch, in txn: LMDBTransaction) throws -> Bool {
        try txn.withCursor(database) { cursor in
            try Self.bands.indices.allSatisfy { band in
                var key = Self.key(sketch, band: band)
                return try withUnsafeMutableBytes(of: &key) { keyBytes in
                    try Self.value(simhash: simhash, seq: seq).withBytes { valueBytes in
                        var keyValue = MDB_val(mv_size: keyBytes.count, mv_data: keyBytes.baseAddress)
                        var value = MDB_val(mv_size: valueBytes.count, mv_data: UnsafeMutableRawPointer(mutating: valueBytes.baseAddress))
                        return try cursor.move(MDB_GET_BOTH, key: &keyValue, value: &value)
                    }
                }
            }
        }
    }

    /// Calls `body` with the `seq` of each filed article that shares a band with `sketch` and
    /// whose SimHash's top bits are within `maxDistance` bits of `simhash`'s, with those bits
    /// (in place, the low ones 0) and their distance (at most the whole SimHashes'), unless `body` returned false for that `seq`
    /// already ("not near": no need to ask again). Returns how many values were compared and how
    /// many keys were sought.
    func candidates(
        simhash: UInt64, sketch: MinHashSketch, within maxDistance: Int, in txn: LMDBTransaction,
        _ body: (_ seq: Int, _ highBits: UInt64, _ leastDistance: Int) throws -> Bool
    ) throws -> (examined: Int, seeks: Int) {
        var examined = 0
        var rejected = Set<Int>()
        let query = simhash >> Self.filterShift
        try txn.withCursor(database) { cursor in
            for band in Self.bands.indices {
                examined += try Self.scan(key: Self.key(sketch, band: band), cursor: cursor) { values, count in
                    var index = 0
                    let filters = (values + Self.seqSize).assumingMemoryBound(to: UInt8.self)
                    while case let hit = depeche_simhash_next_within(filters, index, count, Self.valueSize, Self.filterSize, query, Int32(maxDistance)),
                        hit < count
                    {
                        index = hit + 1
                        let seq = Int(loadBigEndian(values + hit * Self.valueSize, bytes: Self.seqSize))
                        let filter = loadBigEndian(filters + hit * Self.valueSize, bytes: Self.filterSize)
                        if !rejected.contains(seq), try !body(seq, filter << Self.filterShift, (filter ^ query).nonzeroBitCount) {
                            rejected.insert(seq)
                        }
                    }
                    return count
                }
            }
        }
        return (examined, Self.bands.count)
    }

    /// Calls `body` with each page of values under `key` (their start and how many there are),
    /// read a page at a time; returns the sum of what `body` returned.
    @inline(__always)
    private static func scan(key: UInt32, cursor: LMDBCursor, _ body: (UnsafeRawPointer, Int) throws -> Int) throws -> Int {
        var key = key
        return try withUnsafeMutableBytes(of: &key) { keyBytes in
            var keyValue = MDB_val(mv_size: keyBytes.count, mv_data: keyBytes.baseAddress)
            var first = MDB_val()
            guard try cursor.move(MDB_SET, key: &keyValue, value: &first) else { return 0 }
            var page = MDB_val()
            // A key of one value is a plain entry: MDB_GET_MULTIPLE then returns nothing.
            guard try cursor.move(MDB_GET_MULTIPLE, key: &keyValue, value: &page), page.mv_size > 0 else {
                return try body(UnsafeRawPointer(first.mv_data!), 1)
            }
            var total = 0
            repeat {
                total += try body(UnsafeRawPointer(page.mv_data!), page.mv_size / first.mv_size)
                page = MDB_val()
            } while try cursor.move(MDB_NEXT_MULTIPLE, key: &keyValue, value: &page)
            return total
        }
    }
}
