/// The first document seen with some content.
public struct FirstSeen: Sendable, Equatable {
    /// Its content id.
    public var id: String
    /// Its `seq`.
    public var seq: Int
}

/// Exact duplicate detection: content id (bytes) → first document. Survives restarts as a
/// snapshot plus a replay of the events logged after it (see ``IndexSnapshot``).
public struct DedupIndex: Sendable {
    /// Content id → seq of its `document.ingested`.
    private(set) var byContent: [String: Int] = [:]
    /// Normalised-article hash → the first document with that article.
    private(set) var byText: [String: FirstSeen] = [:]

    /// Creates an empty index.
    public init() {}

    /// How many distinct contents are known.
    public var count: Int { byContent.count }

    /// The first document with these bytes.
    public func first(withContent id: String) -> FirstSeen? {
        byContent[id].map { FirstSeen(id: id, seq: $0) }
    }

    /// The first document with this normalised article.
    public func first(withText textHash: String) -> FirstSeen? { byText[textHash] }

    /// Records an ingested document (idempotent: the first record wins).
    public mutating func insert(id: String, textHash: String?, seq: Int) {
        if byContent[id] == nil { byContent[id] = seq }
        if let textHash, byText[textHash] == nil { byText[textHash] = FirstSeen(id: id, seq: seq) }
    }

    /// Applies one logged event during replay.
    public mutating func apply(_ event: LoggedEvent) {
        guard event.type == "document.ingested", let id = event.string("id"), let seq = event.seq else { return }
        insert(id: id, textHash: event.string("text_sha256"), seq: seq)
    }
}
