import Testing
@testable import DepecheCore

@Suite struct DedupIndexTests {
    let directory = TemporaryDirectory()

    @Test func contentHashIsSHA256InLowerHex() {
        #expect(ContentHash.id(of: Array("abc".utf8)) == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHash.hexDigits(of: "sha256:00ff") == "00ff")
    }

    @Test func theFirstDocumentWins() {
        var index = DedupIndex()
        index.insert(id: "sha256:a", textHash: "t1", seq: 1)
        index.insert(id: "sha256:a", textHash: "t1", seq: 7)
        index.insert(id: "sha256:b", textHash: "t1", seq: 8)
        #expect(index.first(withContent: "sha256:a") == FirstSeen(id: "sha256:a", seq: 1))
        #expect(index.first(withText: "t1") == FirstSeen(id: "sha256:a", seq: 1))
        #expect(index.first(withContent: "sha256:c") == nil)
    }

    @Test func snapshotRoundTripsIndexAndLedgerIncludingOddNames() throws {
        var index = DedupIndex()
        index.insert(id: "sha256:a", textHash: "t1", seq: 1)
        index.insert(id: "sha256:b", textHash: nil, seq: 2)
        var ledger = DispositionLedger()
        let odd = InboxPath(bytes: Array("caf".utf8) + [0xE9] + Array(" x\n.txt".utf8))
        let identity = FileIdentity(inode: 42, size: 9, mtimeNanoseconds: 1_700_000_000_123_456_789)
        ledger.record(odd, .init(identity: identity, seq: 2, id: "sha256:b", rejected: false))
        ledger.record(InboxPath("bad.bin"), .init(identity: identity, seq: 3, id: nil, rejected: true))
        let path = directory.url("index.snapshot")
        try IndexSnapshot(seq: 3, index: index, ledger: ledger).write(to: path)
        let read = try #require(try IndexSnapshot.read(from: path))
        #expect(read.seq == 3)
        #expect(read.index.first(withContent: "sha256:b")?.seq == 2)
        #expect(read.index.first(withText: "t1")?.id == "sha256:a")
        #expect(read.ledger.entry(for: odd, identity: identity)?.id == "sha256:b")
        #expect(read.ledger.entry(for: InboxPath("bad.bin"), identity: identity)?.rejected == true)
    }

    /// Real ids and article hashes are keyed by their digits, other strings by their hash:
    /// both kinds come back from a snapshot, with the first document of each article.
    @Test func snapshotRoundTripsRealDigestsAndArticlesSharedAcrossContents() throws {
        let ids = (0..<3).map { ContentHash.id(of: Array("page \($0)".utf8)) }
        let article = String(ContentHash.hexDigits(of: ContentHash.id(of: Array("article".utf8))))
        var index = DedupIndex()
        index.insert(id: ids[0], textHash: article, seq: 4)
        index.insert(id: ids[1], textHash: article, seq: 9)
        index.insert(id: ids[2], textHash: nil, seq: 12)
        index.insert(id: "sha256:not-hex", textHash: "also not hex", seq: 13)
        let path = directory.url("index.snapshot")
        try IndexSnapshot(seq: 13, index: index, ledger: DispositionLedger()).write(to: path)
        let read = try #require(try IndexSnapshot.read(from: path)).index
        #expect(read.count == 4)
        for (id, seq) in zip(ids, [4, 9, 12]) { #expect(read.first(withContent: id) == FirstSeen(id: id, seq: seq)) }
        #expect(read.first(withText: article) == FirstSeen(id: ids[0], seq: 4))
        #expect(read.first(withContent: "sha256:not-hex")?.seq == 13)
        #expect(read.first(withText: "also not hex")?.seq == 13)
        #expect(read.first(withContent: ContentHash.id(of: Array("page 3".utf8))) == nil)
    }

    /// A snapshot of the first format (string keys) is refused: start-up replays the log instead.
    @Test func aVersionOneSnapshotIsRefused() throws {
        directory.write("old", "depeche-index 1 3\nc sha256:ab 1\n")
        #expect(throws: SnapshotError.self) { try IndexSnapshot.read(from: directory.url("old")) }
    }

    @Test func aMissingSnapshotIsNilAndADamagedOneThrows() throws {
        #expect(try IndexSnapshot.read(from: directory.url("none")) == nil)
        directory.write("bad", "not a snapshot\n")
        #expect(throws: SnapshotError.self) { try IndexSnapshot.read(from: directory.url("bad")) }
    }

    @Test func theLedgerMatchesOnlyTheSameFileVersion() {
        var ledger = DispositionLedger()
        let identity = FileIdentity(inode: 1, size: 2, mtimeNanoseconds: 3)
        ledger.record(InboxPath("a.txt"), .init(identity: identity, seq: 1, id: "sha256:x", rejected: false))
        #expect(ledger.entry(for: InboxPath("a.txt"), identity: identity) != nil)
        #expect(ledger.entry(for: InboxPath("a.txt"), identity: FileIdentity(inode: 9, size: 2, mtimeNanoseconds: 3)) == nil)
        ledger.keepOnly([])
        #expect(ledger.count == 0)
    }
}
