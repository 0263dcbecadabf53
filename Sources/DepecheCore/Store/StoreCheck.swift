import Glibc

/// `depeche check` for the state store: it must not be ahead of the event log, and every
/// document the log ingested up to the store's `seq` must be in it — its content, its article
/// (first seen no later than the event) and its fingerprints, in the near-duplicate index (unless
/// the store was converted from format 2 without its SimHash: ``StoreUpgrade``). Read from a
/// snapshot of the store, so it runs beside the daemon.
public enum StoreCheck {
    /// What the check found in a sound store.
    public struct Summary: Sendable, Equatable {
        /// Distinct contents known.
        public var documents: Int
        /// The store's `seq`.
        public var seq: Int
        /// Events after it, which the next start replays.
        public var behind: Int
        /// Documents of other hosts of a cluster known to the near-duplicate index.
        public var foreignDocuments = 0
        /// The log holds no events though the store has seen some: its files were moved away or
        /// removed, and the daemon goes on after the store's `seq`.
        public var logHoldsNoEvents = false
    }

    /// The `seq` of the last event `config`'s store has taken in; nil when there is no store yet.
    public static func seq(config: DepecheConfig) throws -> Int? {
        try snapshot(config)?.read { try $0.seq() }
    }

    /// `config`'s store opened read-only (it runs beside the daemon); nil when there is none.
    private static func snapshot(_ config: DepecheConfig) throws -> StateStore? {
        guard access(config.storeDirectory + "/data.mdb", F_OK) == 0 else { return nil }
        return try StateStore(
            directory: config.storeDirectory, mapSize: config.storeMapSize, nearMaxDistance: config.nearDuplicateMaxDistance,
            readOnly: true)
    }

    /// Checks `config`'s store against its log; nil when there is no store yet. Throws
    /// ``StoreCorruption`` at the first problem.
    public static func run(config: DepecheConfig, logLastSeq: Int) throws -> Summary? {
        guard let store = try snapshot(config) else { return nil }
        return try store.read { reader in
            let seq = try reader.seq()
            let fail = { (problem: String) in StoreCorruption(directory: store.directory, problem: problem) }
            if logLastSeq == 0 && seq > 0 {
                return Summary(
                    documents: try reader.documentCount(), seq: seq, behind: 0, foreignDocuments: try reader.foreignDocumentCount(),
                    logHoldsNoEvents: true)
            }
            guard seq <= logLastSeq else { throw fail("the store is at seq \(seq), past the event log's last seq \(logLastSeq)") }
            try EventLogReader(activePath: config.logPath).forEach { event in
                guard let eventSeq = event.seq, eventSeq <= seq, event.type == "document.ingested", let id = event.string("id") else { return }
                guard let first = try reader.first(withContent: id), first.seq <= eventSeq else {
                    throw fail("seq \(eventSeq): \(id) is not in the store's content index")
                }
                if let text = event.string("text_sha256"), (try reader.first(withText: text)).map({ $0.seq <= eventSeq }) != true {
                    throw fail("seq \(eventSeq): the article \(text) is not in the store's article index")
                }
                if let simhash = event.string("simhash").flatMap(ArticleFingerprint.simhash(fromHex:)),
                    let sketch = event.string("minhash").flatMap(MinHashSketch.init(hex:)),
                    try !reader.isFiledNear(seq: eventSeq, simhash: simhash, sketch: sketch), try reader.document(seq: eventSeq)?.simhashLowBits != 0
                {
                    throw fail("seq \(eventSeq): its SimHash and MinHash sketch are not in the store's near-duplicate index")
                }
            }
            return Summary(
                documents: try reader.documentCount(), seq: seq, behind: logLastSeq - seq, foreignDocuments: try reader.foreignDocumentCount())
        }
    }
}
