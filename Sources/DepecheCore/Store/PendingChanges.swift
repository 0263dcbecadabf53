/// The committer's changes that wait for the event log to be durable before they go to the
/// store, in `seq` order; lookups read them before the store. About one group commit's worth.
struct PendingChanges {
    private var changes: [StoreChange] = []
    /// The documents among `changes`, in the same order, as lookups read them: their keys and
    /// fingerprints in plain words (no reference counted, nothing to copy out of an enum), and
    /// their ids beside. Every file's lookups go through them all.
    private var keys: [DocumentKeys] = []
    private var ids: [String] = []
    /// The `seq` the store holds every change up to.
    private(set) var appliedSeq: Int

    /// Nothing pending over a store at `appliedSeq`.
    init(appliedSeq: Int) { self.appliedSeq = appliedSeq }

    mutating func append(_ change: StoreChange) {
        changes.append(change)
        if case .document(let document) = change {
            keys.append(DocumentKeys(document))
            ids.append(document.id)
        }
    }

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
        let documents = changes[..<count].count { if case .document = $0 { true } else { false } }
        changes.removeFirst(count)
        keys.removeFirst(documents)
        ids.removeFirst(documents)
        appliedSeq = seq
    }

    /// Forgets the document of the event `seq`: the sink recorded something else for it.
    mutating func removeDocument(seq: Int) {
        changes.removeAll { if case .document(let document) = $0 { document.seq == seq } else { false } }
        while let index = keys.firstIndex(where: { $0.seq == seq }) {
            keys.remove(at: index)
            ids.remove(at: index)
        }
    }

    /// The pending document with these bytes.
    func first(withContent id: String) -> FirstSeen? {
        let key = Digest128(id)
        return keys.indices.first { keys[$0].content == key && ids[$0] == id }.map { FirstSeen(id: id, seq: keys[$0].seq) }
    }

    /// The first pending document with this normalised article.
    func first(withText textHash: String) -> FirstSeen? {
        let key = Digest128(textHash)
        return keys.indices.first { keys[$0].text == key }.map { FirstSeen(id: ids[$0], seq: keys[$0].seq) }
    }

    /// The pending document with a `seq` in `seqs` nearest `simhash` within `maxDistance` bits
    /// whose sketch agrees with `sketch`; among equally near ones the first. With its `seq`.
    func nearest(
        simhash: UInt64, sketch: MinHashSketch, within maxDistance: Int, seqs: some RangeExpression<Int> = 0...
    ) -> (match: NearDuplicate, seq: Int)? {
        var best: (distance: Int, index: Int)?
        for index in keys.indices where seqs.contains(keys[index].seq) {
            guard let candidate = keys[index].simhash else { continue }
            let distance = (candidate ^ simhash).nonzeroBitCount
            guard distance <= min(maxDistance, (best?.distance ?? .max) - 1),
                keys[index].sketch.agreement(with: sketch) >= NearDuplicatePolicy.minimumSketchAgreement
            else { continue }
            best = (distance, index)
        }
        return best.map {
            let near = NearDuplicate(id: ids[$0.index], distance: $0.distance, similarity: NearDuplicatePolicy.similarity(forDistance: $0.distance))
            return (near, keys[$0.index].seq)
        }
    }
}

/// What lookups read of a pending document.
private struct DocumentKeys {
    /// The key of its content id (``Digest128``), of its article, its SimHash, sketch and `seq`.
    let content: Digest128
    let text: Digest128?
    let simhash: UInt64?
    let sketch: MinHashSketch
    let seq: Int

    init(_ document: StoredDocument) {
        content = Digest128(document.id)
        text = document.textKey
        simhash = document.simhash
        sketch = document.sketch
        seq = document.seq
    }
}
