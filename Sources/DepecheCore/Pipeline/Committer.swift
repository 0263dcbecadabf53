import Logging

/// A file that has been read, with what the pure stages made of it.
public struct Candidate: Sendable {
    /// The file.
    public var receipt: Receipt
    /// The analysis, or why the file is not a document.
    public var outcome: Result<AnalyzedDocument, Rejection>
    /// The bytes (for an archive on another file system, or a quarantine copy).
    public var bytes: [UInt8]?
}

/// What must happen to a file once its event is durable.
public struct Disposal: Sendable {
    /// The event's `seq`.
    public var seq: Int
    /// The file.
    public var path: InboxPath
    /// Its content id (nil for a rejected file that could not be read).
    public var id: String?
    /// Its bytes, when read.
    public var bytes: [UInt8]?
    /// Rejected files go to the quarantine.
    public var quarantine: Bool
    /// The file as it was read: a file that no longer matches is not moved.
    public var identity: FileIdentity?
}

/// Stage "dedup + event log": the one place where documents are compared with earlier ones
/// and events are appended, in order. It owns the dedup index and the disposition ledger.
public actor Committer {
    private let sink: any EventSink
    private let disposer: Disposer
    private let config: DepecheConfig
    private let logger: Logger
    private var index: DedupIndex
    private var nearIndex: NearDuplicateIndex
    private var ledger: DispositionLedger
    private var eventsSinceSnapshot = 0
    /// Files whose event is appended, in `seq` order, for the disposal loop.
    public nonisolated let disposals = WorkQueue<Disposal>()

    /// Creates the committer from recovered state.
    public init(sink: any EventSink, disposer: Disposer, config: DepecheConfig, recovered: RecoveredState, logger: Logger) {
        self.sink = sink
        self.disposer = disposer
        self.config = config
        self.logger = logger
        self.index = recovered.snapshot.index
        self.nearIndex = recovered.nearIndex
        self.ledger = recovered.snapshot.ledger
    }

    /// The ledger entry for a file found again, if it was already reported.
    public func alreadyReported(_ path: InboxPath, identity: FileIdentity) -> DispositionLedger.Entry? {
        ledger.entry(for: path, identity: identity)
    }

    /// Forgets ledger entries of files no longer in the inbox (after a full scan).
    public func pruneLedger(keeping present: Set<InboxPath>) { ledger.keepOnly(present) }

    /// Compares, appends the one event for this file, and queues its disposal.
    /// Throws when the event cannot be appended (the file stays in the inbox).
    @discardableResult
    public func commit(_ candidate: Candidate) throws -> DocumentEvent {
        let (seq, event) = try sink.record(classify(candidate))
        switch event {
        case .ingested(let document):
            index.insert(id: document.id, textHash: document.document.fingerprint.textSHA256, seq: seq)
            nearIndex.insert(document.document.fingerprint, id: document.id)
            nearIndex.seq = seq
        case .duplicate, .rejected: break
        }
        let id: String? = switch event {
        case .ingested(let document): document.id
        case .duplicate(let duplicate): duplicate.id
        case .rejected(let rejected): rejected.id
        }
        let isRejected = if case .rejected = event { true } else { false }
        if let identity = candidate.receipt.identity {
            ledger.record(candidate.receipt.path, .init(identity: identity, seq: seq, id: id, rejected: isRejected))
        }
        disposals.send(Disposal(
            seq: seq, path: candidate.receipt.path, id: id, bytes: candidate.bytes, quarantine: isRejected,
            identity: candidate.receipt.identity))
        eventsSinceSnapshot += 1
        if eventsSinceSnapshot >= snapshotInterval { writeSnapshot() }
        return event
    }

    /// Events between snapshots: `snapshot.every_events`, or a tenth of the documents known
    /// when that is more. A snapshot's size grows with the index; so spaced, writing them costs
    /// a constant share of the work, and start-up replays at most a tenth of the index's events.
    private var snapshotInterval: Int { max(config.snapshotEveryEvents, index.count / 10) }

    /// Notes that a file left the inbox.
    public func disposed(_ path: InboxPath) {
        if config.dispose != .keep { ledger.remove(path) }
    }

    /// Flushes the log and writes the index snapshot (also at shutdown).
    public func writeSnapshot() {
        do {
            try sink.flush()
            try IndexSnapshot(seq: sink.lastSeq, index: index, ledger: ledger).write(to: config.indexSnapshotPath)
            nearIndex.seq = sink.lastSeq
            try nearIndex.save(to: config.nearIndexPath)
            eventsSinceSnapshot = 0
        } catch {
            logger.error("cannot write the index snapshot", metadata: ["error": "\(error)"])
        }
    }

    /// How many distinct contents are known.
    public var knownDocuments: Int { index.count }

    private func classify(_ candidate: Candidate) -> DocumentEvent {
        let receipt = candidate.receipt
        switch candidate.outcome {
        case .failure(let rejection):
            let id = candidate.bytes.map(ContentHash.id(of:))
            let quarantined = Disposer.quarantinePath(receipt.path, seq: sink.lastSeq + 1)
            return .rejected(RejectedDocument(
                id: id, receipt: receipt, rejection: rejection, quarantined: String(decoding: quarantined, as: UTF8.self)))
        case .success(let document):
            if let first = index.first(withContent: document.id) {
                return .duplicate(DuplicateDocument(id: document.id, receipt: receipt, match: .exact, of: first.id, ofSeq: first.seq))
            }
            if let first = index.first(withText: document.fingerprint.textSHA256) {
                return .duplicate(DuplicateDocument(id: document.id, receipt: receipt, match: .content, of: first.id, ofSeq: first.seq))
            }
            let stored = disposer.archivePath(id: document.id, fileExtension: receipt.path.fileExtension)
            return .ingested(IngestedDocument(
                document: document, receipt: receipt, stored: stored, includeText: config.includeText,
                nearDuplicate: nearIndex.nearest(document.fingerprint)))
        }
    }
}
