import Glibc
import Testing
@testable import DepecheCore

@Suite struct CommitterTests {
    let inbox = TemporaryDirectory()
    let state = TemporaryDirectory()

    func makeCommitter(recovered: IndexSnapshot? = nil) throws -> (Committer, JSONLEventLog, Int32) {
        let config = InMemoryDefaults.config(inbox: inbox.path, state: state.path)
        let log = try JSONLEventLog(options: .init(config), logger: .quiet)
        let fd = inbox.open()
        let disposer = Disposer(inboxFD: fd, stateDirectory: state.path, mode: .archive)
        let start = try recovered ?? Recovery.recover(
            logPath: config.logPath, snapshotPath: config.indexSnapshotPath, lastSeq: log.lastSeq, logger: .quiet)
        return (Committer(sink: log, disposer: disposer, config: config, recovered: start, logger: .quiet), log, fd)
    }

    func candidate(_ name: String, _ text: String, inode: UInt64 = 1) throws -> Candidate {
        let bytes = Array(text.utf8)
        let receipt = Receipt(path: InboxPath(name), identity: FileIdentity(inode: inode, size: bytes.count, mtimeNanoseconds: 1), received: .now())
        return Candidate(receipt: receipt, outcome: .success(try DocumentAnalyzer(extractor: Extractor(gazetteer: Gazetteer(entries: []))).analyze(bytes, fileExtension: "txt")), bytes: bytes)
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

    @Test func rejectionsArePlannedIntoTheQuarantineBySeq() async throws {
        let (committer, _, fd) = try makeCommitter()
        defer { close(fd) }
        let receipt = Receipt(path: InboxPath("e.txt"), identity: nil, received: .now())
        let event = try await committer.commit(Candidate(receipt: receipt, outcome: .failure(Rejection(.empty, "empty")), bytes: []))
        guard case .rejected(let rejected) = event else {
            Issue.record("expected a rejection")
            return
        }
        #expect(rejected.quarantined == "quarantine/1/e.txt")
    }

    @Test func theIndexSurvivesARestartThroughReplayAndSnapshot() async throws {
        do {
            let (committer, _, fd) = try makeCommitter()
            defer { close(fd) }
            try await committer.commit(try candidate("a.txt", "Casablanca"))
        }
        do {
            let (committer, _, fd) = try makeCommitter()
            defer { close(fd) }
            let again = try await committer.commit(try candidate("c.txt", "Casablanca", inode: 3))
            if case .duplicate = again {} else { Issue.record("replay lost the first document") }
            await committer.writeSnapshot()
        }
        let snapshot = try #require(try IndexSnapshot.read(from: state.url("index.snapshot")))
        #expect(snapshot.seq == 2)
        #expect(snapshot.index.count == 1)
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
        #expect(await committer.alreadyReported(InboxPath("a.txt"), identity: identity)?.seq == 1)
    }
}
