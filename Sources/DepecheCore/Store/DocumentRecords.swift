import CLMDB

/// This host's documents by `seq`, in the store: one fixed-size record each, packed many to a
/// page without a node header each (`MDB_DUPSORT | MDB_DUPFIXED`) under the `seq`'s high bits
/// (a native `UInt64` key, `seq >> 16`), and appended, so that pages fill up.
///
/// A record (``size``, 54 bytes) is the `seq`'s low 16 bits (big-endian: the records of a key
/// sort by `seq`), the MinHash sketch (16), the SimHash's low 32 bits (its top 40 are in every
/// band value of ``NearDuplicateBands``; 0: no article, or a SimHash that a store of format 2
/// had not kept) and the 32 bytes of an id `sha256:<hex>`. Any other id (none that depeche
/// makes) has 32 zero bytes there and its UTF-8 in `record.ids`, under the native `seq`.
struct DocumentRecords {
    /// The databases' names and flags.
    static let name = "records"
    static let flags = MDB_INTEGERKEY | MDB_DUPSORT | MDB_DUPFIXED
    static let otherIDsName = "record.ids"
    /// Bits of `seq` kept in a record rather than in its key.
    static let lowBits = 16
    /// Bytes of a record.
    static let size = 2 + 16 + 4 + 32
    let database: MDB_dbi
    let otherIDs: MDB_dbi

    /// What a record holds.
    struct Record: Equatable {
        var id: String
        /// The SimHash's low 32 bits.
        var simhashLowBits: UInt64
        var sketch: MinHashSketch
    }

    /// Opens (unless `readOnly`, creating) the databases in `txn`.
    init(in txn: LMDBTransaction, readOnly: Bool) throws {
        database = try txn.database(Self.name, flags: Self.flags, create: !readOnly)
        otherIDs = try txn.database(Self.otherIDsName, flags: MDB_INTEGERKEY, create: !readOnly)
    }

    /// Writes each document's record, in `seq` order; a `seq` already there is replaced.
    func put(_ documents: [(seq: Int, simhash: UInt64, sketch: MinHashSketch, id: String)], in txn: LMDBTransaction) throws {
        try txn.withCursor(database) { cursor in
            for document in documents.sorted(by: { $0.seq < $1.seq }) {
                let digest = DocumentIDs.sha256Digest(document.id)
                let record = Self.record(seq: document.seq, simhash: document.simhash, sketch: document.sketch, digest: digest)
                var key = UInt64(document.seq) >> UInt64(Self.lowBits)
                try withUnsafeBytes(of: &key) { key in
                    try record.withUnsafeBytes { record in
                        // Not after the key's last record: a replay, or a document written again.
                        if try !cursor.put(key: key, value: record, flags: MDB_APPENDDUP) {
                            if try find(seq: document.seq, cursor: cursor) != nil { try cursor.deleteCurrent() }
                            try cursor.put(key: key, value: record)
                        }
                    }
                }
                if digest == nil { try txn.put(otherIDs, Self.otherIDKey(document.seq), Array(document.id.utf8)) }
            }
        }
    }

    /// The record of `seq`, if there is one.
    func record(seq: Int, in txn: LMDBTransaction) throws -> Record? {
        guard let (simhashLowBits, sketch, digest) = try txn.withCursor(database, { cursor in
            try find(seq: seq, cursor: cursor).map { record in
                let (simhash, sketch) = Self.fingerprint(record)
                return (simhash, sketch, record[22..<54].allSatisfy { $0 == 0 } ? nil : Array(record[22..<54]))
            }
        }) else { return nil }
        let id = try digest.map { ContentHash.idPrefix + ContentHash.hex($0) }
            ?? txn.get(otherIDs, Self.otherIDKey(seq)) { String(decoding: $0, as: UTF8.self) } ?? ""
        return Record(id: id, simhashLowBits: simhashLowBits, sketch: sketch)
    }

    /// The SimHash's low bits and the sketch of `seq`'s record, found with `cursor` (on this
    /// database) and without allocating: what a near lookup reads of each candidate.
    func fingerprint(seq: Int, cursor: LMDBCursor) throws -> (simhashLowBits: UInt64, sketch: MinHashSketch)? {
        try find(seq: seq, cursor: cursor).map(Self.fingerprint)
    }

    /// Sets the SimHash of `seq`'s record (a store of format 2 kept it elsewhere); returns the
    /// record's sketch, or nil when there is no record.
    func setSimhash(_ simhash: UInt64, seq: Int, in txn: LMDBTransaction) throws -> MinHashSketch? {
        try txn.withCursor(database) { cursor in
            guard var record = try find(seq: seq, cursor: cursor).map(Array.init) else { return nil }
            record.replaceSubrange(18..<22, with: bytes(simhash & 0xFFFF_FFFF, count: 4))
            var key = UInt64(seq) >> UInt64(Self.lowBits)
            try withUnsafeBytes(of: &key) { key in try record.withUnsafeBytes { _ = try cursor.put(key: key, value: $0, flags: MDB_CURRENT) } }
            return record.withUnsafeBytes { Self.fingerprint($0).sketch }
        }
    }

    /// Puts `cursor` on `seq`'s record and returns it (valid until the database changes).
    private func find(seq: Int, cursor: LMDBCursor) throws -> UnsafeRawBufferPointer? {
        var key = UInt64(seq) >> UInt64(Self.lowBits)
        // The record's first two bytes: the first record at or after them is `seq`'s if any is.
        var low = UInt16(truncatingIfNeeded: seq).bigEndian
        return try withUnsafeMutableBytes(of: &key) { key in
            try withUnsafeMutableBytes(of: &low) { probe in
                var keyValue = MDB_val(mv_size: key.count, mv_data: key.baseAddress)
                var value = MDB_val(mv_size: probe.count, mv_data: probe.baseAddress)
                guard try cursor.move(MDB_GET_BOTH_RANGE, key: &keyValue, value: &value), value.mv_size == Self.size,
                    value.bytes[0] == probe[0], value.bytes[1] == probe[1]
                else { return nil }
                return value.bytes
            }
        }
    }

    /// The record of a document whose id has `digest` (nil: an id kept in `record.ids`).
    static func record(seq: Int, simhash: UInt64, sketch: MinHashSketch, digest: [UInt8]?) -> [UInt8] {
        let halves = sketch.halves
        return bytes(UInt64(seq), count: 2) + bytes(halves.low, count: 8) + bytes(halves.high, count: 8)
            + bytes(simhash & 0xFFFF_FFFF, count: 4) + (digest ?? [UInt8](repeating: 0, count: 32))
    }

    /// The SimHash's low bits and the sketch in a record.
    private static func fingerprint(_ record: UnsafeRawBufferPointer) -> (simhashLowBits: UInt64, sketch: MinHashSketch) {
        (bigEndian(record[18..<22]), MinHashSketch(low: bigEndian(record[2..<10]), high: bigEndian(record[10..<18])))
    }

    private static func otherIDKey(_ seq: Int) -> [UInt8] { withUnsafeBytes(of: UInt64(seq)) { Array($0) } }
}
