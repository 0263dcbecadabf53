import Logging

/// Where events go. The JSON-lines file (``JSONLEventLog``) is the embedded default; a
/// network sink (NATS JetStream, in the `DepecheNATS` target) can take its place for
/// multi-host deployments.
public protocol EventSink: Sendable {
    /// Appends one event and returns its `seq`. The event is not necessarily durable yet.
    func append(_ event: DocumentEvent) throws -> Int
    /// Appends one event and returns its `seq` with the event as recorded. A sink shared by
    /// several hosts may record another event than the one asked for: a `document.ingested`
    /// whose content another host ingested first becomes a `document.duplicate` naming it.
    func record(_ event: DocumentEvent) throws -> (seq: Int, event: DocumentEvent)
    /// Returns once every event up to `seq` is durable (per the sink's fsync policy), or once
    /// the sink gave up on it at ``flush()`` or found it can never be (its file deleted: see
    /// ``EventLogDeleted``); then ``durableSeq`` stays under `seq`.
    func waitUntilDurable(_ seq: Int) async
    /// Makes every appended event durable now.
    func flush() throws
    /// The `seq` of the last appended event (0 for an empty log).
    var lastSeq: Int { get }
    /// The `seq` up to which every appended event is durable (never beyond ``decidedSeq``).
    var durableSeq: Int { get }
    /// What other hosts sharing this sink ingest, for the near-duplicate index; nil for a sink
    /// of one host (the local log).
    var foreignDocuments: (any ForeignDocumentFeed)? { get }
    /// The `seq` up to which every recorded event is decided: ``record(_:)`` returned it as it
    /// is recorded, or ``takeRevisions(through:)`` gives what was recorded instead. A sink that
    /// publishes several events before the first is answered decides them later.
    var decidedSeq: Int { get }
    /// Blocks until every event up to `seq` is decided: true; false once the sink gave up on
    /// them at shutdown (``beginShutdown()``): they will never be recorded.
    func waitUntilDecided(_ seq: Int) throws -> Bool
    /// The events up to `seq` that were recorded otherwise than ``record(_:)`` returned them
    /// (a cluster: another host ingested the content first), by `seq`; each is given once.
    func takeRevisions(through seq: Int) -> [Int: DocumentEvent]
    /// The daemon is stopping: from now on a sink that cannot deliver (its server does not
    /// answer) gives up on the events it holds instead of blocking ``record(_:)`` and the
    /// waits, so that the pipeline can stop; their files stay in the inbox.
    func beginShutdown()
}

extension EventSink {
    /// A sink that never changes an event records it as asked.
    public func record(_ event: DocumentEvent) throws -> (seq: Int, event: DocumentEvent) {
        (try append(event), event)
    }

    /// A sink of one host has no other hosts to follow.
    public var foreignDocuments: (any ForeignDocumentFeed)? { nil }

    /// A sink that records each event as asked decides it at once.
    public var decidedSeq: Int { lastSeq }

    /// A sink that records each event as asked decides it at once.
    public func waitUntilDecided(_ seq: Int) throws -> Bool { true }

    /// A sink that records each event as asked never revises one.
    public func takeRevisions(through seq: Int) -> [Int: DocumentEvent] { [:] }

    /// A sink that delivers at once has nothing to give up on.
    public func beginShutdown() {}
}

/// Builds the daemon's sink once the local event log is open and before the dedup state is
/// recovered from it (a network sink first brings the local log up to date with the events the
/// server holds from this host). The default is the local log itself.
public typealias EventSinkFactory = @Sendable (_ log: JSONLEventLog, _ logger: Logger) async throws -> any EventSink

/// An article another host of a cluster ingested, as its `document.ingested` event in the shared
/// stream describes it: what the near-duplicate index needs to name it.
public struct ForeignDocument: Sendable, Equatable {
    /// Its content id (`id`).
    public var id: String
    /// The host that ingested it (`host`).
    public var host: String
    /// Its SimHash (`simhash`).
    public var simhash: UInt64
    /// Its MinHash sketch (`minhash`).
    public var sketch: MinHashSketch
    /// Its event's position in the shared log (a NATS stream sequence, from 1): its key.
    public var position: UInt64

    /// A foreign document.
    public init(id: String, host: String, simhash: UInt64, sketch: MinHashSketch, position: UInt64) {
        self.id = id
        self.host = host
        self.simhash = simhash
        self.sketch = sketch
        self.position = position
    }

    /// The document an ingested event of another host than `localHost`, at `position` in the
    /// shared log, describes; nil for this host's own events, other events, and articles without
    /// fingerprints.
    public static func described(by event: LoggedEvent, at position: UInt64, localHost: String) -> ForeignDocument? {
        guard event.type == "document.ingested", let host = event.string("host"), host != localHost, let id = event.string("id"),
            let sketch = event.string("minhash").flatMap(MinHashSketch.init(hex:)),
            let simhash = event.string("simhash").flatMap(ArticleFingerprint.simhash(fromHex:))
        else { return nil }
        return ForeignDocument(id: id, host: host, simhash: simhash, sketch: sketch, position: position)
    }
}

/// Documents read from a shared log, in its order, and the log position they bring the reader
/// to (the last message read, whether or not it was a foreign document).
public struct ForeignDocumentBatch: Sendable {
    /// The foreign documents among the messages read.
    public var documents: [ForeignDocument]
    /// The shared log's position (a NATS stream sequence) after these messages.
    public var position: UInt64

    /// A batch.
    public init(documents: [ForeignDocument], position: UInt64) {
        self.documents = documents
        self.position = position
    }
}

/// Where the documents other hosts ingested come from: a sink shared by several hosts follows
/// their `document.ingested` events, so that this host's near-duplicate index knows them too
/// (``EventSink/foreignDocuments``). The core only sees this protocol, never the transport.
public protocol ForeignDocumentFeed: Sendable {
    /// Hands `receive` the documents other hosts ingested after `position`, in log order and in
    /// batches, waiting for new ones; each batch is handed over once the previous `receive`
    /// returned. Returns when its task is cancelled; throws when the log cannot be read (the
    /// caller starts again from the position it saved).
    func follow(after position: UInt64, _ receive: @escaping @Sendable (ForeignDocumentBatch) async throws -> Void) async throws
}
