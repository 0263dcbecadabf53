import CLMDB
import Glibc

/// A set of digests (content ids, article hashes), each with the `seq` that recorded it first,
/// as compact fixed-size records: the key is the digest's top 8 bits (a native `UInt32`,
/// `MDB_INTEGERKEY`) and its sorted duplicates (`MDB_DUPSORT | MDB_DUPFIXED`, packed many to a
/// page without a node header each) are the next 88 bits and the `seq` (5 bytes), 16 bytes a
/// record. 96 bits of a digest: two of 100 million documents share them with probability
/// below 10⁻¹³.
///
/// 256 keys, so that each key's records fill pages of their own from the first thousands of
/// documents on. With 65,536 keys (format 2), a key's records took about one page at 10 million
/// documents, half of it empty: 42 bytes a record instead of about 22.
struct DigestTable {
    /// The flags the database is created with.
    static let flags = MDB_INTEGERKEY | MDB_DUPSORT | MDB_DUPFIXED
    /// Bytes of the digest in a value.
    static let digestSize = 11
    /// Bytes of a value: digest and `seq`.
    static let valueSize = digestSize + seqSize
    /// Bytes of the `seq` in a value (up to 2⁴⁰ events).
    static let seqSize = 5
    let database: MDB_dbi

    static func key(_ digest: Digest128) -> UInt32 { UInt32(truncatingIfNeeded: digest.high >> 56) }

    static func value(_ digest: Digest128, seq: Int) -> PackedRecord {
        var record = PackedRecord()
        record.append(digest.high, bytes: 7)
        record.append(digest.low >> 32, bytes: 4)
        record.append(UInt64(seq), bytes: seqSize)
        return record
    }

    /// The `seq` recorded with `digest`, if it is there. Leaves `cursor` on its record or the
    /// next one.
    func seq(of digest: Digest128, cursor: LMDBCursor) throws -> Int? {
        var key = Self.key(digest)
        return try withUnsafeBytes(of: &key) { keyBytes in
            try Self.value(digest, seq: 0).withBytes { probe in
                var keyValue = MDB_val(mv_size: keyBytes.count, mv_data: UnsafeMutableRawPointer(mutating: keyBytes.baseAddress))
                var value = MDB_val(mv_size: probe.count, mv_data: UnsafeMutableRawPointer(mutating: probe.baseAddress))
                guard try cursor.move(MDB_GET_BOTH_RANGE, key: &keyValue, value: &value),
                    memcmp(value.mv_data, probe.baseAddress!, Self.digestSize) == 0
                else { return nil }
                return Int(loadBigEndian(value.mv_data! + Self.digestSize, bytes: Self.seqSize))
            }
        }
    }

    /// The `seq` recorded with `digest`, if it is there.
    func seq(of digest: Digest128, in txn: LMDBTransaction) throws -> Int? {
        try txn.withCursor(database) { try seq(of: digest, cursor: $0) }
    }

    /// Records each digest with its `seq` unless it is recorded already: the first record of a
    /// digest wins, earlier in `records` first. Sorted first, so one cursor walks the pages in order.
    func insert(_ records: [(digest: Digest128, seq: Int)], in txn: LMDBTransaction) throws {
        let sorted = records.enumerated().sorted { a, b in
            (a.element.digest.high, a.element.digest.low >> 32, a.offset) < (b.element.digest.high, b.element.digest.low >> 32, b.offset)
        }
        try txn.withCursor(database) { cursor in
            var previous: (UInt64, UInt64)?
            for (_, record) in sorted where previous.map({ $0 != (record.digest.high, record.digest.low >> 32) }) ?? true {
                previous = (record.digest.high, record.digest.low >> 32)
                guard try seq(of: record.digest, cursor: cursor) == nil else { continue }
                var key = Self.key(record.digest)
                _ = try withUnsafeBytes(of: &key) { keyBytes in
                    try Self.value(record.digest, seq: record.seq).withBytes { try cursor.put(key: keyBytes, value: $0) }
                }
            }
        }
    }
}

extension DigestTable {
    /// Records `digest` after every record there (the caller goes in digest order: an upgrade).
    func append(_ digest: Digest128, seq: Int, cursor: LMDBCursor) throws {
        var key = Self.key(digest)
        try withUnsafeBytes(of: &key) { keyBytes in
            try Self.value(digest, seq: seq).withBytes { _ = try cursor.put(key: keyBytes, value: $0, flags: MDB_APPENDDUP) }
        }
    }
}
