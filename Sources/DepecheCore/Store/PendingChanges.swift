import CSimHashScan

/// The committer's changes that wait for the event log to be durable before they go to the
/// store, in `seq` order; lookups read them before the store. About one group commit's worth,
/// but as many as the log's stall leaves waiting: the lookups by content and by article go
/// through an index, not through them all.
struct PendingChanges {
    private var changes: [StoreChange] = []
    /// The documents among `changes`, in the same order, as lookups read them: their keys and
    /// fingerprints in plain words (no reference counted, nothing to copy out of an enum), and
    /// their ids beside. The near lookup goes through them all.
    private var keys: [DocumentKeys] = []
    private var ids: [String] = []
    /// Their SimHashes beside, big-endian (as `CSimHashScan` reads numbers), 0 for none: the
    /// near lookup's scan, eight bytes a document and the CPU's POPCNT where it has one.
    private var simhashes: [UInt64] = []
    /// The number of the first of `keys` among every document ever appended: documents are
    /// numbered so that removing the first ones leaves the index's numbers valid.
    private var firstNumber = 0
    /// The first pending document of each content key and of each article key, by number.
    private var byContent = FirstByKey()
    private var byText = FirstByKey()
    /// The `seq` the store holds every change up to.
    private(set) var appliedSeq: Int

    /// Nothing pending over a store at `appliedSeq`.
    init(appliedSeq: Int) { self.appliedSeq = appliedSeq }

    mutating func append(_ change: StoreChange) {
        changes.append(change)
        if case .document(let document) = change {
            let added = DocumentKeys(document)
            index(added, number: firstNumber + keys.count)
            keys.append(added)
            ids.append(document.id)
            simhashes.append((document.simhash ?? 0).bigEndian)
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
        let removed = Array(keys[..<documents])
        keys.removeFirst(documents)
        ids.removeFirst(documents)
        simhashes.removeFirst(documents)
        firstNumber += documents
        forget(removed, numbered: firstNumber - documents)
        appliedSeq = seq
    }

    /// Forgets the document of the event `seq`: the sink recorded something else for it.
    mutating func removeDocument(seq: Int) {
        changes.removeAll { if case .document(let document) = $0 { document.seq == seq } else { false } }
        guard keys.contains(where: { $0.seq == seq }) else { return }
        while let index = keys.firstIndex(where: { $0.seq == seq }) {
            keys.remove(at: index)
            ids.remove(at: index)
            simhashes.remove(at: index)
        }
        // The documents after it are numbered anew (a cluster's revision: rare).
        byContent = FirstByKey()
        byText = FirstByKey()
        for (position, document) in keys.enumerated() { index(document, number: firstNumber + position) }
    }

    /// Files document `number`'s content and article keys.
    private mutating func index(_ document: DocumentKeys, number: Int) {
        byContent.add(document.content, number: number)
        if let text = document.text { byText.add(text, number: number) }
    }

    /// Takes `removed` (numbered from `first` on, no longer in `keys`) out of the indexes; a key
    /// that another pending document holds too then points to the first of those.
    private mutating func forget(_ removed: [DocumentKeys], numbered first: Int) {
        let remaining = keys
        let base = firstNumber
        byContent.remove(removed.map(\.content), numberedFrom: first) { key in
            remaining.firstIndex { $0.content == key }.map { base + $0 }
        }
        byText.remove(removed.map(\.text), numberedFrom: first) { key in
            remaining.firstIndex { $0.text == key }.map { base + $0 }
        }
    }

    /// The pending document with these bytes.
    func first(withContent id: String) -> FirstSeen? {
        let key = Digest128(id)
        guard let first = byContent.first(key).map({ $0 - firstNumber }) else { return nil }
        if ids[first] == id { return FirstSeen(id: id, seq: keys[first].seq) }
        // Another id with the same 128-bit key first (never seen; kept exact all the same).
        return keys.indices.first { keys[$0].content == key && ids[$0] == id }.map { FirstSeen(id: id, seq: keys[$0].seq) }
    }

    /// The first pending document with this normalised article.
    func first(withText textHash: String) -> FirstSeen? {
        byText.first(Digest128(textHash)).map { FirstSeen(id: ids[$0 - firstNumber], seq: keys[$0 - firstNumber].seq) }
    }

    /// The pending documents nearest `simhash` within `maxDistance` bits whose sketch agrees with
    /// `sketch`, among equally near ones the first: one of a `seq` up to `decided` and one after
    /// it (the committer names an undecided one only when no decided one is near), each with its
    /// `seq`. One pass for both, through the SimHashes alone until one is near enough.
    func nearest(simhash: UInt64, sketch: MinHashSketch, within maxDistance: Int, decided: Int)
        -> (decided: (match: NearDuplicate, seq: Int)?, undecided: (match: NearDuplicate, seq: Int)?) {
        var decidedBest: (distance: Int, index: Int)?
        var undecidedBest: (distance: Int, index: Int)?
        let limit = { (best: (distance: Int, index: Int)?) in min(maxDistance, (best?.distance ?? .max) - 1) }
        simhashes.withUnsafeBytes { raw in
            guard let values = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
            var index = 0
            while case let budget = max(limit(decidedBest), limit(undecidedBest)), budget >= 0,
                  case let hit = depeche_simhash_next_within(values, index, keys.count, 8, 8, simhash, Int32(budget)),
                  hit < keys.count {
                index = hit + 1
                guard let candidate = keys[hit].simhash else { continue }
                let isDecided = keys[hit].seq <= decided
                let distance = (candidate ^ simhash).nonzeroBitCount
                guard distance <= limit(isDecided ? decidedBest : undecidedBest),
                      keys[hit].sketch.agreement(with: sketch) >= NearDuplicatePolicy.minimumSketchAgreement
                else { continue }
                if isDecided { decidedBest = (distance, hit) } else { undecidedBest = (distance, hit) }
            }
        }
        return (match(decidedBest), match(undecidedBest))
    }

    private func match(_ best: (distance: Int, index: Int)?) -> (match: NearDuplicate, seq: Int)? {
        best.map {
            let near = NearDuplicate(id: ids[$0.index], distance: $0.distance, similarity: NearDuplicatePolicy.similarity(forDistance: $0.distance))
            return (near, keys[$0.index].seq)
        }
    }
}

/// The first document holding each key, by number, and how many hold it.
private struct FirstByKey {
    private var entries: [Digest128: (first: Int, count: Int)] = [:]

    /// The number of the first document holding `key`.
    func first(_ key: Digest128) -> Int? { entries[key]?.first }

    /// Document `number` (after every one added so far) holds `key`.
    mutating func add(_ key: Digest128, number: Int) {
        if let entry = entries[key] { entries[key] = (entry.first, entry.count + 1) } else { entries[key] = (number, 1) }
    }

    /// The documents numbered from `first` on held `removed` (nil: no key) and are gone; `firstLeft`
    /// finds the first document left that holds a key still held.
    mutating func remove(_ removed: [Digest128?], numberedFrom first: Int, firstLeft: (Digest128) -> Int?) {
        let end = first + removed.count
        var moved: [Digest128] = []
        for key in removed.compactMap({ $0 }) {
            guard let entry = entries[key] else { continue }
            if entry.count == 1 {
                entries[key] = nil
            } else {
                entries[key] = (entry.first, entry.count - 1)
                if entry.first < end { moved.append(key) }
            }
        }
        for key in moved {
            guard let entry = entries[key], entry.first < end, let left = firstLeft(key) else { continue }
            entries[key] = (left, entry.count)
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
