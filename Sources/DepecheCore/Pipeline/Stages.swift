import Glibc
import Logging
import Synchronization

/// The daemon's concurrent loops, once start-up is done: watch signals, settle ticks,
/// workers, the disposal loop, group commit (the log's, then the store's) and the backstop rescan.
final class Stages: Sendable {
    let config: DepecheConfig
    let logger: Logger
    let hooks: DaemonHooks
    let intake: Intake
    let committer: Committer
    let log: JSONLEventLog
    /// Where events go: `log` itself, or a network sink that copies its events into `log`.
    let sink: any EventSink
    let reader: FileReader
    let disposer: Disposer
    let scanner: InboxScanner
    /// Settled files waiting for a worker.
    let ready = WorkQueue<InboxPath>()
    private let stopping = Atomic<Bool>(false)
    /// Why the daemon cannot go on, once something found that it cannot (see ``fail(_:)``).
    private let failure = Locked<(any Error)?>(nil)
    /// Files whose event was handed to the committer and is not yet recorded by the sink.
    private let committing = Atomic<Int>(0)
    /// The pure stages; replaced on reload (a new gazetteer).
    private let analyzer: Locked<DocumentAnalyzer>

    init(
        config: DepecheConfig, logger: Logger, hooks: DaemonHooks, intake: Intake, committer: Committer,
        log: JSONLEventLog, sink: any EventSink, reader: FileReader, disposer: Disposer, scanner: InboxScanner, analyzer: DocumentAnalyzer
    ) {
        self.config = config
        self.logger = logger
        self.hooks = hooks
        self.intake = intake
        self.committer = committer
        self.log = log
        self.sink = sink
        self.reader = reader
        self.disposer = disposer
        self.scanner = scanner
        self.analyzer = Locked(analyzer)
    }

    /// Files read from now on are analysed by `analyzer`.
    func replaceAnalyzer(_ analyzer: DocumentAnalyzer) { self.analyzer.withLock { $0 = analyzer } }

    /// Stop taking files: files not yet started stay in the inbox for the next run.
    func stop() {
        stopping.store(true, ordering: .relaxed)
        ready.finish()
        sink.beginShutdown()
    }

    /// Stops the daemon for good: files not yet started stay in the inbox, and `run` ends; the
    /// first such error is ``failure``'s.
    private func fail(_ error: any Error) {
        let first = failure.withLock { failure in
            defer { failure = failure ?? error }
            return failure == nil
        }
        guard first else { return }
        logger.critical("stopping: depeche cannot go on", metadata: ["error": "\(error)"])
        stop()
    }

    /// What stopped the daemon for good, if anything did.
    var fatalFailure: (any Error)? { failure.withLock { $0 } }

    func run(watcher: InotifyWatcher) async {
        await withTaskGroup(of: Void.self) { background in
            background.addTask { [self] in await watch(watcher) }
            background.addTask { [self] in await tick() }
            background.addTask { [self] in await rescanPeriodically() }
            if config.fsync == .group {
                background.addTask { [self] in
                    do { try await log.runGroupCommit() } catch { fail(error) }
                }
            }
            background.addTask { [self] in await persistPeriodically() }
            if let feed = sink.foreignDocuments { background.addTask { [self] in await followOtherHosts(feed) } }
            await withTaskGroup(of: Void.self) { pipeline in
                for _ in 0..<config.workers { pipeline.addTask { [self] in await work() } }
                pipeline.addTask { [self] in await disposeLoop() }
                for await _ in pipeline.prefix(config.workers) {}
                do { try sink.flush() } catch where fatalFailure == nil {
                    logger.error("event log flush failed at shutdown", metadata: ["error": "\(error)"])
                } catch {}
                committer.disposals.finish()
            }
            background.cancelAll()
        }
    }

    // MARK: Watch, settle, rescan

    private func watch(_ watcher: InotifyWatcher) async {
        for await signal in watcher.signals {
            switch signal {
            case .file(let path): intake.touch(path)
            case .movedIn(let path): if intake.takeWhole(path) { ready.send(path) }
            case .directory(let path): scanner.scan(below: path).files.forEach(intake.touch)
            case .overflow:
                logger.warning("inotify queue overflowed; rescanning the inbox")
                rescan(overflow: true)
            case .inboxGone:
                logger.error("the inbox was removed; waiting for it to be created again", metadata: ["inbox": "\(config.inbox)"])
            case .inboxRelinked(let old):
                logger.notice("the inbox's path now leads to another directory: files still in the old one are no longer taken",
                              metadata: ["inbox": "\(config.inbox)", "inbox.old": "\(old)"])
            case .inboxBack:
                do {
                    // Where a symlink now leads may hold the state directory: refused as at start.
                    try StateLayoutCheck.check(config)
                    try reopenInbox(watcher.inbox)
                    logger.notice("the inbox is back; taking files from it again", metadata: ["inbox": "\(watcher.inbox)"])
                    rescan(overflow: false)
                } catch let busy as InboxBusyError {
                    fail(busy)
                } catch let misplaced as ConfigurationError {
                    fail(misplaced)
                } catch {
                    logger.error("the inbox is back but cannot be opened; restart depeche", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    /// Points the inbox descriptor every stage holds at the directory now at `path`: the new
    /// one is locked (``InboxLock``), then duplicated onto the same descriptor number (`dup2`
    /// replaces it atomically, and with it the old directory's lock).
    private func reopenInbox(_ path: String) throws {
        let fd = try Posix.check("open", path) { open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
        defer { close(fd) }
        _ = try InboxLock.take(fd, inbox: path)
        try Posix.check("dup2", path) { dup2(fd, reader.inboxFD) }
        try Posix.check("fcntl", path) { fcntl(reader.inboxFD, F_SETFD, FD_CLOEXEC) }
    }

    private func tick() async {
        let period = Duration.milliseconds(max(10, config.settleMilliseconds / 4))
        var reopenFailing = false
        while !Task.isCancelled && !stopping.load(ordering: .relaxed) {
            intake.takeSettled().forEach(ready.send)
            hooks.queueDepth(intake.depth)
            reportAwaitingAcknowledgement()
            reopenFailing = reopenLogIfMoved(failing: reopenFailing)
            try? await Task.sleep(for: period)
        }
    }

    /// Follows the event log to a new file when its active one was renamed away (`logrotate`
    /// without `postrotate systemctl reload`); a failure is told once, until it succeeds.
    /// Returns whether it is failing.
    private func reopenLogIfMoved(failing: Bool) -> Bool {
        do {
            if try log.reopenIfMoved() {
                logger.notice("the event log was moved away; writing to a new one under its name", metadata: ["file.path": "\(log.path)"])
            }
            return false
        } catch {
            if !failing {
                logger.error("the event log was moved away and a new one cannot be opened; its events go on into the moved file", metadata: [
                    "file.path": "\(log.path)", "error": "\(error)",
                ])
            }
            return true
        }
    }

    /// The store's half of group commit: every window, the changes whose events are durable
    /// go to the state store in one transaction.
    private func persistPeriodically() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(config.groupCommitMilliseconds))
            await persist()
        }
    }

    /// Writes what is durable to the store, and reports the events the sink decided since.
    func persist() async {
        for event in await committer.persist() { reportCommitted(event) }
    }

    /// Files the documents other hosts ingest into the near-duplicate index, from where the
    /// store says it left off; after a failure (the shared log unreachable), starts again from
    /// there after a pause.
    private func followOtherHosts(_ feed: any ForeignDocumentFeed) async {
        let failing = Locked(false)
        while !Task.isCancelled {
            do {
                let position = try await committer.foreignPosition()
                try await feed.follow(after: position) { [committer, logger] batch in
                    try await committer.learn(batch)
                    if failing.withLock({ $0 }) {
                        failing.withLock { $0 = false }
                        logger.notice("following the other hosts' documents again")
                    }
                }
            } catch {
                if Task.isCancelled { return }
                if !failing.withLock({ $0 }) {
                    logger.warning("cannot follow the other hosts' documents; near duplicates of them are missed meanwhile", metadata: [
                        "error": "\(error)",
                    ])
                }
                failing.withLock { $0 = true }
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    private func rescanPeriodically() async {
        guard config.rescanIntervalSeconds > 0 else { return }
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(config.rescanIntervalSeconds))
            if Task.isCancelled { return }
            rescan(overflow: false)
        }
    }

    private func rescan(overflow: Bool) {
        scanner.scan().files.forEach(intake.touch)
        hooks.rescanned(overflow)
    }

    // MARK: Work

    /// Takes settled files until the stop: those still queued then stay in the inbox, untouched,
    /// for the next run (a stop while the sink cannot deliver must not first analyse a backlog).
    private func work() async {
        while !stopping.load(ordering: .relaxed), let path = await ready.next() {
            await process(path)
        }
    }

    /// Read → analyse → commit one settled file.
    private func process(_ path: InboxPath) async {
        let received = Timestamp.now()
        switch reader.read(path) {
        case .vanished:
            intake.done(path)
        case .changed:
            intake.done(path)
            intake.touch(path)
        case .rejected(let rejection, let identity):
            if resumeDisposal(path, identity: identity) { return }
            await commit(Candidate(receipt: Receipt(path: path, identity: identity, received: received), outcome: .rejected(rejection), bytes: nil))
        case .read(let bytes, let identity):
            if resumeDisposal(path, identity: identity) { return }
            let id = ContentHash.id(of: bytes)
            let outcome = committer.holdsCopy(of: id) ? .storedDuplicate(id: id, textSHA256: nil) : analyze(bytes, id: id, path: path)
            await commit(Candidate(receipt: Receipt(path: path, identity: identity, received: received), outcome: outcome, bytes: bytes))
        }
    }

    /// Decode → clean → fingerprint → extract, with the analyzer of the moment; an article the
    /// store already holds is not read for entities (its event is a `document.duplicate`).
    private func analyze(_ bytes: [UInt8], id: String, path: InboxPath) -> FileOutcome {
        let analyzer = analyzer.withLock { $0 }
        do {
            let prepared = try analyzer.prepare(bytes, id: id, fileExtension: path.fileExtension)
            if !prepared.decoding.warnings.isEmpty {
                logger.warning("decoding repaired the file", metadata: [
                    "file.path": "\(path)", "doc.id": "\(id)", "detail": "\(prepared.decoding.warnings.joined(separator: "; "))",
                ])
            }
            let textHash = prepared.fingerprint.textSHA256
            if committer.holdsArticle(textHash) { return .storedDuplicate(id: id, textSHA256: textHash) }
            return .document(analyzer.extract(prepared))
        } catch {
            return .rejected(error)
        }
    }

    /// A file already reported (a crash came between its event and its move, or it is kept):
    /// finish its disposal without a second event.
    private func resumeDisposal(_ path: InboxPath, identity: FileIdentity?) -> Bool {
        guard let identity, let entry = committer.alreadyReported(path, identity: identity) else { return false }
        if config.dispose == .keep && !entry.rejected {
            intake.done(path)
            return true
        }
        logger.info("finishing the disposal of a file already in the log", metadata: ["file.path": "\(path)", "seq": "\(entry.seq)"])
        committer.disposals.send(Disposal(
            seq: entry.seq, path: path, id: entry.id, bytes: nil, quarantine: entry.rejected, identity: identity))
        return true
    }

    /// Events handed over and not yet acknowledged: those waiting for or inside the sink's
    /// `record`, and those recorded but not yet durable.
    private func reportAwaitingAcknowledgement() {
        hooks.awaitingAcknowledgement(committing.load(ordering: .relaxed) + max(0, sink.lastSeq - sink.durableSeq))
    }

    private func commit(_ candidate: Candidate) async {
        let path = candidate.receipt.path
        committing.add(1, ordering: .relaxed)
        reportAwaitingAcknowledgement()
        defer {
            committing.subtract(1, ordering: .relaxed)
            reportAwaitingAcknowledgement()
        }
        do {
            let event = try await committer.commit(candidate)
            if intake.resume() { logger.notice("event log writable again; taking files") }
            if let event { reportCommitted(event) }
        } catch let deleted as EventLogDeleted {
            fail(deleted)
        } catch {
            // One line a pause: every file in flight behind the first failure fails alike.
            let pause = intake.pauseAfterFailure(returning: path)
            guard pause.started else { return }
            let what = error is LMDBError ? "cannot write the state store" : "cannot append to the event log"
            logger.error("\(what); not taking files for a while", metadata: [
                "error": "\(error)", "file.path": "\(path)", "pause": "\(Self.seconds(pause.remaining))",
            ])
        }
    }

    /// A pause as the journal gives it: "1.5s".
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return "\(Double(seconds * 10 + attoseconds / 100_000_000_000_000_000) / 10)s"
    }

    /// Tells the journal and the hooks about an event as the sink recorded it.
    private func reportCommitted(_ event: DocumentEvent) {
        hooks.committed(event)
        let path = "\(event.receipt.path)"
        switch event {
        case .ingested(let document):
            logger.debug("document ingested", metadata: ["file.path": "\(path)", "doc.id": "\(document.id)"])
        case .duplicate(let duplicate):
            logger.info("duplicate file", metadata: [
                "file.path": "\(path)", "doc.id": "\(duplicate.id)", "duplicate.of": "\(duplicate.of)", "duplicate.match": "\(duplicate.match.rawValue)",
            ])
        case .rejected(let rejected):
            logger.warning("file rejected", metadata: [
                "file.path": "\(path)", "reject.reason": "\(rejected.rejection.reason.rawValue)", "reject.detail": "\(rejected.rejection.detail)",
            ])
        }
    }

    // MARK: Dispose

    /// Moves files out of the inbox in `seq` order, each once its event is durable.
    private func disposeLoop() async {
        while let job = await committer.disposals.next() {
            await sink.waitUntilDurable(job.seq)
            // Shutdown while the sink cannot make it durable (NATS down): the file stays.
            guard sink.durableSeq >= job.seq else { break }
            do {
                if job.quarantine {
                    try disposer.quarantine(job.path, seq: job.seq, bytes: job.bytes, identity: job.identity)
                } else if let id = job.id {
                    try disposer.dispose(job.path, id: id, bytes: job.bytes, identity: job.identity)
                }
                committer.disposed(job.path)
            } catch let changed as FileChangedError {
                logger.notice("a file changed after it was read; taking it again as a new file", metadata: [
                    "file.path": "\(changed.path)", "seq": "\(job.seq)",
                ])
                committer.disposed(job.path)
                intake.done(job.path)
                intake.touch(job.path)
                continue
            } catch let error as SystemCallError where error.errno == ENOSPC || error.errno == EDQUOT {
                // The state directory is full: stop taking files (their events would pile up
                // while the inbox cannot be emptied) and retry this one after the pause.
                let pause = intake.pauseAfterFailure(returning: job.path)
                if pause.started {
                    logger.error("no room to store a processed file; not taking files for a while", metadata: [
                        "file.path": "\(job.path)", "error": "\(error)", "pause": "\(Self.seconds(pause.remaining))",
                    ])
                }
                continue
            } catch {
                logger.error("cannot move a processed file out of the inbox; will retry at the next rescan", metadata: [
                    "file.path": "\(job.path)", "error": "\(error)",
                ])
            }
            intake.done(job.path)
        }
    }
}
