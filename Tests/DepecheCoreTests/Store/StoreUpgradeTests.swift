import CLMDB
import Testing
@testable import DepecheCore

/// Stores of formats 2 and 3, written here record by record in their layouts, converted in
/// place when opened: nothing lost, nothing read from an event log.
@Suite struct StoreUpgradeTests {
    let directory = TemporaryDirectory()

    struct Old {
        var serial: Int
        var simhash: UInt64
        var sketch: MinHashSketch
        var inNearTables = true
    }

    /// 3,000 documents of random fingerprints; the last is a twin of document 11 (same SimHash),
    /// not in the SimHash tables: format 2 filed a SimHash once, under the first document that had it.
    static func documentsWithATwin(_ random: inout SplitMix64) -> [Old] {
        var documents = (1...3_000).map { Old(serial: $0, simhash: random.next(), sketch: MinHashSketch(low: random.next(), high: random.next())) }
        documents[2_999].simhash = documents[10].simhash
        documents[2_999].inNearTables = false
        return documents
    }

    /// Writes a format-2 store: 4 SimHash tables, table 0 holding each SimHash whole with its `seq`.
    func writeFormat2(_ documents: [Old], foreign: (position: Int, host: String, simhash: UInt64, sketch: MinHashSketch)) throws {
        try directory.writeEarlierStore(format: 2, seq: documents.count) { txn, _ in
            let flags = MDB_INTEGERKEY | MDB_DUPSORT | MDB_DUPFIXED
            let content = try txn.database("content", flags: flags, create: true)
            let text = try txn.database("text", flags: flags, create: true)
            let records = try txn.database("documents", flags: MDB_INTEGERKEY, create: true)
            let near = try (0..<4).map { try txn.database("near.\($0)", flags: flags, create: true) }
            func putDigest(_ dbi: MDB_dbi, _ digest: Digest128, seq: Int) throws {
                let key = withUnsafeBytes(of: UInt32(truncatingIfNeeded: digest.high >> 48)) { Array($0) }
                try txn.put(dbi, key, bytes(digest.high, count: 6) + bytes(digest.low >> 32, count: 4) + bytes(UInt64(seq), count: 5))
            }
            func putNear(_ simhash: UInt64, seq: Int) throws {
                let key = withUnsafeBytes(of: UInt32(simhash >> 48)) { Array($0) }
                try txn.put(near[0], key, bytes(simhash, count: 6) + bytes(UInt64(seq), count: 5))
            }
            for document in documents {
                let sketch = document.sketch.halves
                try putDigest(content, Digest128(StateStoreTests.id(document.serial)), seq: document.serial)
                try putDigest(text, Digest128("text-\(document.serial)"), seq: document.serial)
                try txn.put(
                    records, withUnsafeBytes(of: UInt64(document.serial)) { Array($0) },
                    bytes(sketch.low, count: 8) + bytes(sketch.high, count: 8) + DocumentIDs.packed(StateStoreTests.id(document.serial)))
                if document.inNearTables { try putNear(document.simhash, seq: document.serial) }
            }
            let key = StoreUpgrade.formerForeignBase + foreign.position
            let sketch = foreign.sketch.halves
            try txn.put(
                txn.database("foreign", create: true), bytes(UInt64(key), count: 8),
                bytes(sketch.low, count: 8) + bytes(sketch.high, count: 8) + [UInt8(foreign.host.utf8.count)] + Array(foreign.host.utf8)
                    + DocumentIDs.packed(StateStoreTests.id(900)))
            try putNear(foreign.simhash, seq: key)
        }
    }

    @Test func aFormat2StoreIsConvertedInPlaceWithEveryKeyAndFingerprint() throws {
        var random = SplitMix64(seed: 7)
        let documents = Self.documentsWithATwin(&random)
        let foreignSketch = MinHashSketch(low: random.next(), high: random.next())
        try writeFormat2(documents, foreign: (41, "news2", 0xABCD_0000_1234_5678, foreignSketch))

        let store = try StateStore(directory: directory.url("store"), mapSize: 1 << 26)
        #expect(store.upgradedFormat?.format == 2 && store.upgradedFormat?.simhashes == 3_000, "2,999 documents and one of another host")
        #expect(store.rebuiltFormat == nil)
        #expect(try store.seq() == 3_000)
        try store.read { reader throws in
            #expect(try reader.documentCount() == 3_000)
            for document in documents.prefix(2_999) where document.serial % 7 == 0 {
                let id = StateStoreTests.id(document.serial)
                #expect(try reader.first(withContent: id) == FirstSeen(id: id, seq: document.serial))
                #expect(try reader.first(withText: "text-\(document.serial)") == FirstSeen(id: id, seq: document.serial))
                let near = try reader.nearest(simhash: document.simhash ^ 0b101, sketch: document.sketch).match
                #expect(near?.id == id && near?.distance == 2)
                #expect(try reader.isFiledNear(seq: document.serial, simhash: document.simhash, sketch: document.sketch))
            }
            let twin = documents[2_999]
            #expect(try reader.first(withContent: StateStoreTests.id(twin.serial))?.seq == twin.serial)
            #expect(try !reader.isFiledNear(seq: twin.serial, simhash: twin.simhash, sketch: twin.sketch), "its SimHash was not in the store")
            let near = try reader.nearest(simhash: 0xABCD_0000_1234_5679, sketch: foreignSketch).match
            #expect(near?.host == "news2" && near?.id == StateStoreTests.id(900) && near?.distance == 1)
            #expect(try reader.foreignDocumentCount() == 1)
        }
        #expect(try store.environment.read { txn in try ["content", "text", "documents", "near.0", "near.3"].compactMap { try txn.databaseIfPresent($0) } }.isEmpty)
        let reopened = try StateStore(directory: directory.url("store"), mapSize: 1 << 26, readOnly: true)
        #expect(reopened.upgradedFormat == nil && reopened.rebuiltFormat == nil)
    }
}

extension StoreUpgradeTests {
    /// Writes a format-3 store: `documents` by native `seq` (sketch, SimHash, packed id), bands of
    /// 10-byte values, another host's document under the former base.
    func writeFormat3(_ documents: [Old], ids: [Int: String], foreign: (position: Int, host: String, simhash: UInt64, sketch: MinHashSketch)) throws {
        try directory.writeEarlierStore(format: 3, seq: documents.count) { txn, meta in
            try txn.delete(meta, Array("near.tables".utf8))
            let tables = try StateStore.Tables(in: txn, readOnly: false)
            let records = try txn.database("documents", flags: MDB_INTEGERKEY, create: true)
            func fingerprint(_ simhash: UInt64, _ sketch: MinHashSketch) -> [UInt8] {
                bytes(sketch.halves.low, count: 8) + bytes(sketch.halves.high, count: 8) + bytes(simhash, count: 8)
            }
            func file(_ simhash: UInt64, _ sketch: MinHashSketch, seq: Int) throws {
                guard simhash != 0 else { return }
                for band in NearDuplicateBands.bands.indices {
                    let key = withUnsafeBytes(of: NearDuplicateBands.key(sketch, band: band)) { Array($0) }
                    try txn.put(tables.near.database, key, bytes(UInt64(seq), count: 5) + bytes(simhash >> 24, count: 5))
                }
            }
            try tables.ids.insert(documents.map { (Digest128(ids[$0.serial] ?? StateStoreTests.id($0.serial)), $0.serial) }, in: txn)
            try tables.articles.insert(documents.map { (Digest128("text-\($0.serial)"), $0.serial) }, in: txn)
            for document in documents {
                let id = ids[document.serial] ?? StateStoreTests.id(document.serial)
                let simhash = document.inNearTables ? document.simhash : 0
                try txn.put(records, withUnsafeBytes(of: UInt64(document.serial)) { Array($0) }, fingerprint(simhash, document.sketch) + DocumentIDs.packed(id))
                try file(simhash, document.sketch, seq: document.serial)
            }
            let key = StoreUpgrade.formerForeignBase + foreign.position
            try txn.put(
                try #require(tables.foreign), bytes(UInt64(key), count: 8),
                fingerprint(foreign.simhash, foreign.sketch) + [UInt8(foreign.host.utf8.count)] + Array(foreign.host.utf8) + DocumentIDs.packed(StateStoreTests.id(900)))
            try file(foreign.simhash, foreign.sketch, seq: key)
        }
    }

    /// Format 3 (10-byte band values, a `documents` entry each) to format 4: every key,
    /// fingerprint and id is kept, another host's document keeps its host, a twin converted
    /// from format 2 without its SimHash stays out of the bands, and a duplicate added
    /// afterwards is found.
    @Test func aFormat3StoreIsConvertedInPlaceWithEveryKeyAndFingerprint() throws {
        var random = SplitMix64(seed: 11)
        let documents = Self.documentsWithATwin(&random)
        let foreignSketch = MinHashSketch(low: random.next(), high: random.next())
        try writeFormat3(documents, ids: [5: "legacy-5"], foreign: (41, "news2", 0xABCD_0000_1234_5678, foreignSketch))

        let store = try StateStore(directory: directory.url("store"), mapSize: 1 << 26)
        #expect(store.upgradedFormat?.format == 3 && store.upgradedFormat?.simhashes == 3_000, "2,999 documents and one of another host")
        #expect(try store.seq() == 3_000)
        try store.read { reader throws in
            #expect(try reader.documentCount() == 3_000)
            for document in documents.prefix(2_999) where document.serial % 7 == 5 {
                let id = document.serial == 5 ? "legacy-5" : StateStoreTests.id(document.serial)
                #expect(try reader.first(withContent: id) == FirstSeen(id: id, seq: document.serial))
                #expect(try reader.first(withText: "text-\(document.serial)") == FirstSeen(id: id, seq: document.serial))
                let near = try reader.nearest(simhash: document.simhash ^ 0b1001, sketch: document.sketch).match
                #expect(near?.id == id && near?.distance == 2 && near?.host == nil)
                #expect(try reader.isFiledNear(seq: document.serial, simhash: document.simhash, sketch: document.sketch))
            }
            let twin = documents[2_999]
            #expect(try !reader.isFiledNear(seq: twin.serial, simhash: twin.simhash, sketch: twin.sketch))
            #expect(try reader.document(seq: twin.serial)?.simhashLowBits == 0)
            let near = try reader.nearest(simhash: 0xABCD_0000_1234_5679, sketch: foreignSketch).match
            #expect(near?.host == "news2" && near?.id == StateStoreTests.id(900) && near?.distance == 1)
            #expect(try reader.foreignDocumentCount() == 1)
        }
        #expect(try store.environment.read { try $0.databaseIfPresent("documents") } == nil)
        let added = MinHashSketch(low: random.next(), high: random.next())
        try store.apply([StateStoreTests.document(3_001, simhash: 0x5555, sketch: added)], through: 3_001)
        #expect(try store.read { try $0.nearest(simhash: 0x5557, sketch: added).match?.id } == StateStoreTests.id(3_001))
        let reopened = try StateStore(directory: directory.url("store"), mapSize: 1 << 26, readOnly: true)
        #expect(reopened.upgradedFormat == nil && reopened.rebuiltFormat == nil)
    }
}

extension TemporaryDirectory {
    /// Writes a store of an earlier `format` in `store/`: `meta` with the format, 4 SimHash
    /// tables and `seq`, then what `body` puts in the transaction (given `meta`).
    func writeEarlierStore(format: UInt8, seq: Int, _ body: (LMDBTransaction, MDB_dbi) throws -> Void) throws {
        try Posix.makeDirectories(url("store"))
        let environment = try LMDBEnvironment(path: url("store"), mapSize: 1 << 26, maxDatabases: 16)
        try environment.write { txn in
            let meta = try txn.database("meta", create: true)
            try txn.put(meta, Array("format".utf8), [format])
            try txn.put(meta, Array("near.tables".utf8), [4])
            try txn.put(meta, Array("seq".utf8), bytes(UInt64(seq), count: 8))
            try body(txn, meta)
        }
    }
}
