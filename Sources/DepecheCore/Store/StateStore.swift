import CLMDB
import Glibc

/// What depeche remembers, on disk: one LMDB environment in `<state>/store` holding the
/// exact dedup index, the near-duplicate index, the disposition ledger and the event-log
/// `seq` they are valid for, all changed together in one transaction (``apply(_:through:)``).
/// The kernel's page cache, not the heap, holds what is hot; opening takes no time whatever
/// the size, and a crash needs no recovery step (LMDB is copy-on-write).
///
/// Databases (numbers big-endian unless native):
///
/// | database | key | value |
/// |---|---|---|
/// | `meta` | `seq`, `format`, `foreign.position` | the last applied `seq` (8 bytes); the format, 4; how far the shared log of other hosts' documents was read (8) |
/// | `ids` | see ``DigestTable``: 96 bits of the content id's digest | `seq` of its `document.ingested` |
/// | `articles` | see ``DigestTable``: 96 bits of `text_sha256`'s digest | `seq` of the first document with that article |
/// | `records`, `record.ids` | see ``DocumentRecords``: `seq`'s high bits | `seq`'s low bits, MinHash sketch, SimHash's low half, id |
/// | `near` | see ``NearDuplicateBands`` | |
/// | `ledger` | 16-byte digest of the inbox path | see ``StoredLedgerEntry`` |
/// | `foreign` | ``foreignBase`` + position in the shared log (8) | MinHash sketch (16), SimHash (8), host length (1), host, packed id |
///
/// `seq` is this host's event-log `seq` everywhere but in `foreign`: documents that other hosts
/// of a cluster ingested (``ForeignDocument``) are filed in the near-duplicate index under
/// ``foreignBase`` plus their position in the shared log, never in `ids`, `articles` or
/// `records`, so the exact indexes, recovery and `depeche check` read this host's log alone.
///
/// A store of format 2 or 3 is converted in place when opened for writing (``upgradedFormat``;
/// see ``StoreUpgrade``); one of format 1 (never released) is emptied (``rebuiltFormat``), and
/// start-up rebuilds it from the event log. Opened read-only, either is refused; one of a later
/// format (a later depeche's) is refused either way.
public final class StateStore {
    /// The store's format, kept in `meta`. Format 1 (no release) kept 16-byte keys and
    /// 14-byte near-table values; format 2 indexed SimHashes in `near.0` … `near.3` (permuted
    /// tables, whose lookups grew with the index); format 3 had 10-byte band values and a
    /// `documents` entry (with its node header and key) for each document.
    static let format: UInt8 = 4
    /// The store's directory.
    public let directory: String
    let environment: LMDBEnvironment
    private let meta, ledger: MDB_dbi
    let records: DocumentRecords
    let content, text: DigestTable
    /// Other hosts' documents; nil only in a read-only store written before they were followed.
    let foreign: MDB_dbi?
    let near: NearDuplicateBands
    /// The greatest SimHash distance that counts as near.
    public let nearMaxDistance: Int
    /// The format of the store found at opening, when it was an earlier one and was emptied.
    public let rebuiltFormat: UInt8?
    /// The format of the store found at opening, when it was an earlier one converted in place,
    /// and how many documents got their SimHash back.
    public let upgradedFormat: (format: UInt8, simhashes: Int)?

    /// Opens the store in `directory` (created if needed, unless `readOnly`), with a memory
    /// map of `mapSize` bytes, for near lookups up to `nearMaxDistance` bits.
    public init(
        directory: String, mapSize: Int, nearMaxDistance: Int = NearDuplicatePolicy.defaultMaxDistance, readOnly: Bool = false
    ) throws {
        self.directory = directory
        self.nearMaxDistance = nearMaxDistance
        if !readOnly { try Posix.makeDirectories(directory) }
        upgradedFormat = readOnly ? nil : try StoreUpgrade.convertIfNeeded(directory: directory, mapSize: mapSize)
        environment = try LMDBEnvironment(path: directory, mapSize: mapSize, maxDatabases: 16, readOnly: readOnly)
        let open = { (txn: LMDBTransaction) throws -> (MDB_dbi, Tables, UInt8?) in
            var meta = try txn.database("meta", create: !readOnly)
            let found = try txn.get(meta, Array("format".utf8)) { $0.first ?? 0 }
            var rebuilt: UInt8?
            if let found, found != Self.format {
                // A later depeche's store is refused, never emptied: the log may no longer hold what it knows.
                guard !readOnly, found < Self.format else { throw StoreFormatError(directory: directory, format: found) }
                try Self.deleteDatabases(in: txn, meta: meta)
                meta = try txn.database("meta", create: true)
                rebuilt = found
            }
            let tables = try Tables(in: txn, readOnly: readOnly)
            if !readOnly { try txn.put(meta, Array("format".utf8), [Self.format]) }
            return (meta, tables, rebuilt)
        }
        let (meta, tables, rebuilt) = readOnly ? try environment.read(open) : try environment.write(open)
        (self.meta, records, ledger, foreign) = (meta, tables.records, tables.ledger, tables.foreign)
        (content, text, near) = (tables.ids, tables.articles, tables.near)
        rebuiltFormat = rebuilt
    }

    /// The databases of the current format but `meta`.
    struct Tables {
        var ledger: MDB_dbi
        var records: DocumentRecords
        /// Nil only in a read-only store written before other hosts' documents were followed.
        var foreign: MDB_dbi?
        var ids, articles: DigestTable
        var near: NearDuplicateBands

        /// The databases opened in `txn`, created unless `readOnly`.
        init(in txn: LMDBTransaction, readOnly: Bool) throws {
            records = try DocumentRecords(in: txn, readOnly: readOnly)
            ledger = try txn.database("ledger", create: !readOnly)
            foreign = readOnly ? try txn.databaseIfPresent("foreign") : try txn.database("foreign", create: true)
            ids = DigestTable(database: try txn.database("ids", flags: DigestTable.flags, create: !readOnly))
            articles = DigestTable(database: try txn.database("articles", flags: DigestTable.flags, create: !readOnly))
            near = NearDuplicateBands(database: try txn.database(NearDuplicateBands.name, flags: NearDuplicateBands.flags, create: !readOnly))
        }
    }

    /// Deletes every database of an earlier format (their flags differ) but `meta`, then empties
    /// it. Other hosts' documents go too (with `foreign.position`): they are read again from the
    /// shared log.
    private static func deleteDatabases(in txn: LMDBTransaction, meta: MDB_dbi) throws {
        for name in try ["documents", "ledger", "content", "text", "foreign"] + StoreUpgrade.simhashTableNames(in: txn, meta: meta) {
            if let dbi = try? txn.database(name, create: false) { try txn.deleteDatabase(dbi) }
        }
        try txn.deleteDatabase(meta)
    }

    /// The format of the store in `directory`, read without changing it; nil when there is none.
    static func formatOnDisk(directory: String, mapSize: Int) throws -> UInt8? {
        guard access(directory + "/data.mdb", F_OK) == 0 else { return nil }
        let environment = try LMDBEnvironment(path: directory, mapSize: mapSize, maxDatabases: 16, readOnly: true)
        return try environment.read { txn in
            guard let meta = try txn.databaseIfPresent("meta") else { return nil }
            return try txn.get(meta, Array("format".utf8)) { $0.first ?? 0 }
        }
    }

    /// The last event-log `seq` whose changes the store holds (0 for a new store).
    public func seq() throws -> Int { try environment.read(seq(in:)) }

    private func seq(in txn: LMDBTransaction) throws -> Int {
        try txn.get(meta, Array("seq".utf8)) { Int(bigEndian($0)) } ?? 0
    }

    /// Applies `changes`, in order, and records `seq` as applied (and `foreignPosition`, when
    /// given, as how far other hosts' documents were read): one transaction, committed when this
    /// returns. Documents go in sorted by key, each table's with one cursor.
    public func apply(_ changes: [StoreChange], through seq: Int, foreignPosition: UInt64? = nil) throws {
        guard seq < Self.foreignBase else {
            throw StoreCorruption(directory: directory, problem: "the event log's seq \(seq) is past the store's last, \(Self.foreignBase - 1)")
        }
        try environment.write { txn in
            var added: [StoredDocument] = []
            for change in changes {
                switch change {
                case .document(let document): added.append(document)
                case .ledgerRecord(let path, let entry): try txn.put(ledger, Self.key(path), StoredLedgerEntry.encode(path, entry))
                case .ledgerRemove(let path): try txn.delete(ledger, Self.key(path))
                }
            }
            if !added.isEmpty { try insert(added, in: txn) }
            try txn.put(meta, Array("seq".utf8), bytes(UInt64(seq), count: 8))
            if let foreignPosition { try txn.put(meta, Self.foreignPositionKey, bytes(foreignPosition, count: 8)) }
        }
    }

    /// Files `added` (in `seq` order: the first record of a key wins).
    private func insert(_ added: [StoredDocument], in txn: LMDBTransaction) throws {
        try content.insert(added.map { (Digest128($0.id), $0.seq) }, in: txn)
        try text.insert(added.compactMap { document in document.textKey.map { ($0, document.seq) } }, in: txn)
        try near.insert(added.compactMap { document in document.simhash.map { ($0, document.sketch, document.seq) } }, in: txn)
        // A migrated document comes once per key it had: the last record of a seq wins, with
        // the SimHash of any.
        var bySeq: [Int: StoredDocument] = [:]
        for document in added {
            let simhash = document.simhash ?? bySeq[document.seq]?.simhash
            bySeq[document.seq] = document
            bySeq[document.seq]?.simhash = simhash
        }
        try records.put(bySeq.values.map { ($0.seq, $0.simhash ?? 0, $0.sketch, $0.id) }, in: txn)
    }

    /// Empties every database (a store ahead of its event log is rebuilt from the log).
    public func reset() throws {
        try environment.write { txn in
            for dbi in [meta, content.database, text.database, records.database, records.otherIDs, ledger, near.database] + [foreign].compactMap(\.self) {
                try txn.empty(dbi)
            }
            try txn.put(meta, Array("format".utf8), [Self.format])
        }
    }

    /// Runs `body` on a consistent snapshot of the store.
    public func read<T>(_ body: (StoreReader) throws -> T) throws -> T {
        try environment.read { try body(StoreReader(store: self, txn: $0)) }
    }

    /// Every ledger entry.
    public func ledgerEntries() throws -> DispositionLedger {
        try environment.read { txn in
            var entries = DispositionLedger()
            try txn.withCursor(ledger) { cursor in
                var op = MDB_FIRST
                while let (path, entry) = try cursor.get(op, { _, value in try StoredLedgerEntry.decode(value, store: directory) }) {
                    entries.record(path, entry)
                    op = MDB_NEXT
                }
            }
            return entries
        }
    }

    /// Bytes of the data file in use (up to its last page written, free pages included).
    public func usedBytes() throws -> Int { try environment.usedBytes() }

    /// Copies the store into the existing empty directory `directory` without its free pages
    /// (for measuring what the data needs; `mdb_env_copy2` with `MDB_CP_COMPACT`).
    public func copyCompacted(to directory: String) throws { try environment.copyCompacted(to: directory) }

    /// The SimHash and sketch at the start of a `documents` or `foreign` value.
    static func fingerprint(_ value: UnsafeRawBufferPointer) -> (simhash: UInt64, sketch: MinHashSketch) {
        (bigEndian(value[16..<24]), MinHashSketch(low: bigEndian(value[0..<8]), high: bigEndian(value[8..<16])))
    }

    /// The start of a `documents` or `foreign` value that ``fingerprint(_:)`` reads: the sketch
    /// (16 bytes), then the SimHash (8).
    static func fingerprintBytes(simhash: UInt64, sketch: MinHashSketch) -> [UInt8] {
        let halves = sketch.halves
        return bytes(halves.low, count: 8) + bytes(halves.high, count: 8) + bytes(simhash, count: 8)
    }

    /// The 16-byte key of a digest.
    static func key(_ digest: Digest128) -> [UInt8] { bytes(digest.high, count: 8) + bytes(digest.low, count: 8) }

    /// The key of an inbox path: the digest of its bytes.
    static func key(_ path: InboxPath) -> [UInt8] { key(Digest128(utf8: [UInt8(ascii: "/")] + path.bytes)) }

    /// One read transaction's view: the lookups of the commit path.
    public struct StoreReader {
        let store: StateStore
        let txn: LMDBTransaction

        /// The applied `seq`.
        public func seq() throws -> Int { try store.seq(in: txn) }

        /// The document with these bytes, if known.
        public func first(withContent id: String) throws -> FirstSeen? {
            try store.content.seq(of: Digest128(id), in: txn).map { FirstSeen(id: id, seq: $0) }
        }

        /// The first document with this normalised article, if known.
        public func first(withText textHash: String) throws -> FirstSeen? {
            guard let seq = try store.text.seq(of: Digest128(textHash), in: txn) else { return nil }
            return try document(seq: seq).map { FirstSeen(id: $0.id, seq: seq) }
        }

        /// The record of the document ingested as `seq`.
        func document(seq: Int) throws -> DocumentRecords.Record? { try store.records.record(seq: seq, in: txn) }

        /// The known article nearest `simhash` within `nearMaxDistance` bits whose sketch agrees
        /// with `sketch` (``NearDuplicatePolicy``); among equally near ones the earliest `seq`,
        /// this host's before others'. Also returns how many filed values were compared and how
        /// many keys were sought (see ``NearDuplicateBands``).
        public func nearest(simhash: UInt64, sketch: MinHashSketch) throws -> (match: NearDuplicate?, examined: Int, seeks: Int) {
            var best: (distance: Int, seq: Int)?
            let maxDistance = store.nearMaxDistance
            // What cannot beat the best so far is not even sought: a farther article, or a later one as near.
            func limit(after seq: Int) -> Int {
                guard let best else { return maxDistance }
                return seq >= best.seq ? best.distance - 1 : best.distance
            }
            let (examined, seeks) = try txn.withCursor(store.records.database) { records in
                try store.near.candidates(simhash: simhash, sketch: sketch, within: limit, in: txn) { seq, highBits, leastDistance in
                    // Many copies of one story share its keys: once the earliest is found, the rest cannot beat it.
                    if let best, (leastDistance, seq) >= (best.distance, best.seq) { return true }
                    // Most candidates are unrelated articles: their fingerprint only, without their id.
                    let found = seq >= StateStore.foreignBase
                        ? try foreignDocument(key: seq).map { ($0.simhash, $0.sketch) }
                        : try store.records.fingerprint(seq: seq, cursor: records).map { (highBits | $0.simhashLowBits, $0.sketch) }
                    guard let (candidate, candidateSketch) = found else { return false }
                    let distance = (candidate ^ simhash).nonzeroBitCount
                    guard distance <= maxDistance, candidateSketch.agreement(with: sketch) >= NearDuplicatePolicy.minimumSketchAgreement else {
                        return false
                    }
                    if best.map({ (distance, seq) < ($0.distance, $0.seq) }) ?? true { best = (distance, seq) }
                    return true
                }
            }
            let near = try best.flatMap { best -> NearDuplicate? in
                let found = best.seq >= StateStore.foreignBase
                    ? try foreignDocument(key: best.seq).map { ($0.id, Optional($0.host)) } : try document(seq: best.seq).map { ($0.id, String?.none) }
                return found.map {
                    NearDuplicate(id: $0.0, distance: best.distance, similarity: NearDuplicatePolicy.similarity(forDistance: best.distance), host: $0.1)
                }
            }
            return (near, examined, seeks)
        }

        /// Whether the document `seq` is filed in the near-duplicate index with this SimHash and sketch.
        func isFiledNear(seq: Int, simhash: UInt64, sketch: MinHashSketch) throws -> Bool {
            try store.near.contains(seq: seq, simhash: simhash, sketch: sketch, in: txn)
        }

        /// How many contents are known.
        public func documentCount() throws -> Int { try txn.count(store.content.database) }
    }
}

/// A document as the store keeps it.
public struct StoredDocument: Sendable, Equatable {
    /// Its content id.
    public var id: String
    /// Its `seq`.
    public var seq: Int
    /// The key of its `text_sha256`, when it has an article.
    var textKey: Digest128?
    /// Its SimHash, when it has an article.
    public var simhash: UInt64?
    /// Its MinHash sketch.
    public var sketch: MinHashSketch

    /// Creates the record.
    public init(id: String, seq: Int, textHash: String?, simhash: UInt64?, sketch: MinHashSketch) {
        self.id = id
        self.seq = seq
        textKey = textHash.map(Digest128.init)
        self.simhash = simhash
        self.sketch = sketch
    }

    /// The record with the key of its article hash already made (index snapshots keep keys only).
    init(id: String, seq: Int, textKey: Digest128?, simhash: UInt64?, sketch: MinHashSketch) {
        self.init(id: id, seq: seq, textHash: nil, simhash: simhash, sketch: sketch)
        self.textKey = textKey
    }
}

/// One change to the store, in event-log order.
public enum StoreChange: Sendable {
    /// A document ingested (its keys; the first record of a key wins).
    case document(StoredDocument)
    /// A file logged but still in the inbox.
    case ledgerRecord(InboxPath, DispositionLedger.Entry)
    /// A file that left the inbox.
    case ledgerRemove(InboxPath)
}

/// The documents other hosts of a cluster ingested, in the store's near-duplicate tables (see
/// ``StateStore``'s table of databases): filed with the position in the shared log they were
/// read to, in one transaction, so that a crash never leaves the position ahead of them.
extension StateStore {
    /// Where foreign documents' keys start in the near-duplicate index: the upper half of its
    /// references (``NearDuplicateBands/referenceLimit``), 2³⁵, far above any `seq` of this
    /// host's log.
    public static let foreignBase = NearDuplicateBands.referenceLimit / 2

    static let foreignPositionKey = Array("foreign.position".utf8)

    /// How far the shared log of other hosts' documents was read (0: not yet).
    public func foreignPosition() throws -> UInt64 {
        try environment.read { txn in try txn.get(meta, Self.foreignPositionKey) { bigEndian($0) } ?? 0 }
    }

    /// Files `documents` in the near-duplicate index and records `position` as read: one
    /// transaction. Filing a document again changes nothing.
    public func learn(_ documents: [ForeignDocument], through position: UInt64) throws {
        guard let foreign else { throw LMDBError(call: "learn", path: directory, code: EROFS) }
        try environment.write { txn in
            var filed: [(simhash: UInt64, sketch: MinHashSketch, seq: Int)] = []
            for document in documents where document.position < UInt64(Self.foreignBase) {
                let key = Self.foreignBase + Int(document.position)
                let host = Array(document.host.utf8.prefix(255))
                try txn.put(
                    foreign, bytes(UInt64(key), count: 8),
                    Self.fingerprintBytes(simhash: document.simhash, sketch: document.sketch) + [UInt8(host.count)] + host
                        + DocumentIDs.packed(document.id))
                filed.append((document.simhash, document.sketch, key))
            }
            try near.insert(filed, in: txn)
            try txn.put(meta, Self.foreignPositionKey, bytes(position, count: 8))
        }
    }
}

extension StateStore.StoreReader {
    /// The id, host, SimHash and sketch of the foreign document filed under `key`.
    func foreignDocument(key: Int) throws -> (id: String, host: String, simhash: UInt64, sketch: MinHashSketch)? {
        guard let foreign = store.foreign else { return nil }
        return try txn.get(foreign, bytes(UInt64(key), count: 8)) { value in
            let (simhash, sketch) = StateStore.fingerprint(value)
            let hostEnd = 25 + Int(value[24])
            let host = String(decoding: value[25..<hostEnd], as: UTF8.self)
            return (DocumentIDs.unpacked(value[hostEnd...]), host, simhash, sketch)
        }
    }

    /// How many documents of other hosts are known.
    public func foreignDocumentCount() throws -> Int {
        guard let foreign = store.foreign else { return 0 }
        return try txn.count(foreign)
    }
}
