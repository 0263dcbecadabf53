import Logging

/// What start-up recovers: the exact index and the ledger, and the near-duplicate index.
public struct RecoveredState: Sendable {
    /// The dedup index and the disposition ledger.
    public var snapshot: IndexSnapshot
    /// The near-duplicate index.
    public var nearIndex: NearDuplicateIndex
}

/// Start-up: the indices and the disposition ledger as of the log's last event, from their
/// snapshots plus a replay of the events logged after them.
public enum Recovery {
    /// Rebuilds the state for a log whose last event is `lastSeq`.
    public static func recover(config: DepecheConfig, lastSeq: Int, logger: Logger) throws -> RecoveredState {
        var state = IndexSnapshot(seq: 0, index: DedupIndex(), ledger: DispositionLedger())
        do {
            if let snapshot = try IndexSnapshot.read(from: config.indexSnapshotPath) {
                if snapshot.seq <= lastSeq {
                    state = snapshot
                } else {
                    logger.warning("index snapshot is ahead of the event log; rebuilding from the log", metadata: [
                        "snapshot.seq": "\(snapshot.seq)", "log.seq": "\(lastSeq)",
                    ])
                }
            }
        } catch {
            logger.warning("index snapshot unreadable; rebuilding from the log", metadata: ["error": "\(error)"])
        }
        var near = loadNearIndex(config: config, lastSeq: lastSeq, logger: logger)
        var replayed = 0
        let snapshotSeq = state.seq
        try EventLogReader(activePath: config.logPath).forEach(from: min(snapshotSeq, near.seq) + 1) { event in
            guard let seq = event.seq else { return }
            if seq > snapshotSeq {
                state.index.apply(event)
                state.ledger.apply(event)
            }
            if seq > near.seq, event.type == "document.ingested", let id = event.string("id"),
                let simhash = event.string("simhash").flatMap(ArticleFingerprint.simhash(fromHex:)),
                let sketch = event.string("minhash").flatMap(MinHashSketch.init(hex:))
            {
                near.insert(simhash: simhash, sketch: sketch, id: id)
            }
            replayed += 1
        }
        logger.info("dedup indices recovered", metadata: [
            "snapshot.seq": "\(snapshotSeq)", "events.replayed": "\(replayed)", "documents": "\(state.index.count)",
            "near.entries": "\(near.count)",
        ])
        state.seq = lastSeq
        near.seq = lastSeq
        return RecoveredState(snapshot: state, nearIndex: near)
    }

    private static func loadNearIndex(config: DepecheConfig, lastSeq: Int, logger: Logger) -> NearDuplicateIndex {
        let empty = NearDuplicateIndex(maxDistance: config.nearDuplicateMaxDistance)
        do {
            let loaded = try NearDuplicateIndex.load(from: config.nearIndexPath, maxDistance: config.nearDuplicateMaxDistance)
            guard loaded.seq <= lastSeq else {
                logger.warning("near-duplicate index is ahead of the event log; rebuilding it from the log")
                return empty
            }
            return loaded
        } catch where error.code == .notFound {
            return empty
        } catch {
            logger.warning("near-duplicate index unreadable; rebuilding it from the log", metadata: ["error": "\(error)"])
            return empty
        }
    }
}
