import CLMDB
import Foundation
import Testing
@testable import DepecheCore

@Suite struct StateStoreTests {
    let directory = TemporaryDirectory()

    func open(mapSize: Int = 1 << 26) throws -> StateStore {
        try StateStore(directory: directory.url("store"), mapSize: mapSize)
    }

    /// A content id per serial (ids are keyed by their 128-bit fold, so the serial goes in one word only).
    static func id(_ serial: Int) -> String { "sha256:" + String(format: "%016lx", serial) + String(repeating: "0123456789abcdef", count: 3) }

    static func document(_ serial: Int, simhash: UInt64, sketch: MinHashSketch) -> StoreChange {
        .document(StoredDocument(id: id(serial), seq: serial, textHash: "text-\(serial)", simhash: simhash, sketch: sketch))
    }

    @Test func exactKeysAndTheSeqSurviveAReopen() throws {
        let sketch = MinHashSketch(low: 1, high: 2)
        do {
            let store = try open()
            try store.apply([Self.document(1, simhash: 1, sketch: sketch), Self.document(2, simhash: 2, sketch: sketch)], through: 3)
            try store.apply([.document(StoredDocument(id: Self.id(1), seq: 9, textHash: "text-2", simhash: 3, sketch: sketch))], through: 9)
        }
        let store = try open()
        #expect(try store.seq() == 9)
        try store.read { reader throws in
            #expect(try reader.first(withContent: Self.id(1)) == FirstSeen(id: Self.id(1), seq: 1), "the first record of a content wins")
            #expect(try reader.first(withText: "text-2") == FirstSeen(id: Self.id(2), seq: 2), "the first record of an article wins")
            #expect(try reader.first(withContent: Self.id(7)) == nil)
            #expect(try reader.documentCount() == 2)
        }
    }

    /// `sketch` with the positions outside `agreeing` changed.
    static func sketch(_ sketch: MinHashSketch, agreeingIn agreeing: Set<Int>) -> MinHashSketch {
        var hex = Array(sketch.hex.utf8)
        for position in 0..<MinHashSketch.count where !agreeing.contains(position) {
            hex[2 * position] = hex[2 * position] == UInt8(ascii: "f") ? UInt8(ascii: "0") : UInt8(ascii: "f")
        }
        return MinHashSketch(hex: String(decoding: hex, as: UTF8.self))!
    }

    /// 20,000 random articles, then copies planted at 0 to 11 bits from some of them, whose
    /// sketches agree in 8 to 16 positions, chosen at random or spread one to a band: every copy
    /// within the rule (at most 10 bits, at least 9 positions) is found and names its original;
    /// none outside it; a random SimHash with an unrelated sketch matches nothing.
    @Test func everyPlantedNearCopyIsFoundAndNothingElse() throws {
        let store = try open()
        var random = SplitMix64(seed: 42)
        var simhashes: [UInt64] = []
        var changes: [StoreChange] = []
        for serial in 1...20_000 {
            let simhash = random.next()
            simhashes.append(simhash)
            changes.append(Self.document(serial, simhash: simhash, sketch: MinHashSketch(low: random.next(), high: random.next())))
        }
        try store.apply(changes, through: 20_000)
        try store.read { reader throws in
            for trial in 0..<600 {
                let serial = Int(random.next() % 20_000) + 1
                let distance = trial % 12
                var flipped = simhashes[serial - 1]
                var bits = Set<UInt64>()
                while bits.count < distance { bits.insert(random.next() % 64) }
                for bit in bits { flipped ^= 1 << bit }
                let agreement = 8 + trial % 9
                // Half the copies agree one position to a band (then at random), the hardest case.
                var agreeing = trial % 2 == 0 ? Set(NearDuplicateBands.bands.map { Int(random.next() % 2) == 0 ? $0.0 : $0.1 }) : []
                while agreeing.count < agreement { agreeing.insert(Int(random.next() % 16)) }
                let original = try #require(try reader.document(seq: serial))
                let found = try reader.nearest(simhash: flipped, sketch: Self.sketch(original.sketch, agreeingIn: agreeing)).match
                if distance <= 10 && agreement >= NearDuplicatePolicy.minimumSketchAgreement {
                    #expect(found?.id == Self.id(serial) && found?.distance == distance, "distance \(distance), agreement \(agreement): \(String(describing: found))")
                } else {
                    #expect(found?.id != Self.id(serial), "distance \(distance), agreement \(agreement)")
                }
                let unrelated = try reader.nearest(simhash: random.next(), sketch: MinHashSketch(low: random.next(), high: random.next()))
                #expect(unrelated.match == nil)
            }
        }
    }

    /// The bands' promise, checked over every set of agreeing positions: whenever at least
    /// `minimumSketchAgreement` of the 16 positions agree, some band lies wholly inside them.
    @Test func everySetOfAgreeingPositionsTheRuleAcceptsFillsABand() {
        for positions in 0..<(1 << MinHashSketch.count) where positions.nonzeroBitCount >= NearDuplicatePolicy.minimumSketchAgreement {
            #expect(NearDuplicateBands.bands.contains { positions >> $0.0 & 1 == 1 && positions >> $0.1 & 1 == 1 })
        }
    }

    /// The bands file articles by epoch (2²⁴ references each, in the key): articles on both
    /// sides of an epoch's boundary, far epochs, and another host's document all share the
    /// query's band keys and are found; the earliest of equally near ones wins.
    @Test func articlesOfEveryEpochAreFound() throws {
        let sketch = MinHashSketch(low: 0x0102_0304_0506_0708, high: 0x1112_1314_1516_1718)
        let epoch = 1 << 24
        let seqs = [epoch - 1, epoch, epoch + 1, 3 * epoch + 5, 40 * epoch]
        let store = try open()
        try store.apply(seqs.enumerated().map { Self.document($0.element, simhash: 0xF0F0 << UInt64(4 * $0.offset), sketch: sketch) }, through: seqs.last!)
        try store.learn([ForeignDocument(id: Self.id(7), host: "news2", simhash: 0xABC0_0000_0000, sketch: sketch, position: UInt64(2 * epoch + 3))], through: 1)
        try store.read { reader throws in
            for (offset, seq) in seqs.enumerated() {
                let simhash = UInt64(0xF0F0) << UInt64(4 * offset)
                #expect(try reader.nearest(simhash: simhash ^ 1, sketch: sketch).match?.id == Self.id(seq), "seq \(seq)")
                #expect(try reader.isFiledNear(seq: seq, simhash: simhash, sketch: sketch))
                #expect(try !reader.isFiledNear(seq: seq, simhash: simhash ^ 1 << 63, sketch: sketch))
            }
            let (foreign, _, seeks) = try reader.nearest(simhash: 0xABC0_0000_0001, sketch: sketch)
            #expect(foreign?.host == "news2" && foreign?.id == Self.id(7))
            #expect(seeks == 8 * 5, "8 bands, each in the 4 epochs of this host's articles and the one of the other host's")
        }
        let later = MinHashSketch(low: 1, high: 2)
        try store.apply([Self.document(40 * epoch + 1, simhash: 77, sketch: later), Self.document(40 * epoch + 2, simhash: 77, sketch: later)], through: 40 * epoch + 2)
        #expect(try store.read { try $0.nearest(simhash: 76, sketch: later).match?.id } == Self.id(40 * epoch + 1))
        #expect(throws: StoreCorruption.self) { try store.apply([], through: StateStore.foreignBase) }
    }

    /// Copies of one story filed over and over (a page scraped again and again): the answer is
    /// still the nearest copy and the earliest of equally near ones, checked against every copy;
    /// and a band is read no further than a copy that nothing after it can beat.
    @Test func theNearestOfManyCopiesIsFoundWithoutReadingThemAll() throws {
        let store = try open()
        let sketch = MinHashSketch(low: 0x0102_0304_0506_0708, high: 0x1112_1314_1516_1718)
        let story: UInt64 = 0x0123_4567_89AB_CDEF
        var random = SplitMix64(seed: 7)
        let copies = (1...3_000).map { seq -> (seq: Int, simhash: UInt64) in
            var simhash = story
            if seq != 700 { for _ in 0..<(1 + random.next() % 8) { simhash ^= 1 << (random.next() % 64) } }
            return (seq, simhash)
        }
        try store.apply(copies.map { Self.document($0.seq, simhash: $0.simhash, sketch: sketch) }, through: 3_000)
        try store.read { reader throws in
            for _ in 0..<100 {
                var query = story
                for _ in 0..<random.next() % 6 { query ^= 1 << (random.next() % 64) }
                let nearest = copies.map { (distance: ($0.simhash ^ query).nonzeroBitCount, seq: $0.seq) }
                    .filter { $0.distance <= store.nearMaxDistance }.min { $0 < $1 }
                let found = try reader.nearest(simhash: query, sketch: sketch).match
                #expect(found?.id == nearest.map { Self.id($0.seq) } && found?.distance == nearest?.distance)
            }
            let exact = try reader.nearest(simhash: story, sketch: sketch)
            #expect(exact.match?.distance == 0 && exact.examined <= 8 * 700, "\(exact.examined) values compared")
        }
    }

    /// Another host's document is found near with its host, is kept apart from this host's
    /// exact keys and `seq`, is filed once however often it is learnt, and goes with a reset.
    @Test func otherHostsDocumentsAreNearWithTheirHostAndApart() throws {
        let sketch = MinHashSketch(low: 7, high: 9)
        let store = try open()
        try store.apply([Self.document(1, simhash: 0xFF00, sketch: sketch)], through: 1)
        let foreign = ForeignDocument(id: Self.id(2), host: "news2", simhash: 0xFFFF_0000_0000, sketch: sketch, position: 41)
        try store.learn([foreign], through: 45)
        try store.learn([foreign], through: 46)
        #expect(try store.foreignPosition() == 46)
        #expect(try store.seq() == 1)
        try store.read { reader throws in
            let near = try reader.nearest(simhash: 0xFFFF_0000_0001, sketch: sketch).match
            #expect(near == NearDuplicate(id: Self.id(2), distance: 1, similarity: NearDuplicatePolicy.similarity(forDistance: 1), host: "news2"))
            #expect(try reader.nearest(simhash: 0xFF01, sketch: sketch).match?.host == nil, "this host's own document names no host")
            #expect(try reader.first(withContent: Self.id(2)) == nil, "exact duplicates across hosts are the stream's to decide")
            #expect(try reader.documentCount() == 1)
            #expect(try reader.foreignDocumentCount() == 1)
        }
        try store.reset()
        #expect(try store.foreignPosition() == 0)
        #expect(try store.read { try $0.nearest(simhash: 0xFFFF_0000_0000, sketch: sketch).match } == nil)
    }

    @Test func theLedgerIsKeptAndForgotten() throws {
        let identity = FileIdentity(inode: 12, size: 34, mtimeNanoseconds: -5)
        let kept = DispositionLedger.Entry(identity: identity, seq: 3, id: Self.id(3), rejected: false)
        let rejected = DispositionLedger.Entry(identity: identity, seq: 4, id: nil, rejected: true)
        do {
            let store = try open()
            try store.apply([
                .ledgerRecord(InboxPath("a/b.txt"), kept), .ledgerRecord(InboxPath(bytes: [0xFF, 0x2F, 0x41]), rejected),
                .ledgerRecord(InboxPath("gone.txt"), kept), .ledgerRemove(InboxPath("gone.txt")),
            ], through: 4)
        }
        let ledger = try open().ledgerEntries()
        #expect(ledger.count == 2)
        #expect(ledger.entry(for: InboxPath("a/b.txt"), identity: identity) == kept)
        #expect(ledger.entry(for: InboxPath(bytes: [0xFF, 0x2F, 0x41]), identity: identity) == rejected)
    }

    /// A full memory map is reported as "out of room" (intake pauses on it) and leaves the
    /// store as it was.
    @Test func aFullMapIsOutOfRoomAndChangesNothing() throws {
        let store = try open(mapSize: 1 << 20)
        try store.apply([Self.document(1, simhash: 1, sketch: MinHashSketch(low: 0, high: 0))], through: 1)
        let many = (2...40_000).map { Self.document($0, simhash: UInt64($0) &* 0x9E37_79B9_7F4A_7C15, sketch: MinHashSketch(low: 0, high: 0)) }
        #expect {
            try store.apply(many, through: 40_000)
        } throws: { error in
            (error as? LMDBError)?.isOutOfRoom == true
        }
        #expect(try store.seq() == 1)
        #expect(try store.read { try $0.documentCount() } == 1)
    }

    /// A store of a later format (a later depeche's) is refused, read-only or not, and left as
    /// it was: emptying it would lose what the event log's retention already removed.
    @Test func aStoreOfALaterFormatIsRefusedAndKept() throws {
        try directory.writeEarlierStore(format: StateStore.format + 1, seq: 7) { _, _ in }
        for readOnly in [false, true] {
            #expect {
                try StateStore(directory: directory.url("store"), mapSize: 1 << 24, readOnly: readOnly)
            } throws: { error in
                "\(error)".contains("format \(StateStore.format + 1), written by a later depeche")
            }
        }
        let environment = try LMDBEnvironment(path: directory.url("store"), mapSize: 1 << 24, maxDatabases: 16, readOnly: true)
        #expect(try environment.read { txn in try txn.get(try txn.database("meta", create: false), Array("seq".utf8)) { bigEndian($0) } } == 7)
    }

    /// A store of format 1 (16-byte keys, other database flags) is emptied when opened for
    /// writing, to be rebuilt from the log, and refused read-only with a message saying so.
    /// (Format 2 is converted in place: StoreUpgradeTests.)
    @Test func aStoreOfFormat1IsEmptiedForARebuild() throws {
        do {
            try directory.writeEarlierStore(format: 1, seq: 7) { txn, meta in
                try txn.put(meta, StateStore.foreignPositionKey, bytes(30, count: 8))
                try txn.put(txn.database("foreign", create: true), bytes(1 << 47 | 30, count: 8), [UInt8](repeating: 3, count: 20))
                try txn.put(txn.database("content", create: true), [UInt8](repeating: 1, count: 16), bytes(7, count: 8))
                for table in 0..<4 {
                    try txn.put(txn.database("near.\(table)", flags: MDB_DUPSORT | MDB_DUPFIXED, create: true), [0, 0, 0, 1], [UInt8](repeating: 2, count: 14))
                }
            }
        }
        #expect(throws: StoreFormatError.self) { try StateStore(directory: directory.url("store"), mapSize: 1 << 24, readOnly: true) }
        do {
            let store = try open()
            #expect(store.rebuiltFormat == 1)
            #expect(try store.seq() == 0)
            #expect(try store.read { try $0.documentCount() } == 0)
            #expect(try store.foreignPosition() == 0, "other hosts' documents are read again from the stream")
            #expect(try store.read { try $0.foreignDocumentCount() } == 0)
            try store.apply([Self.document(1, simhash: 5, sketch: MinHashSketch(low: 1, high: 2))], through: 1)
        }
        let store = try open()
        #expect(store.rebuiltFormat == nil)
        #expect(try store.environment.read { txn in try txn.databaseIfPresent("near.3") } == nil, "the SimHash tables are gone")
        #expect(try store.read { try $0.first(withContent: Self.id(1)) } == FirstSeen(id: Self.id(1), seq: 1))
    }
}
