import CLMDB

/// Format 2 to format 3, in place, in one transaction before the store is opened: nothing is
/// read again from the event log, which may have lost its oldest segments to `log.retain_segments`.
///
/// Format 2 kept content ids and article hashes under their top 16 bits (`content`, `text`),
/// documents without their SimHash, and SimHashes in permuted tables (`near.0` …; table 0
/// holds each SimHash whole, with the `seq` of the first document that had it). Format 3 keeps
/// the same 96 bits of each digest under their top 8 (`ids`, `articles`), the SimHash in
/// `documents` and `foreign`, and MinHash bands (`near`).
enum StoreUpgrade {
    /// The format this upgrades from.
    static let from: UInt8 = 2
    /// How much longer than `TimeoutStartSec=` start-up asks systemd for while it converts: 10
    /// million documents took 4 min 47 s on a 2-core machine.
    static let startAllowance = Duration.seconds(3_600)

    /// Converts the store in `directory` if it has format 2, in an environment of its own,
    /// closed afterwards, and gives the freed memory back to the system: LMDB keeps the pages a
    /// write transaction freed for reuse until its environment closes, and this one transaction
    /// rewrites the whole store (346 MiB of the daemon's heap stayed after converting a million
    /// documents). Returns how many documents got their SimHash back; nil when there was
    /// nothing to convert.
    static func convertIfNeeded(directory: String, mapSize: Int) throws -> Int? {
        guard try isNeeded(directory: directory, mapSize: mapSize) else { return nil }
        defer { ProcessMemory.returnFreedMemory() }
        let environment = try LMDBEnvironment(path: directory, mapSize: mapSize, maxDatabases: 16)
        return try environment.write { txn in
            let meta = try txn.database("meta", create: false)
            let restored = try run(txn, meta: meta, into: try StateStore.Tables(in: txn, readOnly: false))
            try txn.put(meta, Array("format".utf8), [StateStore.format])
            return restored
        }
    }

    /// Whether the store in `directory` has format 2 (read without changing it).
    static func isNeeded(directory: String, mapSize: Int) throws -> Bool {
        try StateStore.formatOnDisk(directory: directory, mapSize: mapSize) == from
    }

    /// The SimHash tables of a store of format 1 or 2, as its `meta` counts them (`near.tables`;
    /// 4 when absent).
    static func simhashTableNames(in txn: LMDBTransaction, meta: MDB_dbi) throws -> [String] {
        let count = try txn.get(meta, Array("near.tables".utf8)) { Int($0.first ?? 0) } ?? 4
        return (0..<count).map { "near.\($0)" }
    }

    /// Converts the format-2 databases in `txn` into `target` and deletes them; returns how many
    /// documents (this host's and others') got their SimHash back. A document whose SimHash an
    /// earlier document had already filed (format 2 filed each SimHash once) keeps none: it is
    /// left out of the near-duplicate index, where its twin stands for it.
    private static func run(_ txn: LMDBTransaction, meta: MDB_dbi, into target: StateStore.Tables) throws -> Int {
        for (old, new) in [("content", target.ids), ("text", target.articles)] {
            guard let dbi = try txn.databaseIfPresent(old) else { continue }
            try copyDigests(from: dbi, to: new, in: txn)
            try txn.deleteDatabase(dbi)
        }
        try widenRecords(target.documents, in: txn)
        if let foreign = target.foreign { try widenRecords(foreign, in: txn) }
        let tables = try simhashTableNames(in: txn, meta: meta)
        var restored = 0
        if let table0 = try txn.databaseIfPresent("near.0") {
            restored = try fileSimhashes(from: table0, tableCount: tables.count, into: target, in: txn)
        }
        for name in tables {
            if let dbi = try txn.databaseIfPresent(name) { try txn.deleteDatabase(dbi) }
        }
        try txn.delete(meta, Array("near.tables".utf8))
        return restored
    }

    /// Copies a format-2 digest table (16-bit key, then 80 bits and a 5-byte `seq`) into a
    /// format-3 one: both are in the order of the 96 bits, so every record is appended.
    private static func copyDigests(from old: MDB_dbi, to new: DigestTable, in txn: LMDBTransaction) throws {
        try txn.withCursor(old) { source in
            try txn.withCursor(new.database) { destination in
                var op = MDB_FIRST
                while let (digest, seq) = try source.get(op, { key, value in
                    try expect(key.count == 4 && value.count == 15, "a record of `content` or `text`", in: txn)
                    return (Digest128(high: UInt64(key.loadUnaligned(as: UInt32.self)) << 48 | bigEndian(value[0..<6]),
                        low: bigEndian(value[6..<10]) << 32), Int(bigEndian(value[10..<15])))
                }) {
                    try new.append(digest, seq: seq, cursor: destination)
                    op = MDB_NEXT
                }
            }
        }
    }

    /// Rewrites every record of `documents` or `foreign` with 8 bytes of SimHash (0: unknown)
    /// after the sketch.
    private static func widenRecords(_ dbi: MDB_dbi, in txn: LMDBTransaction) throws {
        try txn.withCursor(dbi) { cursor in
            var op = MDB_FIRST
            while let (key, value) = try cursor.get(op, { key, value in
                try expect(value.count > 16, "a record of `documents` or `foreign`", in: txn)
                return (Array(key), Array(value))
            }) {
                let widened = value[0..<16] + [UInt8](repeating: 0, count: 8) + value[16...]
                try key.withUnsafeBytes { key in try Array(widened).withUnsafeBytes { try cursor.put(key: key, value: $0, flags: MDB_CURRENT) } }
                op = MDB_NEXT
            }
        }
    }

    /// Reads every SimHash of table 0 (its block first, so not rotated) with its document's
    /// `seq`, writes it into that document's record and files the document in the bands.
    private static func fileSimhashes(
        from table0: MDB_dbi, tableCount: Int, into target: StateStore.Tables, in txn: LMDBTransaction
    ) throws -> Int {
        let blockWidth = 64 / tableCount + (64 % tableCount > 0 ? 1 : 0)
        let restSize = (64 - 64 / tableCount + 7) / 8
        var batch: [(simhash: UInt64, sketch: MinHashSketch, seq: Int)] = []
        var restored = 0
        try txn.withCursor(table0) { cursor in
            var op = MDB_FIRST
            while let (simhash, seq) = try cursor.get(op, { key, value in
                try expect(key.count == 4 && value.count == restSize + NearDuplicateBands.seqSize, "a record of `near.0`", in: txn)
                return (UInt64(key.loadUnaligned(as: UInt32.self)) << UInt64(64 - blockWidth) | bigEndian(value[0..<restSize]),
                    Int(bigEndian(value[restSize..<restSize + NearDuplicateBands.seqSize])))
            }) {
                op = MDB_NEXT
                guard let dbi = seq >= StateStore.foreignBase ? target.foreign : target.documents else { continue }
                let key = seq >= StateStore.foreignBase ? bytes(UInt64(seq), count: 8) : withUnsafeBytes(of: UInt64(seq)) { Array($0) }
                guard var record = try txn.get(dbi, key, { Array($0) }) else { continue }
                try expect(record.count > 24, "a widened record", in: txn)
                record.replaceSubrange(16..<24, with: bytes(simhash, count: 8))
                try txn.put(dbi, key, record)
                batch.append((simhash, record.withUnsafeBytes { StateStore.fingerprint($0).sketch }, seq))
                restored += 1
                if batch.count == 100_000 {
                    try target.near.insert(batch, in: txn)
                    batch.removeAll(keepingCapacity: true)
                }
            }
        }
        try target.near.insert(batch, in: txn)
        return restored
    }

    /// Throws ``StoreCorruption`` naming `what` unless `condition` holds: a record of another
    /// size than format 2 writes.
    private static func expect(_ condition: Bool, _ what: String, in txn: LMDBTransaction) throws {
        guard condition else { throw StoreCorruption(directory: txn.path, problem: "\(what) has an unexpected size for format \(from)") }
    }
}
