/// The committer's changes that wait for the event log to be durable before they go to the
/// store, in `seq` order; lookups read them before the store. About one group commit's worth.
struct PendingChanges {
    private var changes: [StoreChange] = []
    /// The `seq` the store holds every change up to.
    private(set) var appliedSeq: Int

    /// Nothing pending over a store at `appliedSeq`.
    init(appliedSeq: Int) { self.appliedSeq = appliedSeq }

    mutating func append(_ change: StoreChange) { changes.append(change) }

    /// The changes up to the first one of an event after `durable`, or up to the document past
    /// the first `limit` ones; how many they are, and the `seq` the store holds once they are in.
    func prefix(through durable: Int, documents limit: Int) -> (changes: [StoreChange], count: Int, seq: Int) {
        var documents = 0
        var seq = durable
        let end = changes.firstIndex { change in
            switch change {
            case .document(let document):
                documents += 1
                if documents > limit && document.seq <= durable { seq = document.seq - 1 }
                return document.seq > durable || documents > limit
            case .ledgerRecord(_, let entry): return entry.seq > durable
            case .ledgerRemove: return false
            }
        } ?? changes.count
        return (Array(changes[..<end]), end, seq)
    }

    /// The first `count` changes are in the store, which now holds everything up to `seq`.
    mutating func removeFirst(_ count: Int, appliedThrough seq: Int) {
        changes.removeFirst(count)
        appliedSeq = seq
    }

    /// Forgets the document of the event `seq`: the sink recorded something else for it.
    mutating func removeDocument(seq: Int) {
        changes.removeAll { if case .document(let document) = $0 { document.seq == seq } else { false } }
    }

    private var documents: some Sequence<StoredDocument> {
        changes.lazy.compactMap { if case .document(let document) = $0 { document } else { nil } }
    }

    /// The pending document with these bytes.
    func first(withContent id: String) -> FirstSeen? {
        documents.first { $0.id == id }.map { FirstSeen(id: $0.id, seq: $0.seq) }
    }

    /// The first pending document with this normalised article.
    func first(withText textHash: String) -> FirstSeen? {
        let key = Digest128(textHash)
        return documents.first { $0.textKey == key }.map { FirstSeen(id: $0.id, seq: $0.seq) }
    }

    /// The pending document with a `seq` in `seqs` nearest `simhash` within `maxDistance` bits
    /// whose sketch agrees with `sketch`; among equally near ones the first. With its `seq`.
    func nearest(
        simhash: UInt64, sketch: MinHashSketch, within maxDistance: Int, seqs: some RangeExpression<Int> = 0...
    ) -> (match: NearDuplicate, seq: Int)? {
        var best: (distance: Int, id: String, seq: Int)?
        for document in documents where seqs.contains(document.seq) {
            guard let candidate = document.simhash else { continue }
            let distance = (candidate ^ simhash).nonzeroBitCount
            guard distance <= min(maxDistance, (best?.distance ?? .max) - 1),
                document.sketch.agreement(with: sketch) >= NearDuplicatePolicy.minimumSketchAgreement
            else { continue }
            best = (distance, document.id, document.seq)
        }
        return best.map {
            (NearDuplicate(id: $0.id, distance: $0.distance, similarity: NearDuplicatePolicy.similarity(forDistance: $0.distance)), $0.seq)
        }
    }
}
