import Foundation
import Testing

@testable import DepecheCore

/// The sketch of every synthetic entry: lookups with it always pass the sketch check, so
/// these tests are about SimHash distances.
private let story = MinHashSketch(signature: Array(0..<16))

/// `value` with `bits` distinct random bits flipped.
private func flipping(_ value: UInt64, bits: Int, using generator: inout SplitMix64) -> UInt64 {
    var positions = Array(0..<64)
    positions.shuffle(using: &generator)
    return positions.prefix(bits).reduce(value) { $0 ^ (1 << UInt64($1)) }
}

@Suite struct NearDuplicateIndexTests {
    @Test func findsTheNearestWithinTheDistanceOnly() {
        var index = NearDuplicateIndex(maxDistance: 6)
        index.insert(simhash: 0, sketch: story, id: "zero")
        index.insert(simhash: 0xFF, sketch: story, id: "eight-ones")
        #expect(
            index.nearest(simhash: 0b111, sketch: story)
                == NearDuplicate(id: "zero", distance: 3, similarity: 1 - 3.0 / 64))
        #expect(index.nearest(simhash: 0x7F, sketch: story)?.id == "eight-ones")
        #expect(index.nearest(simhash: 0xFFFF, sketch: story) == nil)
        #expect(index.nearest(simhash: 0x1111_0000_0000_0000, sketch: story)?.id == "zero")
        #expect(index.nearest(simhash: 0x1111_1110_0000_0000, sketch: story) == nil)
    }

    @Test func equallyNearArticlesGiveTheFirstIndexed() {
        var index = NearDuplicateIndex(maxDistance: 4)
        index.insert(simhash: 0b0011, sketch: story, id: "first")
        index.insert(simhash: 0b1100, sketch: story, id: "second")
        #expect(index.nearest(simhash: 0b0110, sketch: story)?.id == "first")
    }

    @Test func aNeighbourWhoseSketchDisagreesIsNoDuplicate() {
        var index = NearDuplicateIndex()
        let other = MinHashSketch(signature: Array(100..<116))
        index.insert(simhash: 0b1, sketch: other, id: "unrelated")
        index.insert(simhash: 0b1111, sketch: story, id: "same story")
        #expect(index.nearest(simhash: 0, sketch: story)?.id == "same story")
        #expect(index.nearest(simhash: 0, sketch: other)?.id == "unrelated")
        let halfAgreeing = MinHashSketch(signature: Array(0..<8) + Array(300..<308))
        #expect(index.nearest(simhash: 0, sketch: halfAgreeing)?.id == "same story")
        let sevenAgreeing = MinHashSketch(signature: Array(0..<7) + Array(200..<209))
        #expect(index.nearest(simhash: 0, sketch: sevenAgreeing) == nil)
    }

    @Test func insertingAKnownSimHashChangesNothing() {
        var index = NearDuplicateIndex()
        let inserted = [
            index.insert(simhash: 42, sketch: story, id: "a"), index.insert(simhash: 42, sketch: story, id: "a"),
            index.insert(simhash: 42, sketch: story, id: "b"),
        ]
        #expect(inserted == [true, false, false])
        #expect(index.count == 1)
        #expect(index.nearest(simhash: 42, sketch: story)?.id == "a")
    }

    /// Pages of one template (other figures, same words) pile their SimHashes into a few
    /// buckets: a lookup still examines at most its budget, and still finds a near one.
    @Test func denseSimHashesCostABoundedLookup() throws {
        var generator = SplitMix64(seed: 11)
        var index = NearDuplicateIndex()
        let center: UInt64 = 0x0123_4567_89AB_CDEF
        for number in 0..<(NearDuplicateIndex.lookupBudget + 20_000) {
            // Only the lowest 20 bits vary: every entry shares three blocks with the center.
            // (Appended unchecked, filed in batches: `insert` would compare each with the pending ones.)
            index.append(simhash: center ^ (generator.next() & 0xF_FFFF), sketch: story, id: "\(number)")
            if number % NearDuplicateIndex.batchSize == 0 { index.fileThePending() }
        }
        index.fileThePending()
        let lookup = index.lookup(simhash: center ^ 0b1011, sketch: story)
        #expect(lookup.examined == NearDuplicateIndex.lookupBudget)
        #expect(try #require(lookup.nearest).distance <= 2)
        let unrelated = index.lookup(simhash: ~center, sketch: story)
        #expect(unrelated.nearest == nil)
        #expect(unrelated.examined < 1_000)   // the random lowest block: about 180
    }

    /// The index must answer exactly as comparing against every SimHash would, for SimHashes
    /// filed in its tables and for those still pending.
    @Test(arguments: [0, 3, 4, 7, 10, 15])
    func agreesWithALinearScan(maxDistance: Int) {
        var generator = SplitMix64(seed: UInt64(maxDistance))
        var index = NearDuplicateIndex(maxDistance: maxDistance)
        var indexed: [(simhash: UInt64, id: String)] = []
        for number in 0..<3_000 {
            let simhash = generator.next()
            if index.insert(simhash: simhash, sketch: story, id: "\(number)") { indexed.append((simhash, "\(number)")) }
            if number == 1_000 || number == 2_000 { index.fileThePending() }
        }
        for query in 0..<200 {
            let base = indexed[Int(generator.next() % UInt64(indexed.count))].simhash
            let simhash = query % 4 == 0 ? generator.next() : flipping(base, bits: query % 20, using: &generator)
            var expected: (distance: Int, id: String)?
            for entry in indexed {
                let distance = (entry.simhash ^ simhash).nonzeroBitCount
                if distance <= maxDistance, distance < expected?.distance ?? .max { expected = (distance, entry.id) }
            }
            #expect(index.nearest(simhash: simhash, sketch: story)?.id == expected?.id)
            #expect(index.nearest(simhash: simhash, sketch: story)?.distance == expected?.distance)
        }
    }
}

@Suite struct NearDuplicateIndexFileTests {
    private let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("neardup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    private func sampleIndex() -> NearDuplicateIndex {
        var index = NearDuplicateIndex(maxDistance: 8)
        var generator = SplitMix64(seed: 7)
        for number in 0..<1_000 {
            let sketch = MinHashSketch(signature: (0..<16).map { UInt32(number * 31 + $0) })
            index.insert(simhash: generator.next(), sketch: sketch, id: "doc-\(number)-été")
        }
        index.seq = 123_456
        return index
    }

    @Test func savedIndexLoadsWithTheSameAnswers() throws {
        let path = directory.appendingPathComponent("near.idx").path
        let index = sampleIndex()
        try index.save(to: path)
        let loaded = try NearDuplicateIndex.load(from: path, maxDistance: 8)
        #expect(loaded.count == index.count)
        #expect(loaded.seq == 123_456)
        #expect((0..<loaded.count).map { loaded.ids[$0] } == (0..<index.count).map { index.ids[$0] })
        #expect(loaded.simhashesInOrder == index.simhashesInOrder)
        #expect((0..<loaded.count).map(loaded.sketch(at:)) == (0..<index.count).map(index.sketch(at:)))
        for (position, simhash) in index.simhashesInOrder.prefix(50).enumerated() {
            let query = (simhash: simhash ^ 0b101, sketch: index.sketch(at: position))
            #expect(loaded.nearest(simhash: query.simhash, sketch: query.sketch)?.id == index.ids[position])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["near.idx"])
    }

    @Test func savingAgainReplacesTheSnapshot() throws {
        let path = directory.appendingPathComponent("near.idx").path
        var index = NearDuplicateIndex()
        try index.save(to: path)
        index.insert(simhash: 99, sketch: story, id: "later")
        try index.save(to: path)
        #expect(try NearDuplicateIndex.load(from: path).nearest(simhash: 99, sketch: story)?.id == "later")
    }

    @Test func missingFileIsNotFound() {
        #expect { try NearDuplicateIndex.load(from: directory.appendingPathComponent("none").path) } throws: {
            ($0 as? NearDuplicateIndexFileError)?.code == .notFound
        }
    }

    @Test(arguments: [
        ("flipped id byte", NearDuplicateIndexFileError.Code.corrupt),
        ("truncated", .corrupt),
        ("version 2", .unsupportedVersion),
        ("other magic", .notAnIndex),
    ])
    func damagedFilesAreRefused(_ damage: String, _ code: NearDuplicateIndexFileError.Code) throws {
        let path = directory.appendingPathComponent("near.idx").path
        try sampleIndex().save(to: path)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        switch damage {
        case "flipped id byte": bytes[50] ^= 1
        case "truncated": bytes.removeLast(40)
        case "version 2": bytes[8] = 2
        default: bytes[0] = UInt8(ascii: "X")
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect { try NearDuplicateIndex.load(from: path) } throws: {
            ($0 as? NearDuplicateIndexFileError)?.code == code
        }
    }

    @Test func unwritableDirectoryFailsAndLeavesNothing() throws {
        let path = directory.appendingPathComponent("missing/near.idx").path
        #expect { try sampleIndex().save(to: path) } throws: {
            ($0 as? NearDuplicateIndexFileError)?.code == .unwritable
        }
    }
}
