import Testing

@testable import DepecheCore

/// Reading `near.index`, the near-duplicate index of a depeche from before the state store.
@Suite struct NearDuplicateIndexFileTests {
    let directory = TemporaryDirectory()

    /// The fixture's 100 entries, in order: SimHash from `SplitMix64(seed: 7)`, the sketch of the
    /// signature `31 n + 0…15`, id `doc-n-été`.
    @Test func theFixtureReadsBackEntryByEntryWithItsSeq() throws {
        let file = try NearDuplicateIndexFile.read(from: LegacyStateFixtures.path("near.index"))
        var generator = SplitMix64(seed: 7)
        let expected = (0..<100).map { number in
            NearDuplicateIndexFile.Entry(
                simhash: generator.next(), sketch: MinHashSketch(signature: (0..<16).map { UInt32(number * 31 + $0) }),
                id: "doc-\(number)-été")
        }
        #expect(file.seq == 123_456)
        #expect(file.entries == expected)
    }

    @Test func aMissingFileIsNotFoundAndADirectoryUnreadable() {
        #expect { try NearDuplicateIndexFile.read(from: directory.url("none")) } throws: {
            ($0 as? NearDuplicateIndexFileError)?.code == .notFound
        }
        #expect { try NearDuplicateIndexFile.read(from: directory.path) } throws: {
            ($0 as? NearDuplicateIndexFileError)?.code == .unreadable
        }
    }

    @Test(arguments: [
        ("flipped sketch byte", NearDuplicateIndexFileError.Code.corrupt),
        ("truncated", .corrupt),
        ("version 2", .unsupportedVersion),
        ("other magic", .notAnIndex),
    ])
    func damagedFilesAreRefused(_ damage: String, _ code: NearDuplicateIndexFileError.Code) throws {
        var bytes = try LegacyStateFixtures.bytes("near.index")
        switch damage {
        case "flipped sketch byte": bytes[50] ^= 1   // the first entry's sketch: the checksum fails
        case "truncated": bytes.removeLast(40)
        case "version 2": bytes[8] = 2
        default: bytes[0] = UInt8(ascii: "X")
        }
        let path = directory.write("near.index", bytes: bytes)
        #expect { try NearDuplicateIndexFile.read(from: path) } throws: {
            ($0 as? NearDuplicateIndexFileError)?.code == code
        }
    }
}
