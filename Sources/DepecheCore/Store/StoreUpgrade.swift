import CLMDB

/// Formats 2 and 3 to format 4, in place, in one transaction before the store is opened:
/// nothing is read again from the event log, which may have lost its oldest segments to
/// `log.retain_segments`.
///
/// - Format 2 kept content ids and article hashes under their top 16 bits (`content`, `text`),
///   documents without their SimHash, and SimHashes in permuted tables (`near.0` …; table 0
///   holds each SimHash whole, with the `seq` of the first document that had it).
/// - Format 3 kept the digests as format 4 does (`ids`, `articles`), a `documents` entry for
///   each document (sketch, SimHash, packed id) and bands of 10-byte values.
/// - Both filed other hosts' documents under ``formerForeignBase`` plus their position.
///
/// Format 4 keeps documents in ``DocumentRecords`` and bands of 8-byte values
/// (``NearDuplicateBands``), which are filed again from the documents' fingerprints.
enum StoreUpgrade {
    /// The formats this converts.
    static let formats: ClosedRange<UInt8> = 2...3
    /// Bytes of a `seq` in the near-duplicate tables of formats 2 and 3, and where other hosts'
    /// documents' keys started.
    static let formerSeqSize = 5
    static let formerForeignBase = 1 << 39
    /// How much longer than `TimeoutStartSec=` start-up asks systemd for while it converts: 10
    /// million documents of format 2 took 4 min 47 s on a 2-core machine.
    static let startAllowance = Duration.seconds(3_600)

    /// Converts the store in `directory` if it has format 2 or 3, in an environment of its own,
    /// closed afterwards, and gives the freed memory back to the system: LMDB keeps the pages a
    /// write transaction freed for reuse until its environment closes, and this one transaction
    /// rewrites the whole store (346 MiB of the daemon's heap stayed after converting a million
    /// documents). Returns the format converted and how many documents (this host's and
    /// others') are in the near-duplicate index; nil when there was nothing to convert.
    static func convertIfNeeded(directory: String, mapSize: Int) throws -> (format: UInt8, simhashes: Int)? {
        guard let format = try formatToConvert(directory: directory, mapSize: mapSize) else { return nil }
        defer { ProcessMemory.returnFreedMemory() }
        let environment = try LMDBEnvironment(path: directory, mapSize: mapSize, maxDatabases: 16)
        let filed = try environment.write { txn in
            let meta = try txn.database("meta", create: false)
            let target = try StateStore.Tables(in: txn, readOnly: false)
            let filed = format == 2 ? try fromFormat2(txn, meta: meta, into: target) : try fromFormat3(txn, into: target)
            try txn.put(meta, Array("format".utf8), [StateStore.format])
            return filed
        }
        return (format, filed)
    }

    /// The format of the store in `directory` when it is one this converts (read without
    /// changing it).
    static func formatToConvert(directory: String, mapSize: Int) throws -> UInt8? {
        try StateStore.formatOnDisk(directory: directory, mapSize: mapSize).flatMap { formats.contains($0) ? $0 : nil }
    }

    /// The SimHash tables of a store of format 1 or 2, as its `meta` counts them (`near.tables`;
    /// 4 when absent).
    static func simhashTableNames(in txn: LMDBTransaction, meta: MDB_dbi) throws -> [String] {
        let count = try txn.get(meta, Array("near.tables".utf8)) { Int($0.first ?? 0) } ?? 4
        return (0..<count).map { "near.\($0)" }
    }

    /// Converts the format-3 databases in `txn` into `target`; returns how many documents are
    /// in the bands.
    private static func fromFormat3(_ txn: LMDBTransaction, into target: StateStore.Tables) throws -> Int {
        var bands = BandFiling(near: target.near)
        try txn.empty(target.near.database)
        let documents = try txn.database("documents", create: false)
        try copyDocuments(from: documents, simhashSize: 8, into: target.records, in: txn) { try bands.add($0, in: txn) }
        try txn.deleteDatabase(documents)
        if let foreign = target.foreign { try rekeyForeign(foreign, widen: false, in: txn) { try bands.add($0, in: txn) } }
        try bands.finish(in: txn)
        return bands.filed
    }

    /// Converts the format-2 databases in `txn` into `target` and deletes them; returns how many
    /// documents (this host's and others') got their SimHash back. A document whose SimHash an
    /// earlier document had already filed (format 2 filed each SimHash once) keeps none: it is
    /// left out of the near-duplicate index, where its twin stands for it.
    private static func fromFormat2(_ txn: LMDBTransaction, meta: MDB_dbi, into target: StateStore.Tables) throws -> Int {
        for (old, new) in [("content", target.ids), ("text", target.articles)] {
            guard let dbi = try txn.databaseIfPresent(old) else { continue }
            try copyDigests(from: dbi, to: new, in: txn)
            try txn.deleteDatabase(dbi)
        }
        let documents = try txn.database("documents", create: false)
        try copyDocuments(from: documents, simhashSize: 0, into: target.records, in: txn) { _ in }
        try txn.deleteDatabase(documents)
        if let foreign = target.foreign { try rekeyForeign(foreign, widen: true, in: txn) { _ in } }
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

    /// Documents to file in the bands, filed a batch at a time.
    private struct BandFiling {
        let near: NearDuplicateBands
        var batch: [(simhash: UInt64, sketch: MinHashSketch, seq: Int)] = []
        /// How many were filed.
        var filed = 0

        init(near: NearDuplicateBands) { self.near = near }

        /// Adds a document (none when its SimHash is 0: unknown).
        mutating func add(_ document: (simhash: UInt64, sketch: MinHashSketch, seq: Int), in txn: LMDBTransaction) throws {
            guard document.simhash != 0 else { return }
            batch.append(document)
            if batch.count == 100_000 { try finish(in: txn) }
        }

        /// Files what was added.
        mutating func finish(in txn: LMDBTransaction) throws {
            try near.insert(batch, in: txn)
            filed += batch.count
            batch.removeAll(keepingCapacity: true)
        }
    }

    /// Copies every entry of a format-2 or format-3 `documents` (native `seq` key; sketch, then
    /// `simhashSize` bytes of SimHash, then a packed id) into `records`, and gives `body` each
    /// document's fingerprint.
    private static func copyDocuments(
        from old: MDB_dbi, simhashSize: Int, into records: DocumentRecords, in txn: LMDBTransaction,
        _ body: ((simhash: UInt64, sketch: MinHashSketch, seq: Int)) throws -> Void
    ) throws {
        var batch: [(seq: Int, simhash: UInt64, sketch: MinHashSketch, id: String)] = []
        try txn.withCursor(old) { cursor in
            var op = MDB_FIRST
            while let document = try cursor.get(op, { key, value in
                try expect(key.count == 8 && value.count > 17 + simhashSize, "a record of `documents`", in: txn)
                let sketch = MinHashSketch(low: bigEndian(value[0..<8]), high: bigEndian(value[8..<16]))
                let simhash = simhashSize == 0 ? 0 : bigEndian(value[16..<16 + simhashSize])
                return (seq: key.loadUnaligned(as: Int.self), simhash: simhash, sketch: sketch, id: DocumentIDs.unpacked(value[(16 + simhashSize)...]))
            }) {
                op = MDB_NEXT
                batch.append(document)
                try body((document.simhash, document.sketch, document.seq))
                if batch.count == 100_000 {
                    try records.put(batch, in: txn)
                    batch.removeAll(keepingCapacity: true)
                }
            }
        }
        try records.put(batch, in: txn)
    }

    /// Moves every record of `foreign` from ``formerForeignBase`` to ``StateStore/foreignBase``
    /// plus its position (`widen`: with 8 bytes of SimHash, 0, after the sketch, as format 2 had
    /// none), and gives `body` each one's fingerprint.
    private static func rekeyForeign(
        _ foreign: MDB_dbi, widen: Bool, in txn: LMDBTransaction, _ body: ((simhash: UInt64, sketch: MinHashSketch, seq: Int)) throws -> Void
    ) throws {
        let oldest = bytes(UInt64(formerForeignBase), count: 8)
        while let (oldKey, value) = try txn.withCursor(foreign, { cursor in
            try cursor.get(MDB_SET_RANGE, key: oldest) { key, value in
                try expect(key.count == 8 && value.count > 16, "a record of `foreign`", in: txn)
                return (Array(key), widen ? Array(value[0..<16]) + [UInt8](repeating: 0, count: 8) + value[16...] : Array(value))
            }
        }) {
            try txn.delete(foreign, oldKey)
            let key = StateStore.foreignBase + Int(bigEndian(oldKey)) - formerForeignBase
            try txn.put(foreign, bytes(UInt64(key), count: 8), value)
            let (simhash, sketch) = value.withUnsafeBytes { StateStore.fingerprint($0) }
            try body((simhash, sketch, key))
        }
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

    /// Reads every SimHash of table 0 (its block first, so not rotated) with its document's
    /// `seq`, writes it into that document's record and files the document in the bands.
    private static func fileSimhashes(
        from table0: MDB_dbi, tableCount: Int, into target: StateStore.Tables, in txn: LMDBTransaction
    ) throws -> Int {
        let blockWidth = 64 / tableCount + (64 % tableCount > 0 ? 1 : 0)
        let restSize = (64 - 64 / tableCount + 7) / 8
        var bands = BandFiling(near: target.near)
        try txn.withCursor(table0) { cursor in
            var op = MDB_FIRST
            while let (simhash, seq) = try cursor.get(op, { key, value in
                try expect(key.count == 4 && value.count == restSize + formerSeqSize, "a record of `near.0`", in: txn)
                return (UInt64(key.loadUnaligned(as: UInt32.self)) << UInt64(64 - blockWidth) | bigEndian(value[0..<restSize]),
                    Int(bigEndian(value[restSize..<restSize + formerSeqSize])))
            }) {
                op = MDB_NEXT
                if seq < formerForeignBase {
                    guard let sketch = try target.records.setSimhash(simhash, seq: seq, in: txn) else { continue }
                    try bands.add((simhash, sketch, seq), in: txn)
                } else if let foreign = target.foreign {
                    let key = StateStore.foreignBase + seq - formerForeignBase
                    guard var record = try txn.get(foreign, bytes(UInt64(key), count: 8), { Array($0) }) else { continue }
                    record.replaceSubrange(16..<24, with: bytes(simhash, count: 8))
                    try txn.put(foreign, bytes(UInt64(key), count: 8), record)
                    try bands.add((simhash, record.withUnsafeBytes { StateStore.fingerprint($0).sketch }, key), in: txn)
                }
            }
        }
        try bands.finish(in: txn)
        return bands.filed
    }

    /// Throws ``StoreCorruption`` naming `what` unless `condition` holds: a record of another
    /// size than the earlier formats wrote.
    private static func expect(_ condition: Bool, _ what: String, in txn: LMDBTransaction) throws {
        guard condition else { throw StoreCorruption(directory: txn.path, problem: "\(what) has an unexpected size for formats 2 and 3") }
    }
}
