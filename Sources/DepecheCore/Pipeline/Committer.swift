import Logging

/// A file that has been read, with what the pure stages made of it.
public struct Candidate: Sendable {
    /// The file.
    public var receipt: Receipt
    /// The analysis, or why the file is not a document.
    public var outcome: FileOutcome
    /// The bytes (for an archive on another file system, or a quarantine copy).
    public var bytes: [UInt8]?
}

/// What the pure stages made of a file.
public enum FileOutcome: Sendable {
    /// A document, analysed.
    case document(AnalyzedDocument)
    /// A `document.duplicate` of a document the state store holds: one with these bytes
    /// (``Committer/holdsCopy(of:)``; `textSHA256` nil, nothing analysed: a scraper that fetches
    /// a page again costs a hash and a lookup), or else with this article (``Committer/holdsArticle(_:)``:
    /// the page re-saved with other furniture, cleaned and fingerprinted, not read for entities).
    case storedDuplicate(id: String, textSHA256: String?)
    /// Not a document, and why.
    case rejected(Rejection)
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
/// then ``persist()`` writes them to the store in a few small transactions, each with the `seq`
/// it brings the store to. A sink that decides events later (a cluster's, with several publishes in
/// flight) may record a `document.duplicate` where a `document.ingested` was asked: its
/// document then leaves the pending changes before they reach the store, and no decision
/// ever names an event that is not decided yet (the committer waits for it first). Lookups read the pending changes, then the store. While the store cannot be
/// written (its file system or memory map is full) commits are refused, so intake pauses as
/// for a full event log, and resumes once a retry succeeds.
public actor Committer {
    private let sink: any EventSink
    private let disposer: Disposer
    private let config: DepecheConfig
    private let logger: Logger
    private let store: StateStore
    /// The same store, for lookups outside the actor (``holdsCopy(of:)``, ``holdsArticle(_:)``).
    private nonisolated let sharedStore: SendableStore
    private var pending: PendingChanges
    /// Behind a lock of its own, so that ``alreadyReported(_:identity:)`` and ``disposed(_:)``,
    /// called at every file, need no turn on the actor.
    private let ledger: Locked<DispositionLedger>
    /// Files that left the inbox, whose ledger entries are gone: their removal from the store's
    /// ledger joins the pending changes at the actor's next turn (``takeRemovals()``).
    private let removedFromLedger = Locked<[InboxPath]>([])
    /// Why the store could not be written, until a retry succeeds.
    private var storeFailure: LMDBError?
    /// How far other hosts' documents were read, when that moved past only this host's own
    /// events since the store last recorded it: written with the next group commit.
    private var heldForeignPosition: UInt64?
    /// Events the sink has not decided yet, in `seq` order.
    private var undecided: [(seq: Int, event: DocumentEvent)] = []
    /// Events decided since ``persist()`` last returned them, as recorded.
    private var decided: [DocumentEvent] = []
    /// The sink's ``EventSink/decidedSeq`` when its revisions were last applied to the pending
    /// changes: a pending document after it may yet be revised.
    private var decisionsTaken = 0
    /// Files whose event is appended, in `seq` order, for the disposal loop.
    public nonisolated let disposals = WorkQueue<Disposal>()
    /// Where the store's write transactions run, so that files are committed meanwhile.
    private let writer = BlockingQueue(label: "depeche.store")
    /// Whether a ``persist()`` is under way (one at a time: each removes the changes it applied
    /// from the front of ``pending``), and the calls waiting for it to end.
    private var persisting = false
    private var waitingToPersist: [CheckedContinuation<Void, Never>] = []

    /// Creates the committer on the store and ledger ``Recovery`` brought up to the log.
    public init(sink: any EventSink, disposer: Disposer, config: DepecheConfig, recovered: sending RecoveredState, logger: Logger) {
        self.sink = sink
        self.disposer = disposer
        self.config = config
        self.logger = logger
        self.store = recovered.store
        self.sharedStore = SendableStore(store: recovered.store)
        self.ledger = Locked(recovered.ledger)
        self.pending = PendingChanges(appliedSeq: recovered.seq)
    }

    /// The ledger entry for a file found again, if it was already reported.
    public nonisolated func alreadyReported(_ path: InboxPath, identity: FileIdentity) -> DispositionLedger.Entry? {
        ledger.withLock { $0.entry(for: path, identity: identity) }
    }

    /// Whether the state store holds a document with these bytes (`id` is `ContentHash.id(of:)`),
    /// so that a file with them is a duplicate whatever its analysis: asked by the workers
    /// before they analyse, without a turn on the actor. A document just committed and not yet
    /// in the store is not seen (its copies are analysed, then found among the pending changes);
    /// one in the store stays there while the daemon runs (only ``Recovery`` resets the store).
    public nonisolated func holdsCopy(of id: String) -> Bool {
        (try? sharedStore.holds { try $0.first(withContent: id) }) == true
    }

    /// Whether the state store holds a document with this article (`text_sha256`), as
    /// ``holdsCopy(of:)`` asks of the bytes.
    public nonisolated func holdsArticle(_ textSHA256: String) -> Bool {
        (try? sharedStore.holds { try $0.first(withText: textSHA256) }) == true
    }

    /// Forgets ledger entries of files no longer in the inbox (after a full scan).
    public func pruneLedger(keeping present: Set<InboxPath>) {
        takeRemovals()
        for path in ledger.withLock({ $0.keepOnly(present) }) { pending.append(.ledgerRemove(path)) }
    }

    /// Compares, appends the one event for this file, and queues its disposal. Returns the
    /// event as recorded, or nil when the sink decides it later (``persist()`` returns it then).
    /// Throws when the event cannot be appended, or the store cannot be written (the file
    /// stays in the inbox).
    @discardableResult
    public func commit(_ candidate: Candidate) throws -> DocumentEvent? {
        if let storeFailure { throw storeFailure }
        takeRemovals()
        // The sink may decide otherwise (a cluster: another host ingested the content first).
        let (seq, event) = try sink.record(classifyOnDecided(candidate))
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
            ledger.withLock { $0.record(candidate.receipt.path, entry) }
            pending.append(.ledgerRecord(candidate.receipt.path, entry))
        }
        disposals.send(Disposal(
            seq: seq, path: candidate.receipt.path, id: id, bytes: candidate.bytes, quarantine: isRejected,
            identity: candidate.receipt.identity))
        undecided.append((seq, event))
        takeDecisions()
        // Decided at once (always so in the file mode), with nothing else waiting to be reported.
        if undecided.isEmpty && decided.count == 1 { return decided.removeLast() }
        return nil
    }

    /// Moves the events the sink has decided from ``undecided`` to ``decided``, as recorded; a
    /// document the sink did not record as ingested leaves the pending changes.
    private func takeDecisions() {
        let through = sink.decidedSeq
        decisionsTaken = through
        guard let first = undecided.first, first.seq <= through else { return }
        let revisions = sink.takeRevisions(through: through)
        let count = undecided.prefix { $0.seq <= through }.count
        for (seq, event) in undecided.prefix(count) {
            if let revised = revisions[seq] {
                pending.removeDocument(seq: seq)
                decided.append(revised)
            } else {
                decided.append(event)
            }
        }
        undecided.removeFirst(count)
    }

    /// ``classify(_:)``, after waiting for the sink to decide an event the decision would name
    /// (an undecided `document.ingested` may yet become a duplicate of another host's).
    private func classifyOnDecided(_ candidate: Candidate) throws -> DocumentEvent {
        while true {
            takeDecisions()
            let (event, naming) = try classify(candidate)
            // Given up at shutdown: this event will never be recorded either.
            guard let naming, naming > decisionsTaken, try sink.waitUntilDecided(naming) else { return event }
        }
    }

    /// Notes that a file left the inbox. Its ledger entry goes at once; its removal reaches the
    /// pending changes before any change a later file at the same path brings (that file is
    /// taken only once this returned, and committed on a later turn of the actor).
    public nonisolated func disposed(_ path: InboxPath) {
        guard config.dispose != .keep else { return }
        ledger.withLock { $0.remove(path) }
        removedFromLedger.withLock { $0.append(path) }
    }

    /// Appends the removals ``disposed(_:)`` noted to the pending changes.
    private func takeRemovals() {
        let paths = removedFromLedger.withLock { paths in
            defer { paths.removeAll() }
            return paths
        }
        for path in paths { pending.append(.ledgerRemove(path)) }
    }

    /// Writes the changes whose events are durable to the store, in transactions of at most
    /// ``documentsPerTransaction`` documents (the group commit's store half; also at shutdown,
    /// after the log's last flush). Returns the events decided since the last call that
    /// ``commit(_:)`` could not return, as recorded.
    ///
    /// The transactions run on a thread of their own (``BlockingQueue``), and files are
    /// committed meanwhile: their changes go after those being written, and lookups still find
    /// these among the pending changes until they are in the store. The documents being written
    /// are all decided (durable is never beyond decided), so no revision removes one meanwhile.
    @discardableResult
    public func persist() async -> [DocumentEvent] {
        while persisting { await withCheckedContinuation { waitingToPersist.append($0) } }
        persisting = true
        defer {
            persisting = false
            for waiting in waitingToPersist { waiting.resume() }
            waitingToPersist.removeAll()
        }
        // Durable first: the revisions up to it are then known, and their documents leave the
        // pending changes before these reach the store.
        let durable = sink.durableSeq
        takeRemovals()
        takeDecisions()
        let reported = decided
        decided.removeAll()
        repeat {
            let (changes, count, seq) = pending.prefix(through: durable, documents: Self.documentsPerTransaction)
            guard count > 0 || seq > pending.appliedSeq || heldForeignPosition != nil,
                  await apply(changes, count, through: seq) else { break }
        } while pending.appliedSeq < durable
        return reported
    }

    /// Documents a store transaction holds at most. LMDB keeps every page a write transaction
    /// dirtied, for the next ones, until the process ends: the largest transaction sets the
    /// heap the store holds, about 11 pages (44 KiB) a document in a store of millions. A group
    /// commit after a stall (a slow disk) would otherwise raise it for good.
    static let documentsPerTransaction = 16

    /// Writes the first `count` pending changes to the store with `seq`; false when it cannot.
    private func apply(_ changes: [StoreChange], _ count: Int, through seq: Int) async -> Bool {
        let foreign = heldForeignPosition
        let store = writableStore
        do {
            try await writer.run { try store.apply(changes, through: seq, foreignPosition: foreign) }
            pending.removeFirst(count, appliedThrough: seq)
            if heldForeignPosition == foreign { heldForeignPosition = nil }
            if storeFailure != nil { logger.notice("the state store is writable again") }
            storeFailure = nil
            return true
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
        return false
    }

    /// How far the documents of other hosts were read (see ``learn(_:)``).
    public func foreignPosition() throws -> UInt64 {
        try heldForeignPosition ?? store.foreignPosition()
    }

    /// Files documents that other hosts ingested in the near-duplicate index, so that this
    /// host's later near copies name them. A batch with documents is stored at once, with its
    /// position; one without (this host's own events) only moves the position, which the next
    /// group commit records (read again after a crash, such a batch changes nothing).
    public func learn(_ batch: ForeignDocumentBatch) async throws {
        guard !batch.documents.isEmpty else {
            heldForeignPosition = batch.position
            return
        }
        // On the writer too, after any transaction of ``persist()`` under way: one of those may
        // carry an older position, which must not be written after this one.
        let store = writableStore
        try await writer.run { try store.learn(batch.documents, through: batch.position) }
        heldForeignPosition = nil
    }

    /// The store, for the writer's thread.
    private var writableStore: SendableStore { sharedStore }

    /// A `document.duplicate` of the document first seen with these bytes, else with this article
    /// (`textHash`, when known), pending or stored, and the `seq` it names when that one is pending.
    private func knownDuplicate(id: String, textHash: String?, receipt: Receipt, in stored: StateStore.StoreReader) throws
        -> (DocumentEvent, naming: Int?)? {
        // The archive path only for a duplicate found: most documents are none, and the ingested
        // event computes its own.
        let duplicate = { (first: FirstSeen, match: DuplicateDocument.Match, pending: Bool) -> (DocumentEvent, naming: Int?) in
            let archived = self.disposer.archivePath(id: id, fileExtension: receipt.path.fileExtension)
            return (.duplicate(DuplicateDocument(id: id, receipt: receipt, stored: archived, match: match, of: first.id, ofSeq: first.seq)),
                    pending ? first.seq : nil)
        }
        if let first = pending.first(withContent: id) { return duplicate(first, .exact, true) }
        if let first = try stored.first(withContent: id) { return duplicate(first, .exact, false) }
        guard let textHash else { return nil }
        if let first = pending.first(withText: textHash) { return duplicate(first, .content, true) }
        if let first = try stored.first(withText: textHash) { return duplicate(first, .content, false) }
        return nil
    }

    /// The event for `candidate`, and the `seq` of the event of this host it names (the first
    /// copy, or the nearest article), when that one is among the pending changes.
    private func classify(_ candidate: Candidate) throws -> (DocumentEvent, naming: Int?) {
        let receipt = candidate.receipt
        switch candidate.outcome {
        case .storedDuplicate(let id, let textHash):
            guard let known = try store.read({ try knownDuplicate(id: id, textHash: textHash, receipt: receipt, in: $0) }) else {
                throw StoredDocumentMissing(id: id)
            }
            return known
        case .rejected(let rejection):
            let id = candidate.bytes.map(ContentHash.id(of:))
            let quarantined = Disposer.quarantinePath(receipt.path, seq: sink.lastSeq + 1)
            return (.rejected(RejectedDocument(
                id: id, receipt: receipt, rejection: rejection, quarantined: String(decoding: quarantined, as: UTF8.self))), nil)
        case .document(let document):
            let fingerprint = document.fingerprint
            return try store.read { stored in
                if let known = try knownDuplicate(id: document.id, textHash: fingerprint.textSHA256, receipt: receipt, in: stored) {
                    return known
                }
                // An article the sink has not decided yet is named only when no decided one is
                // near enough (naming it means waiting for its decision).
                let (simhash, sketch, within) = (fingerprint.simhash, fingerprint.sketch, store.nearMaxDistance)
                let near = try stored.nearest(simhash: simhash, sketch: sketch).match
                let nearPending = pending.nearest(simhash: simhash, sketch: sketch, within: within, decided: decisionsTaken)
                let (decidedNear, undecidedNear) = (nearPending.decided?.match, nearPending.undecided)
                let archived = disposer.archivePath(id: document.id, fileExtension: receipt.path.fileExtension)
                let decided = [near, decidedNear].compactMap { $0 }.min { $0.distance < $1.distance }
                return (.ingested(IngestedDocument(
                    document: document, receipt: receipt, stored: archived, includeText: config.includeText,
                    nearDuplicate: decided ?? undecidedNear?.match)), decided == nil ? undecidedNear?.seq : nil)
            }
        }
    }
}

/// A file read as a duplicate of a stored document that the store no longer has: never so
/// while the daemon runs (the store only grows then). The file is taken again after the pause
/// that follows a failed commit, and analysed.
struct StoredDocumentMissing: Error, CustomStringConvertible {
    let id: String
    var description: String { "the state store no longer holds the document \(id) was read as a duplicate of a moment ago" }
}

/// The committer's store, handed to ``BlockingQueue``'s thread for its write transactions and
/// to the workers for ``Committer/holdsCopy(of:)`` and ``Committer/holdsArticle(_:)``.
///
/// `@unchecked Sendable` is safe: `StateStore` holds nothing mutable of its own (LMDB handles
/// and table descriptions, all `let`, set when it opened); every write transaction runs on the
/// writer's one thread, one at a time (the committer writes no other way); and LMDB lets read
/// transactions (the committer's and the workers', on any thread: the environment is opened
/// `MDB_NOTLS`) run alongside each other and a write, never seeing part of one.
private struct SendableStore: @unchecked Sendable {
    let store: StateStore

    func holds(_ lookup: (StateStore.StoreReader) throws -> FirstSeen?) throws -> Bool {
        try store.read(lookup) != nil
    }

    func apply(_ changes: [StoreChange], through seq: Int, foreignPosition: UInt64?) throws {
        try store.apply(changes, through: seq, foreignPosition: foreignPosition)
    }

    func learn(_ documents: [ForeignDocument], through position: UInt64) throws {
        try store.learn(documents, through: position)
    }
}
