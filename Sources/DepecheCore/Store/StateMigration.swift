import Glibc
import Logging

/// The state of a depeche from before the store: `state/index.snapshot` (format 2: the exact
/// index and the ledger) and `state/near.index` (the near-duplicate index). At the first start
/// with the store, they are copied into it, once, with a journal line; then removed. The
/// store's `seq` is the older of the two files' `seq`, and start-up replays the events after
/// it (the store keeps the first record of every key, so what both hold is applied once).
/// An unreadable file is left out: the replay of the event log then rebuilds what it held.
enum StateMigration {
    /// Changes per store transaction while migrating.
    static let batchSize = 100_000

    /// Migrates the index snapshots of `config`'s state directory into `store`, if there are any.
    static func migrateIfNeeded(config: DepecheConfig, store: StateStore, logger: Logger) throws {
        let snapshotPath = config.stateDirectory + "/index.snapshot"
        let nearPath = config.stateDirectory + "/near.index"
        guard access(snapshotPath, F_OK) == 0 || access(nearPath, F_OK) == 0 else { return }
        if try store.seq() == 0 {
            let snapshot = read("index snapshot", logger) { try IndexSnapshot.read(from: snapshotPath) } ?? nil
            let near = access(nearPath, F_OK) != 0 ? nil : read("near-duplicate index", logger) {
                try NearDuplicateIndexFile.read(from: nearPath)
            }
            let seq = min(snapshot?.seq ?? 0, near?.seq ?? 0)
            let changes = self.changes(snapshot: snapshot, near: near)
            for start in stride(from: 0, to: max(changes.count, 1), by: batchSize) {
                let end = min(start + batchSize, changes.count)
                try store.apply(Array(changes[start..<end]), through: end == changes.count ? seq : 0)
            }
            logger.notice("migrated the index snapshots into the state store", metadata: [
                "documents": "\(snapshot?.firstOfContent.count ?? 0)", "near.entries": "\(near?.entries.count ?? 0)",
                "ledger.entries": "\(snapshot?.ledger.count ?? 0)", "store.seq": "\(seq)", "store": "\(store.directory)",
            ])
        }
        unlink(snapshotPath)
        unlink(nearPath)
        try Posix.syncDirectory(config.stateDirectory)
    }

    /// The store changes that hold what the snapshots hold.
    private static func changes(snapshot: IndexSnapshot?, near: NearDuplicateIndexFile?) -> [StoreChange] {
        var fingerprints: [String: (simhash: UInt64, sketch: MinHashSketch)] = [:]
        for entry in near?.entries ?? [] where fingerprints[entry.id] == nil {
            fingerprints[entry.id] = (entry.simhash, entry.sketch)
        }
        guard let snapshot else { return [] }
        var changes: [StoreChange] = []
        let unknown = MinHashSketch(low: 0, high: 0)
        for first in snapshot.firstOfContent {
            let fingerprint = fingerprints[first.id]
            changes.append(.document(StoredDocument(
                id: first.id, seq: first.seq, textKey: nil, simhash: fingerprint?.simhash, sketch: fingerprint?.sketch ?? unknown)))
        }
        for (key, first) in snapshot.firstOfArticle {
            changes.append(.document(StoredDocument(
                id: first.id, seq: first.seq, textKey: key, simhash: nil, sketch: fingerprints[first.id]?.sketch ?? unknown)))
        }
        for (path, entry) in snapshot.ledger.entries { changes.append(.ledgerRecord(path, entry)) }
        return changes
    }

    /// `body`'s result, or nil (with a warning) when the file cannot be read.
    private static func read<T>(_ what: String, _ logger: Logger, _ body: () throws -> T) -> T? {
        do { return try body() } catch {
            logger.warning("cannot read the old \(what); the event log's replay rebuilds it", metadata: ["error": "\(error)"])
            return nil
        }
    }
}
