import Logging

/// Start-up: the dedup index and the disposition ledger as of the log's last event, from
/// the snapshot plus a replay of the events logged after it.
public enum Recovery {
    /// Rebuilds the state for a log whose last event is `lastSeq`.
    public static func recover(logPath: String, snapshotPath: String, lastSeq: Int, logger: Logger) throws -> IndexSnapshot {
        var state = IndexSnapshot(seq: 0, index: DedupIndex(), ledger: DispositionLedger())
        do {
            if let snapshot = try IndexSnapshot.read(from: snapshotPath) {
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
        var replayed = 0
        try EventLogReader(activePath: logPath).forEach(from: state.seq + 1) { event in
            state.index.apply(event)
            state.ledger.apply(event)
            replayed += 1
        }
        logger.info("dedup index recovered", metadata: [
            "snapshot.seq": "\(state.seq)", "events.replayed": "\(replayed)", "documents": "\(state.index.count)",
        ])
        state.seq = lastSeq
        return state
    }
}
