import Testing

@testable import DepecheCore

/// Reading `index.snapshot`, the exact index and ledger of a depeche from before the state store.
@Suite struct IndexSnapshotTests {
    let directory = TemporaryDirectory()

    static let pages = (0..<3).map { ContentHash.id(of: Array("page \($0)".utf8)) }
    static let article = String(ContentHash.hexDigits(of: ContentHash.id(of: Array("article".utf8))))

    /// The fixture: the first document of each content and of each article (real digests and
    /// other strings, an article shared by two contents), and a ledger with an odd file name.
    @Test func theFixtureReadsBackItsIndexAndLedger() throws {
        let snapshot = try #require(try IndexSnapshot.read(from: LegacyStateFixtures.path("index.snapshot")))
        #expect(snapshot.seq == 14)
        let contents = Dictionary(uniqueKeysWithValues: snapshot.firstOfContent.map { ($0.id, $0.seq) })
        let expectedContents = [
            "sha256:a": 1, Self.pages[0]: 4, "sha256:b": 8, Self.pages[1]: 9, Self.pages[2]: 12, "sha256:not-hex": 13,
        ]
        #expect(contents == expectedContents)
        let articles = Dictionary(uniqueKeysWithValues: snapshot.firstOfArticle.map { ($0.key, $0.document) })
        let expectedArticles = [
            Digest128("t1"): FirstSeen(id: "sha256:a", seq: 1), Digest128(Self.article): FirstSeen(id: Self.pages[0], seq: 4),
            Digest128("also not hex"): FirstSeen(id: "sha256:not-hex", seq: 13),
        ]
        #expect(articles == expectedArticles)
        let identity = FileIdentity(inode: 42, size: 9, mtimeNanoseconds: 1_700_000_000_123_456_789)
        let odd = InboxPath(bytes: Array("caf".utf8) + [0xE9] + Array(" x\n.txt".utf8))
        #expect(snapshot.ledger.count == 2)
        #expect(snapshot.ledger.entry(for: odd, identity: identity) == .init(identity: identity, seq: 8, id: "sha256:b", rejected: false))
        #expect(snapshot.ledger.entry(for: InboxPath("bad.bin"), identity: identity)?.rejected == true)
    }

    /// A snapshot of the first format (string keys) is refused.
    @Test func aVersionOneSnapshotIsRefused() throws {
        directory.write("old", "depeche-index 1 3\nc sha256:ab 1\n")
        #expect(throws: SnapshotError.self) { try IndexSnapshot.read(from: directory.url("old")) }
    }

    @Test func aMissingSnapshotIsNilAndADamagedOneThrows() throws {
        #expect(try IndexSnapshot.read(from: directory.url("none")) == nil)
        directory.write("bad", "not a snapshot\n")
        #expect(throws: SnapshotError.self) { try IndexSnapshot.read(from: directory.url("bad")) }
        let badRecord = try LegacyStateFixtures.bytes("index.snapshot") + Array("t 00 0\n".utf8)
        directory.write("bad record", bytes: badRecord)
        #expect(throws: SnapshotError.self) { try IndexSnapshot.read(from: directory.url("bad record")) }
    }
}
