/// The first document seen with some content.
public struct FirstSeen: Sendable, Equatable {
    /// Its content id.
    public var id: String
    /// Its `seq`.
    public var seq: Int
}

/// Exact duplicate detection: content id (bytes) → first document, normalised-article hash
/// → first document with that article. Survives restarts as a snapshot plus a replay of the
/// events logged after it (see ``IndexSnapshot``).
///
/// It holds every document ever ingested, so its size is what grows with the archive: ids are
/// packed (33 bytes), keys are 128-bit digests, not strings. About 130 bytes a document.
public struct DedupIndex: Sendable {
    /// The documents the keys point to, by ordinal: their ids and seqs.
    private var ids = DocumentIDs()
    private var seqs: [Int] = []
    /// Content id → ordinal of its `document.ingested`.
    private var byContent: [Digest128: UInt32] = [:]
    /// Normalised-article hash → ordinal of the first document with that article.
    private var byText: [Digest128: UInt32] = [:]

    /// Creates an empty index.
    public init() {}

    /// How many distinct contents are known.
    public var count: Int { byContent.count }

    /// The first document with these bytes.
    public func first(withContent id: String) -> FirstSeen? {
        byContent[Digest128(id)].map(document(at:))
    }

    /// The first document with this normalised article.
    public func first(withText textHash: String) -> FirstSeen? {
        byText[Digest128(textHash)].map(document(at:))
    }

    /// Records an ingested document (idempotent: the first record wins).
    public mutating func insert(id: String, textHash: String?, seq: Int) {
        let content = Digest128(id)
        var ordinal = byContent[content]
        if ordinal == nil {
            ordinal = append(id: id, seq: seq)
            byContent[content] = ordinal
        }
        guard let textHash else { return }
        let text = Digest128(textHash)
        guard byText[text] == nil else { return }
        if let known = ordinal, seqs[Int(known)] != seq { ordinal = append(id: id, seq: seq) }
        byText[text] = ordinal
    }

    /// Applies one logged event during replay.
    public mutating func apply(_ event: LoggedEvent) {
        guard event.type == "document.ingested", let id = event.string("id"), let seq = event.seq else { return }
        insert(id: id, textHash: event.string("text_sha256"), seq: seq)
    }

    /// Every record, for moving the index into the state store: the first document of each
    /// content, then the first document of each article with its article's key.
    func forEachRecord(content: (FirstSeen) throws -> Void, text: (Digest128, FirstSeen) throws -> Void) rethrows {
        for ordinal in byContent.values { try content(document(at: ordinal)) }
        for (key, ordinal) in byText { try text(key, document(at: ordinal)) }
    }

    private func document(at ordinal: UInt32) -> FirstSeen {
        FirstSeen(id: ids[Int(ordinal)], seq: seqs[Int(ordinal)])
    }

    private mutating func append(id: String, seq: Int) -> UInt32 {
        ids.append(id)
        seqs.append(seq)
        return UInt32(seqs.count - 1)
    }
}

extension DedupIndex {
    /// The index as snapshot lines (see ``IndexSnapshot``): `d <id> <seq> c|-` for each
    /// document in ordinal order (`c`: the first with its content), then `t <hex> <ordinal>`
    /// for each article hash (its 128-bit key).
    func snapshotLines(_ body: (String) throws -> Void) rethrows {
        for ordinal in seqs.indices {
            let id = ids[ordinal]
            try body("d \(id) \(seqs[ordinal]) \(byContent[Digest128(id)] == UInt32(ordinal) ? "c" : "-")\n")
        }
        for (digest, ordinal) in byText { try body("t \(digest.hex) \(ordinal)\n") }
    }

    /// Reads one snapshot line's fields back; false when they are not a record of the index.
    mutating func readSnapshotRecord(_ fields: [ArraySlice<UInt8>]) -> Bool {
        switch (fields.first?.first, fields.count) {
        case (UInt8(ascii: "d"), 4):
            guard fields[0].count == 1, let seq = Int(decimal: fields[2]),
                  fields[3].elementsEqual("c".utf8) || fields[3].elementsEqual("-".utf8) else { return false }
            let ordinal = append(id: String(decoding: fields[1], as: UTF8.self), seq: seq)
            if fields[3].first == UInt8(ascii: "c") { byContent[Digest128(utf8: fields[1])] = ordinal }
            return true
        case (UInt8(ascii: "t"), 3):
            guard fields[0].count == 1, fields[1].count == 32, let digest = Digest128(hexDigits: fields[1]),
                  let ordinal = Int(decimal: fields[2]), ordinal < seqs.count else { return false }
            byText[digest] = UInt32(ordinal)
            return true
        default:
            return false
        }
    }
}
