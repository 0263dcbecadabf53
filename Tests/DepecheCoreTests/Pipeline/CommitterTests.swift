import Foundation
import Glibc
import Testing
@testable import DepecheCore

@Suite struct CommitterTests {
    let inbox = TemporaryDirectory()
    let state = TemporaryDirectory()

    func makeCommitter() throws -> (Committer, JSONLEventLog, Int32) {
        let config = InMemoryDefaults.config(inbox: inbox.path, state: state.path)
        let log = try JSONLEventLog(options: .init(config), logger: .quiet)
        let fd = inbox.open()
        let disposer = Disposer(inboxFD: fd, stateDirectory: state.path, mode: .archive)
        let start = try Recovery.recover(
            store: Recovery.openStore(config: config, logger: .quiet), config: config, lastSeq: log.lastSeq, logger: .quiet)
        return (Committer(sink: log, disposer: disposer, config: config, recovered: start, logger: .quiet), log, fd)
    }

    func candidate(_ name: String, _ text: String, inode: UInt64 = 1) throws -> Candidate {
        let bytes = Array(text.utf8)
        let receipt = Receipt(path: InboxPath(name), identity: FileIdentity(inode: inode, size: bytes.count, mtimeNanoseconds: 1), received: .now())
        return Candidate(receipt: receipt, outcome: .document(try DocumentAnalyzer(extractor: Extractor(gazetteer: Gazetteer(entries: []))).analyze(bytes, fileExtension: "txt")), bytes: bytes)
    }

    @Test func firstContentIsIngestedThenDuplicatesPointAtIt() async throws {
        let (committer, _, fd) = try makeCommitter()
        defer { close(fd) }
        let first = try await committer.commit(try candidate("a.txt", "Rabat"))
        let second = try await committer.commit(try candidate("b.txt", "Rabat", inode: 2))
        guard case .ingested(let ingested) = first, case .duplicate(let duplicate) = second else {
            Issue.record("expected ingested then duplicate")
            return
        }
        #expect(ingested.stored?.hasPrefix("archive/") == true)
        #expect(duplicate.of == ingested.id && duplicate.ofSeq == 1 && duplicate.match == .exact)
        #expect(committer.disposals.count == 2)
    }

    /// Bytes the store holds are a duplicate without an analysis; bytes still pending are not
    /// seen by the lookup (they are analysed, and found by the committer).
    @Test func bytesTheStoreHoldsAreADuplicateWithoutAnAnalysis() async throws {
        let (committer, log, fd) = try makeCommitter()
        defer { close(fd) }
        let first = try candidate("a.txt", "Ouarzazate")
        let id = ContentHash.id(of: try #require(first.bytes))
        try await committer.commit(first)
        #expect(!committer.holdsCopy(of: id))
        try log.flush()
        await committer.persist()
        #expect(committer.holdsCopy(of: id))
        #expect(!committer.holdsCopy(of: ContentHash.id(of: Array("Zagora".utf8))))
        let receipt = Receipt(path: InboxPath("b.txt"), identity: FileIdentity(inode: 2, size: 10, mtimeNanoseconds: 1), received: .now())
        let copy = try await committer.commit(Candidate(receipt: receipt, outcome: .storedDuplicate(id: id, textSHA256: nil), bytes: first.bytes))
        guard case .duplicate(let duplicate) = copy else {
            Issue.record("expected a duplicate, got \(String(describing: copy))")
            return
        }
        #expect(duplicate.id == id && duplicate.of == id && duplicate.ofSeq == 1 && duplicate.match == .exact)
        #expect(duplicate.receipt.path == InboxPath("b.txt"))
        #expect(duplicate.stored == "archive/\(id.dropFirst(7).prefix(2))/\(id.dropFirst(7)).txt", "where the copy's bytes are")
    }

    /// Other bytes with an article the store holds (the page re-saved) are a content duplicate
    /// without an extraction.
    @Test func anArticleTheStoreHoldsIsADuplicateWithoutAnExtraction() async throws {
        let (committer, log, fd) = try makeCommitter()
        defer { close(fd) }
        let first = try candidate("a.txt", "Ouarzazate accueille les tournages.")
        guard case .document(let document) = first.outcome else { throw CancellationError() }
        let textHash = document.fingerprint.textSHA256
        try await committer.commit(first)
        #expect(!committer.holdsArticle(textHash))
        try log.flush()
        await committer.persist()
        #expect(committer.holdsArticle(textHash))
        let resaved = Array("Ouarzazate  accueille les tournages.\n".utf8)
        let otherId = ContentHash.id(of: resaved)
        #expect(!committer.holdsCopy(of: otherId))
        let receipt = Receipt(path: InboxPath("c.txt"), identity: FileIdentity(inode: 3, size: resaved.count, mtimeNanoseconds: 1), received: .now())
        let copy = try await committer.commit(Candidate(
            receipt: receipt, outcome: .storedDuplicate(id: otherId, textSHA256: textHash), bytes: resaved))
        guard case .duplicate(let duplicate) = copy else {
            Issue.record("expected a duplicate, got \(String(describing: copy))")
            return
        }
        #expect(duplicate.id == otherId && duplicate.of == document.id && duplicate.ofSeq == 1 && duplicate.match == .content)
    }

    /// A copy of bytes the store does not hold (never so while the daemon runs) is refused,
    /// with the id, and nothing is logged for it.
    @Test func aCopyOfBytesTheStoreLacksIsRefused() async throws {
        let (committer, log, fd) = try makeCommitter()
        defer { close(fd) }
        let receipt = Receipt(path: InboxPath("b.txt"), identity: nil, received: .now())
        await #expect(throws: StoredDocumentMissing.self) {
            try await committer.commit(Candidate(receipt: receipt, outcome: .storedDuplicate(id: "0123", textSHA256: "ab"), bytes: nil))
        }
        #expect(log.lastSeq == 0)
    }

    @Test func rejectionsArePlannedIntoTheQuarantineBySeq() async throws {
        let (committer, _, fd) = try makeCommitter()
        defer { close(fd) }
        let receipt = Receipt(path: InboxPath("e.txt"), identity: nil, received: .now())
        let event = try await committer.commit(Candidate(receipt: receipt, outcome: .rejected(Rejection(.empty, "empty")), bytes: []))
        guard case .rejected(let rejected) = event else {
            Issue.record("expected a rejection")
            return
        }
        #expect(rejected.quarantined == "quarantine/1/e.txt")
    }

    @Test func theIndexSurvivesARestartThroughTheStoreAndReplay() async throws {
        do {
            let (committer, _, fd) = try makeCommitter()
            defer { close(fd) }
            try await committer.commit(try candidate("a.txt", "Casablanca"))
        }
        do {
            let (committer, log, fd) = try makeCommitter()
            defer { close(fd) }
            let again = try await committer.commit(try candidate("c.txt", "Casablanca", inode: 3))
            if case .duplicate = again {} else { Issue.record("replay lost the first document") }
            try log.flush()
            await committer.persist()
        }
        let store = try StateStore(directory: state.url("store"), mapSize: 1 << 24)
        #expect(try store.seq() == 2)
        #expect(try store.read { try $0.documentCount() } == 1)
    }

    /// More documents than a store transaction holds: they go in several, and the store ends
    /// at the last durable `seq` with every one of them.
    @Test func aLargeGroupCommitReachesTheStoreWhole() async throws {
        let (committer, log, fd) = try makeCommitter()
        defer { close(fd) }
        let count = Committer.documentsPerTransaction * 2 + 5
        try await commitNumberedDispatches(count, to: committer)
        try log.flush()
        await committer.persist()
        let store = try StateStore(directory: state.url("store"), mapSize: 1 << 24)
        #expect(try store.seq() == count)
        #expect(try store.read { try $0.documentCount() } == count)
    }

    /// Commits `count` distinct dispatches, "1.txt" (serial 1) on.
    private func commitNumberedDispatches(_ count: Int, to committer: Committer) async throws {
        for serial in 1...count {
            try await committer.commit(try candidate("\(serial).txt", "Dépêche numéro \(serial) de Rabat", inode: UInt64(serial)))
        }
    }

    /// Two group commits asked for at once, and a file committed alongside (the store's
    /// transactions run on a thread of their own, and the committer takes files meanwhile): the
    /// group commits take turns, every document reaches the store once, and the file's content,
    /// pending or stored by then, is found a duplicate.
    @Test func commitsGoOnWhileTheStoreIsWritten() async throws {
        let (committer, log, fd) = try makeCommitter()
        defer { close(fd) }
        let count = Committer.documentsPerTransaction * 4 + 3
        try await commitNumberedDispatches(count, to: committer)
        try log.flush()
        async let first = committer.persist()
        async let second = committer.persist()
        let late = try await committer.commit(try candidate("late.txt", "Dépêche numéro 1 de Rabat", inode: 9_999))
        _ = await (first, second)
        guard case .duplicate(let duplicate) = late else { Issue.record("expected a duplicate, got \(String(describing: late))"); return }
        #expect(duplicate.ofSeq == 1)
        try log.flush()
        await committer.persist()
        let store = try StateStore(directory: state.url("store"), mapSize: 1 << 24)
        #expect(try store.seq() == count + 1)
        #expect(try store.read { try $0.documentCount() } == count)
    }

    /// A store whose memory map is full: the commit whose changes cannot be stored is logged,
    /// then commits are refused (intake pauses) with an error that says the store has no room.
    @Test func aFullStoreRefusesCommitsSoThatIntakePauses() async throws {
        var config = InMemoryDefaults.config(inbox: inbox.path, state: state.path)
        config.storeMapSize = 1 << 20
        config.fsync = .always
        let log = try JSONLEventLog(options: .init(config), logger: .quiet)
        let fd = inbox.open()
        defer { close(fd) }
        let recovered = try Recovery.recover(
            store: Recovery.openStore(config: config, logger: .quiet), config: config, lastSeq: log.lastSeq, logger: .quiet)
        var serial = 1_000
        for size in [500, 50, 5, 1] {
            do {
                while true {
                    let filler = (0..<size).map { _ in
                        serial += 1
                        return StoreChange.document(StoredDocument(
                            id: ContentHash.id(of: Array("\(serial)".utf8)), seq: serial, textHash: nil, simhash: UInt64(serial) &* 0x9E37_79B9_7F4A_7C15,
                            sketch: MinHashSketch(low: UInt64(serial) &* 0xD6E8_FEB8_6659_FD93, high: UInt64(serial) &* 0x9E37_79B9_7F4A_7C15)))
                    }
                    try recovered.store.apply(filler, through: 0)
                }
            } catch let error as LMDBError {
                #expect(error.isOutOfRoom)
            }
        }
        let committer = Committer(
            sink: log, disposer: Disposer(inboxFD: fd, stateDirectory: state.path, mode: .archive), config: config,
            recovered: recovered, logger: .quiet)
        var refusal: (any Error)?
        for index in 0..<50 where refusal == nil {
            do {
                try await committer.commit(try candidate("f\(index).txt", "Oujda \(index) " + String(repeating: "mot\(index) ", count: 200), inode: UInt64(index)))
                await committer.persist()
            } catch {
                refusal = error
            }
        }
        #expect((refusal as? LMDBError)?.isOutOfRoom == true, "\(String(describing: refusal))")
    }

    /// A file moved out of the inbox leaves the ledger at once, and the store's ledger with
    /// the next group commit: after a restart, a file found again at its path is not taken for it.
    @Test func aDisposedFileLeavesTheLedgerAndTheStore() async throws {
        let identity = FileIdentity(inode: 7, size: Array("Fès".utf8).count, mtimeNanoseconds: 1)
        do {
            let (committer, log, fd) = try makeCommitter()
            defer { close(fd) }
            try await committer.commit(try candidate("a.txt", "Fès", inode: 7))
            try log.flush()
            await committer.persist()
            committer.disposed(InboxPath("a.txt"))
            #expect(committer.alreadyReported(InboxPath("a.txt"), identity: identity)?.seq == nil)
            await committer.persist()
        }
        let (committer, _, fd) = try makeCommitter()
        defer { close(fd) }
        #expect(committer.alreadyReported(InboxPath("a.txt"), identity: identity)?.seq == nil)
    }

    @Test func aFileLoggedButNotMovedIsRecognisedAfterACrash() async throws {
        do {
            let (committer, _, fd) = try makeCommitter()
            defer { close(fd) }
            try await committer.commit(try candidate("a.txt", "Fès", inode: 7))
        }
        let (committer, _, fd) = try makeCommitter()
        defer { close(fd) }
        let identity = FileIdentity(inode: 7, size: Array("Fès".utf8).count, mtimeNanoseconds: 1)
        #expect(committer.alreadyReported(InboxPath("a.txt"), identity: identity)?.seq == 1)
    }
}

extension CommitterTests {
    static let article = """
        Le port de Nador West Med recevra ses premiers navires au printemps, a indiqué mardi l'Agence \
        nationale des ports. Les travaux, engagés depuis six ans, ont mobilisé plus de 1.200 ouvriers \
        et un budget de 11 milliards de dirhams, selon le communiqué publié à Rabat.

        Le terminal à conteneurs pourra traiter 3 millions de conteneurs par an à pleine capacité. \
        Les opérateurs attendent une hausse de 15% du trafic régional dès la première année, et la \
        région de l'Oriental compte sur le port pour attirer de nouvelles usines dans la zone franche.
        """

    @Test func theSameArticleResavedIsAContentDuplicateAndAnUpdatedOneIsNear() async throws {
        let (committer, _, fd) = try makeCommitter()
        defer { close(fd) }
        let first = try await committer.commit(try candidate("a.txt", Self.article))
        let resaved = Self.article.replacingOccurrences(of: "l'Agence", with: "l’Agence").replacingOccurrences(of: "\n\n", with: "\n\n\n")
        let second = try await committer.commit(try candidate("b.txt", resaved, inode: 2))
        let updated = Self.article.replacingOccurrences(of: "15%", with: "18%")
        let third = try await committer.commit(try candidate("c.txt", updated, inode: 3))
        guard case .ingested(let original) = first, case .duplicate(let duplicate) = second, case .ingested(let near) = third else {
            Issue.record("expected ingested, duplicate, ingested")
            return
        }
        #expect(duplicate.match == .content && duplicate.of == original.id)
        #expect(near.nearDuplicate?.id == original.id)
        #expect((near.nearDuplicate?.similarity ?? 0) >= 0.84)
    }

    @Test func theNearIndexSurvivesARestart() async throws {
        do {
            let (committer, _, fd) = try makeCommitter()
            defer { close(fd) }
            try await committer.commit(try candidate("a.txt", Self.article))
        }
        let (committer, _, fd) = try makeCommitter()
        defer { close(fd) }
        let updated = Self.article.replacingOccurrences(of: "3 millions", with: "3,5 millions")
        guard case .ingested(let near) = try await committer.commit(try candidate("c.txt", updated, inode: 3)) else {
            Issue.record("expected ingested")
            return
        }
        #expect(near.nearDuplicate != nil)
    }
}
