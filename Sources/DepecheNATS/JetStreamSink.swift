import DepecheCore
import Logging

/// The cluster sink (`sink.kind: nats`): implements ``EventSink`` by publishing each event as
/// one JetStream message, and keeps a copy of this host's events in the local event log (the
/// "mirror", from which start-up recovers the dedup state as in the file mode).
///
/// - Subjects: `<prefix>.doc.<text_sha256>` for `document.ingested`, `<prefix>.host.<host_id>`
///   for the other events (``OutgoingEvent``). The body is the event's JSON object (format
///   `v` 1) with `"host"`.
/// - Each content once across the cluster: an ingested event claims its content's subject, so
///   deciding "first" and storing its event are one publish; when the server refuses it, this
///   host records a `document.duplicate` naming the event stored there instead
///   (``PublishDecision``), and ``takeRevisions(through:)`` tells the committer.
/// - Several events in flight: ``record(_:)`` gives the event its `seq` and returns; the
///   ``Publisher`` sends batches and decides them in `seq` order. An event is durable (its file
///   may leave the inbox) once the server acknowledged it and the mirror holds it.
/// - Nothing lost, nothing repeated: a publish whose outcome is unknown is retried with the same
///   `Nats-Msg-Id` until the server answers. After a crash,
///   ``start(settings:log:statePath:logger:observer:)`` copies into the mirror the events of this
///   host that the stream holds and the mirror lacks, and publishes again those of the
///   ``Outbox`` that the stream lacks (``MirrorCatchUp``).
public final class JetStreamSink: EventSink {
    /// What the service layer follows: publish problems (nil once publishing works again) and
    /// each publish's latency.
    public struct Observer: Sendable {
        /// Called with why events cannot be published, and with nil when they can again.
        public var problem: @Sendable (String?) -> Void
        /// Called after each acknowledged publish with its round-trip time.
        public var published: @Sendable (Duration) -> Void

        /// An observer.
        public init(problem: @escaping @Sendable (String?) -> Void = { _ in }, published: @escaping @Sendable (Duration) -> Void = { _ in }) {
            self.problem = problem
            self.published = published
        }
    }

    let publisher: Publisher

    init(publisher: Publisher) {
        self.publisher = publisher
    }

    deinit { publisher.stop() }

    public var lastSeq: Int { publisher.lastSeq }

    /// Every event up to it was acknowledged by the server and is in the mirror (a local copy
    /// the host lost in a crash is refilled from the stream at start): the state store may
    /// commit up to it.
    public var durableSeq: Int { publisher.decidedSeq }

    public var decidedSeq: Int { publisher.decidedSeq }

    public func append(_ event: DocumentEvent) throws -> Int { publisher.enqueue(event) }

    /// Queues `event` for publishing: the event returned is the one asked for, and
    /// ``takeRevisions(through:)`` later tells if a claim was refused.
    public func record(_ event: DocumentEvent) throws -> (seq: Int, event: DocumentEvent) { (publisher.enqueue(event), event) }

    public func waitUntilDecided(_ seq: Int) throws -> Bool { publisher.waitUntilDecided(seq) }

    public func takeRevisions(through seq: Int) -> [Int: DocumentEvent] { publisher.takeRevisions(through: seq) }

    /// From now on, once NATS does not answer, the events not yet acknowledged are given up on
    /// (``Publisher/beginShutdown()``).
    public func beginShutdown() { publisher.beginShutdown() }

    /// The other hosts' `document.ingested` events, read from the stream (``ForeignDocumentFollower``).
    public var foreignDocuments: (any ForeignDocumentFeed)? {
        ForeignDocumentFollower(connection: publisher.connection, settings: publisher.settings)
    }

    /// Returns once the event `seq` is acknowledged and its mirror line durable (per the fsync
    /// policy), or once ``flush()`` gave up on it.
    public func waitUntilDurable(_ seq: Int) async {
        if await publisher.decided(seq) { await publisher.mirror.waitUntilDurable(seq) }
    }

    /// Waits for the events in flight (unless NATS does not answer: they stay in the outbox and
    /// their files in the inbox), then flushes the mirror and saves how far the stream has been
    /// copied into it.
    public func flush() throws {
        if publisher.drain() {
            try publisher.outbox.replace(with: [])
        } else {
            publisher.abandon()
            publisher.logger.warning("NATS did not acknowledge every event; they are published at the next start", metadata: [
                "log.seq": "\(publisher.decidedSeq)", "events.unacknowledged": "\(publisher.lastSeq - publisher.decidedSeq)",
            ])
        }
        try publisher.mirror.flush()
        try publisher.cursor.save()
    }
}
