import Logging

/// What start-up recovers: the state store, brought up to the event log, and its ledger.
public struct RecoveredState {
    /// The store.
    public var store: StateStore
    /// Files logged but still in the inbox.
    public var ledger: DispositionLedger
    /// The log's last `seq`, which the store now covers.
    public var seq: Int
}

/// Start-up: opens the state store (migrating index snapshots of an older depeche once), then
/// applies the events logged after the store's `seq`, found by seeking in the log: after a
/// clean stop none, after a crash about one group commit's worth.
public enum Recovery {
    /// Changes applied per transaction while replaying.
    static let replayBatch = 10_000

    /// Opens the state store, converting or migrating what an earlier depeche left, once.
    public static func openStore(config: DepecheConfig, logger: Logger) throws -> StateStore {
        let store = try StateStore(
            directory: config.storeDirectory, mapSize: config.storeMapSize, nearMaxDistance: config.nearDuplicateMaxDistance)
        if let format = store.rebuiltFormat {
            logger.warning("the state store has an earlier format; rebuilding it from the event log", metadata: [
                "store.format": "\(format)", "store": "\(store.directory)",
            ])
        }
        if let upgrade = store.upgradedFormat {
            logger.notice("the state store was converted in place to the current format", metadata: [
                "store.format": "\(upgrade.format)", "store.simhashes": "\(upgrade.simhashes)", "store": "\(store.directory)",
            ])
        }
        try StateMigration.migrateIfNeeded(config: config, store: store, logger: logger)
        return store
    }

    /// A log that holds no event over a store that has seen some was moved away (`logrotate`,
    /// then a reload) or removed while depeche was stopped: its events are gone from it, not
    /// undone, so the log goes on after the store's `seq` (taking it from 1 again would give
    /// `seq`s out twice, and rebuilding the store from an empty log would forget every document).
    public static func continueEmptyLog(_ log: JSONLEventLog, after store: StateStore, logger: Logger) throws {
        let seq = try store.seq()
        guard log.lastSeq == 0, seq > 0 else { return }
        log.continueAfter(seq)
        logger.notice("the event log holds no events (moved away or removed); seq goes on after the state store's", metadata: [
            "store.seq": "\(seq)", "file.path": "\(log.path)",
        ])
    }

    /// Brings `store` to the log whose last event is `lastSeq`.
    public static func recover(store: StateStore, config: DepecheConfig, lastSeq: Int, logger: Logger) throws -> RecoveredState {
        var seq = try store.seq()
        if seq > lastSeq {
            logger.warning("the state store is ahead of the event log; rebuilding it from the log", metadata: [
                "store.seq": "\(seq)", "log.seq": "\(lastSeq)",
            ])
            try store.reset()
            seq = 0
        }
        var batch: [StoreChange] = []
        var replayed = 0
        try EventLogReader(activePath: config.logPath).forEach(from: seq + 1) { event in
            batch += StoreChange.replaying(event)
            replayed += 1
            if batch.count >= replayBatch, let through = event.seq {
                try store.apply(batch, through: through)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if seq < lastSeq { try store.apply(batch, through: lastSeq) }
        let documents = try store.read { try $0.documentCount() }
        logger.info("state store opened", metadata: [
            "store.seq": "\(seq)", "events.replayed": "\(replayed)", "documents": "\(documents)",
        ])
        return RecoveredState(store: store, ledger: try store.ledgerEntries(), seq: lastSeq)
    }
}

extension StoreChange {
    /// The changes a logged event brings to the store.
    public static func replaying(_ event: LoggedEvent) -> [StoreChange] {
        var changes: [StoreChange] = []
        if event.type == "document.ingested", let id = event.string("id"), let seq = event.seq {
            let sketch = event.string("minhash").flatMap(MinHashSketch.init(hex:))
            let simhash = sketch == nil ? nil : event.string("simhash").flatMap(ArticleFingerprint.simhash(fromHex:))
            changes.append(.document(StoredDocument(
                id: id, seq: seq, textHash: event.string("text_sha256"), simhash: simhash,
                sketch: sketch ?? MinHashSketch(low: 0, high: 0))))
        }
        if let (path, entry) = DispositionLedger.Entry.logged(by: event) { changes.append(.ledgerRecord(path, entry)) }
        return changes
    }
}
