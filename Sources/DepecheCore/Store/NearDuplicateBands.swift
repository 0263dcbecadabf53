import CLMDB
import CSimHashScan

/// The near-duplicate index in the store: locality-sensitive bands over the MinHash sketch,
/// one LMDB database of sorted fixed-size duplicates.
///
/// A band is two positions of the 16-position sketch (``bands``). Every article is filed once
/// per band, under a native `UInt32` key (`MDB_INTEGERKEY`): the band's number (4 bits), the
/// two sketch bytes at its positions (16) and the article's epoch (12: its reference, below,
/// shifted right by 24). The value (`MDB_DUPFIXED`, packed many to a page without a node header
/// each) is the reference's low 24 bits and the SimHash's top 40: 8 bytes. The keys of a band
/// and two sketch bytes are neighbours, one per epoch, and a lookup walks them from one seek.
///
/// An article's reference is its `seq` for this host's (below ``StateStore/foreignBase``,
/// 2³⁵) and ``StateStore/foreignBase`` plus its position in the shared log for another host's.
/// Epochs of 2²⁴ articles keep the values at 8 bytes: at 10 million articles a key's values
/// fill nodes of about 1.2 KB, three to a 4 KB page, and the bands take about 98 bytes an
/// article. Format 3's 10-byte values (a 5-byte `seq`) filled them two to a page: 137 bytes.
/// The reference comes first: this host's articles come in `seq` order, so each is appended to
/// its keys' values (`MDB_APPENDDUP`), and pages of values fill up instead of splitting in half.
///
/// **Why it never misses an article within the rule.** ``NearDuplicatePolicy`` counts an
/// earlier article as near only when their sketches agree in at least
/// ``NearDuplicatePolicy/minimumSketchAgreement`` (9) of 16 positions. The 8 bands pair the
/// 16 positions; 9 agreeing positions cannot all fall in different pairs (pigeonhole), so some
/// band agrees whole and its keys find the article. A lookup reads those keys (8 up to 16.7
/// million articles), whatever the number of articles (about 150 values each at 10 million),
/// keeps the values whose 40 SimHash bits are within the distance (about one unrelated article
/// in 800 at 10 bits), and checks those against the whole SimHash and sketch in
/// ``DocumentRecords`` (or `foreign`). It never gives up.
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
    static let filterSize = 5
    static let filterShift = UInt64(64 - 8 * filterSize)
    /// Bytes of a reference in a value (its low bits); the rest is its epoch, in the key.
    static let referenceSize = 3
    static let valueSize = filterSize + referenceSize
    /// Bits of an epoch: references go up to 2³⁶.
    static let epochBits = 12
    /// References past the last this index can file.
    static let referenceLimit = 1 << (8 * referenceSize + epochBits)
    let database: MDB_dbi

    /// The key of `sketch` in band `band` for articles of `epoch`.
    static func key(_ sketch: MinHashSketch, band: Int, epoch: Int = 0) -> UInt32 {
        let (first, second) = bands[band]
        return UInt32(band) << 28 | UInt32(sketch.position(first)) << 20 | UInt32(sketch.position(second)) << 12 | UInt32(epoch)
    }

    static func value(simhash: UInt64, reference: Int) -> PackedRecord {
        var record = PackedRecord()
        record.append(UInt64(reference), bytes: referenceSize)
        record.append(simhash >> filterShift, bytes: filterSize)
        return record
    }

    static func epoch(_ reference: Int) -> Int { reference >> (8 * referenceSize) }

    /// Files each article in every band; sorted by key and `seq` first, so that one cursor walks
    /// the pages in order and appends where it can. Filing an article again changes nothing.
    func insert(_ entries: [(simhash: UInt64, sketch: MinHashSketch, seq: Int)], in txn: LMDBTransaction) throws {
        var puts: [(key: UInt32, simhash: UInt64, seq: Int)] = []
        puts.reserveCapacity(entries.count * Self.bands.count)
        for entry in entries {
            precondition(entry.seq < Self.referenceLimit, "a reference past the near-duplicate index's last")
            for band in Self.bands.indices { puts.append((Self.key(entry.sketch, band: band, epoch: Self.epoch(entry.seq)), entry.simhash, entry.seq)) }
        }
        puts.sort { ($0.key, $0.seq, $0.simhash >> Self.filterShift) < ($1.key, $1.seq, $1.simhash >> Self.filterShift) }
        try txn.withCursor(database) { cursor in
            for put in puts {
                var key = put.key
                try withUnsafeBytes(of: &key) { keyBytes in
                    try Self.value(simhash: put.simhash, reference: put.seq).withBytes { value in
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
                var key = Self.key(sketch, band: band, epoch: Self.epoch(seq))
                return try withUnsafeMutableBytes(of: &key) { keyBytes in
                    try Self.value(simhash: simhash, reference: seq).withBytes { valueBytes in
                        var keyValue = MDB_val(mv_size: keyBytes.count, mv_data: keyBytes.baseAddress)
                        var value = MDB_val(mv_size: valueBytes.count, mv_data: UnsafeMutableRawPointer(mutating: valueBytes.baseAddress))
                        return try cursor.move(MDB_GET_BOTH, key: &keyValue, value: &value)
                    }
                }
            }
        }
    }

    /// Calls `body` with the reference (`seq`) of each filed article that shares a band with
    /// `sketch` and whose SimHash's top bits are within `limit(after)` bits of `simhash`'s, with
    /// those bits (in place, the low ones 0) and their distance (at most the whole SimHashes'),
    /// unless `body` returned false for that reference already ("not near": no need to ask
    /// again). Returns how many values were compared and how many keys were read.
    ///
    /// A band's references come in ascending order (epochs in key order, values sorted by
    /// reference first), so `limit` is asked, at a band's start and after each call, for the
    /// references after the last one given (-1 at the start): a caller that found a near
    /// article wants no farther one, and no later one as near (many copies of a story share
    /// its keys). A negative limit ends the band.
    func candidates(
        simhash: UInt64, sketch: MinHashSketch, within limit: (_ after: Int) -> Int, in txn: LMDBTransaction,
        _ body: (_ seq: Int, _ highBits: UInt64, _ leastDistance: Int) throws -> Bool
    ) throws -> (examined: Int, seeks: Int) {
        var examined = 0
        var seeks = 0
        var rejected = Set<Int>()
        let query = simhash >> Self.filterShift
        try txn.withCursor(database) { cursor in
            for band in Self.bands.indices {
                var budget = limit(-1)
                seeks += try Self.scan(keysOf: Self.key(sketch, band: band), cursor: cursor) { epoch, values, count in
                    var index = 0
                    let filters = (values + Self.referenceSize).assumingMemoryBound(to: UInt8.self)
                    while budget >= 0,
                        case let hit = depeche_simhash_next_within(filters, index, count, Self.valueSize, Self.filterSize, query, Int32(budget)),
                        hit < count
                    {
                        index = hit + 1
                        let seq = epoch << (8 * Self.referenceSize) | Int(loadBigEndian(values + hit * Self.valueSize, bytes: Self.referenceSize))
                        let filter = loadBigEndian(filters + hit * Self.valueSize, bytes: Self.filterSize)
                        if !rejected.contains(seq), try !body(seq, filter << Self.filterShift, (filter ^ query).nonzeroBitCount) {
                            rejected.insert(seq)
                        }
                        budget = limit(seq)
                    }
                    examined += budget >= 0 ? count : index
                    return budget >= 0
                }
            }
        }
        return (examined, seeks)
    }

    /// Calls `body` with each page of values under the keys of every epoch that share `key`'s
    /// band and sketch bytes (its epoch, 0), with their epoch, start and count, until it returns
    /// false; read a page at a time from one seek. Returns how many keys it read.
    @inline(__always)
    private static func scan(keysOf key: UInt32, cursor: LMDBCursor, _ body: (Int, UnsafeRawPointer, Int) throws -> Bool) throws -> Int {
        let epochs = UInt32(1) << UInt32(epochBits)
        var key = key
        var keysRead = 0
        return try withUnsafeMutableBytes(of: &key) { keyBytes in
            var keyValue = MDB_val(mv_size: keyBytes.count, mv_data: keyBytes.baseAddress)
            var first = MDB_val()
            var op = MDB_SET_RANGE
            while try cursor.move(op, key: &keyValue, value: &first) {
                let found = keyValue.bytes.loadUnaligned(as: UInt32.self)
                guard found / epochs == keyBytes.loadUnaligned(as: UInt32.self) / epochs else { break }
                let epoch = Int(found % epochs)
                keysRead += 1
                op = MDB_NEXT_NODUP
                var page = MDB_val()
                // A key of one value is a plain entry: MDB_GET_MULTIPLE then returns nothing.
                guard try cursor.move(MDB_GET_MULTIPLE, key: &keyValue, value: &page), page.mv_size > 0 else {
                    guard try body(epoch, UnsafeRawPointer(first.mv_data!), 1) else { return keysRead }
                    continue
                }
                repeat {
                    guard try body(epoch, UnsafeRawPointer(page.mv_data!), page.mv_size / first.mv_size) else { return keysRead }
                    page = MDB_val()
                } while try cursor.move(MDB_NEXT_MULTIPLE, key: &keyValue, value: &page)
            }
            return keysRead
        }
    }
}
