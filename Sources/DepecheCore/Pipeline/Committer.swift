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
/// and events are appended, in order. It owns the state store (``StateStore``) and the
/// disposition ledger.
///
/// Changes wait in memory (``PendingChanges``) until the log is durable up to their event;
/// then ``persist()`` writes them to the store in one transaction with the `seq` they bring
/// the store to. Lookups read the pending changes, then the store. While the store cannot be
/// written (its file system or memory map is full) commits are refused, so intake pauses as
/// for a full event log, and resumes once a retry succeeds.
public actor Committer {
    private let sink: any EventSink
    private let disposer: Disposer
    private let config: DepecheConfig
    private let logger: Logger
    private let store: StateStore
    private var pending: PendingChanges
    private var ledger: DispositionLedger
    /// Why the store could not be written, until a retry succeeds.
    private var storeFailure: LMDBError?
    /// How far other hosts' documents were read, when that moved past only this host's own
    /// events since the store last recorded it: written with the next group commit.
    private var heldForeignPosition: UInt64?
    /// Files whose event is appended, in `seq` order, for the disposal loop.
    public nonisolated let disposals = WorkQueue<Disposal>()

    /// Creates the committer on the store and ledger ``Recovery`` brought up to the log.
    public init(sink: any EventSink, disposer: Disposer, config: DepecheConfig, recovered: sending RecoveredState, logger: Logger) {
        self.sink = sink
        self.disposer = disposer
        self.config = config
        self.logger = logger
        self.store = recovered.store
        self.ledger = recovered.ledger
        self.pending = PendingChanges(appliedSeq: recovered.seq)
    }

    /// The ledger entry for a file found again, if it was already reported.
    public func alreadyReported(_ path: InboxPath, identity: FileIdentity) -> DispositionLedger.Entry? {
        ledger.entry(for: path, identity: identity)
    }

    /// Forgets ledger entries of files no longer in the inbox (after a full scan).
    public func pruneLedger(keeping present: Set<InboxPath>) {
        for path in ledger.keepOnly(present) { pending.append(.ledgerRemove(path)) }
    }

    /// Compares, appends the one event for this file, and queues its disposal.
    /// Throws when the event cannot be appended, or the store cannot be written (the file
    /// stays in the inbox).
    @discardableResult
    public func commit(_ candidate: Candidate) throws -> DocumentEvent {
        if let storeFailure { throw storeFailure }
        // The sink may decide otherwise (a cluster: another host ingested the content first).
        let (seq, event) = try sink.record(classify(candidate))
        if case .ingested(let document) = event {
            let fingerprint = document.document.fingerprint
            pending.append(.document(StoredDocument(
                id: document.id, seq: seq, textHash: fingerprint.textSHA256, simhash: fingerprint.simhash, sketch: fingerprint.sketch)))
        }
        let id: String? = switch event {
        case .ingested(let document): document.id
        case .duplicate(let duplicate): duplicate.id
        case .rejected(let rejected): rejected.id
        }
        let isRejected = if case .rejected = event { true } else { false }
        if let identity = candidate.receipt.identity {
            let entry = DispositionLedger.Entry(identity: identity, seq: seq, id: id, rejected: isRejected)
            ledger.record(candidate.receipt.path, entry)
            pending.append(.ledgerRecord(candidate.receipt.path, entry))
        }
        disposals.send(Disposal(
            seq: seq, path: candidate.receipt.path, id: id, bytes: candidate.bytes, quarantine: isRejected,
            identity: candidate.receipt.identity))
        return event
    }

    /// Notes that a file left the inbox.
    public func disposed(_ path: InboxPath) {
        guard config.dispose != .keep else { return }
        ledger.remove(path)
        pending.append(.ledgerRemove(path))
    }

    /// Writes the changes whose events are durable to the store, in one transaction (the
    /// group commit's store half; also at shutdown, after the log's last flush).
    public func persist() {
        let durable = sink.durableSeq
        let (changes, count) = pending.prefix(through: durable)
        guard count > 0 || durable > pending.appliedSeq || heldForeignPosition != nil else { return }
        do {
            try store.apply(changes, through: durable, foreignPosition: heldForeignPosition)
            pending.removeFirst(count, appliedThrough: durable)
            heldForeignPosition = nil
            if storeFailure != nil { logger.notice("the state store is writable again") }
            storeFailure = nil
        } catch let error as LMDBError {
            if storeFailure == nil {
                logger.error("cannot write the state store; not taking files until it can", metadata: [
                    "error": "\(error)", "hint": "\(error.isOutOfRoom ? "free space, or raise store.map_size" : "see the error")",
                ])
            }
            storeFailure = error
        } catch {
            logger.error("cannot write the state store", metadata: ["error": "\(error)"])
        }
    }

    /// How far the documents of other hosts were read (see ``learn(_:)``).
    public func foreignPosition() throws -> UInt64 {
        try heldForeignPosition ?? store.foreignPosition()
    }

    /// Files documents that other hosts ingested in the near-duplicate index, so that this
    /// host's later near copies name them. A batch with documents is stored at once, with its
    /// position; one without (this host's own events) only moves the position, which the next
    /// group commit records (read again after a crash, such a batch changes nothing).
    public func learn(_ batch: ForeignDocumentBatch) throws {
        guard !batch.documents.isEmpty else {
            heldForeignPosition = batch.position
            return
        }
        try store.learn(batch.documents, through: batch.position)
        heldForeignPosition = nil
    }

    private func classify(_ candidate: Candidate) throws -> DocumentEvent {
        let receipt = candidate.receipt
        switch candidate.outcome {
        case .failure(let rejection):
            let id = candidate.bytes.map(ContentHash.id(of:))
            let quarantined = Disposer.quarantinePath(receipt.path, seq: sink.lastSeq + 1)
            return .rejected(RejectedDocument(
                id: id, receipt: receipt, rejection: rejection, quarantined: String(decoding: quarantined, as: UTF8.self)))
        case .success(let document):
            let fingerprint = document.fingerprint
            return try store.read { stored in
                if let first = try pending.first(withContent: document.id) ?? stored.first(withContent: document.id) {
                    return .duplicate(DuplicateDocument(id: document.id, receipt: receipt, match: .exact, of: first.id, ofSeq: first.seq))
                }
                if let first = try pending.first(withText: fingerprint.textSHA256) ?? stored.first(withText: fingerprint.textSHA256) {
                    return .duplicate(DuplicateDocument(id: document.id, receipt: receipt, match: .content, of: first.id, ofSeq: first.seq))
                }
                let near = try stored.nearest(simhash: fingerprint.simhash, sketch: fingerprint.sketch).match
                let pendingNear = pending.nearest(simhash: fingerprint.simhash, sketch: fingerprint.sketch, within: store.nearMaxDistance)
                let archived = disposer.archivePath(id: document.id, fileExtension: receipt.path.fileExtension)
                return .ingested(IngestedDocument(
                    document: document, receipt: receipt, stored: archived, includeText: config.includeText,
                    nearDuplicate: [near, pendingNear].compactMap { $0 }.min { $0.distance < $1.distance }))
            }
        }
    }
}
