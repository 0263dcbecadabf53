import CLMDB
import Testing
@testable import DepecheCore

/// This host's document records: found by `seq` across the keys' boundaries, written again in
/// place, and ids that are not `sha256:` kept whole.
@Suite struct DocumentRecordsTests {
    let directory = TemporaryDirectory()

    func withRecords<T>(_ body: (DocumentRecords, LMDBTransaction) throws -> T) throws -> T {
        try Posix.makeDirectories(directory.url("store"))
        let environment = try LMDBEnvironment(path: directory.url("store"), mapSize: 1 << 26, maxDatabases: 4)
        return try environment.write { txn in try body(try DocumentRecords(in: txn, readOnly: false), txn) }
    }

    @Test func recordsAreFoundBySeqOnEitherSideOfAKeysBoundary() throws {
        let seqs = [1, 2, 65_535, 65_536, 65_537, 131_072, 1 << 30]
        try withRecords { records, txn in
            try records.put(seqs.map { ($0, UInt64($0) << 32 | 0xABCD_0000 | UInt64($0 & 0xFFFF), MinHashSketch(low: UInt64($0), high: 9), StateStoreTests.id($0)) }, in: txn)
            for seq in seqs {
                let record = try #require(try records.record(seq: seq, in: txn))
                #expect(record == DocumentRecords.Record(id: StateStoreTests.id(seq), simhashLowBits: 0xABCD_0000 | UInt64(seq & 0xFFFF), sketch: MinHashSketch(low: UInt64(seq), high: 9)))
            }
            for absent in [0, 3, 65_534, 65_538, 131_073, 1 << 29] {
                #expect(try records.record(seq: absent, in: txn) == nil, "seq \(absent)")
            }
            #expect(try txn.count(records.database) == seqs.count)
        }
    }

    @Test func aSeqWrittenAgainIsReplacedAndOutOfOrderWritesAreKept() throws {
        try withRecords { records, txn in
            try records.put([(10, 1, MinHashSketch(low: 1, high: 1), StateStoreTests.id(10)), (30, 3, MinHashSketch(low: 3, high: 3), StateStoreTests.id(30))], in: txn)
            try records.put([(20, 2, MinHashSketch(low: 2, high: 2), StateStoreTests.id(20)), (10, 7, MinHashSketch(low: 7, high: 7), StateStoreTests.id(11))], in: txn)
            #expect(try records.record(seq: 10, in: txn) == DocumentRecords.Record(id: StateStoreTests.id(11), simhashLowBits: 7, sketch: MinHashSketch(low: 7, high: 7)))
            #expect(try records.record(seq: 20, in: txn)?.simhashLowBits == 2)
            #expect(try records.record(seq: 30, in: txn)?.simhashLowBits == 3)
            #expect(try txn.count(records.database) == 3)
            #expect(try records.setSimhash(0x1234_5678_9ABC_DEF0, seq: 20, in: txn) == MinHashSketch(low: 2, high: 2))
            #expect(try records.record(seq: 20, in: txn)?.simhashLowBits == 0x9ABC_DEF0)
            #expect(try records.setSimhash(1, seq: 21, in: txn) == nil)
        }
    }

    @Test func anIdThatIsNotASha256IsKeptWhole() throws {
        let ids = ["legacy-42", "sha256:" + String(repeating: "A", count: 64), "sha256:0123", ""]
        try withRecords { records, txn in
            try records.put(ids.enumerated().map { ($0.offset + 1, 5, MinHashSketch(low: 0, high: 0), $0.element) }, in: txn)
            for (offset, id) in ids.enumerated() { #expect(try records.record(seq: offset + 1, in: txn)?.id == id) }
        }
    }
}
