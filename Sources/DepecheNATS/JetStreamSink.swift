import DepecheCore
import Glibc
import Logging
import Synchronization

/// The cluster sink (`sink.kind: nats`): implements ``EventSink`` by publishing each event as
/// one JetStream message, and keeps a copy of this host's events in the local event log (the
/// "mirror", from which start-up recovers the dedup state as in the file mode).
///
/// - Subjects: `<prefix>.doc.<text_sha256>` for `document.ingested`, `<prefix>.host.<host_id>`
///   for the other events. The body is the event's JSON object (format `v` 1) with `"host"`.
/// - Each content once across the cluster: an ingested event is published to its content's
///   subject with "expected last subject sequence 0" and `Nats-Msg-Id: doc:<text_sha256>`, so
///   deciding "first" and storing its event are one publish; when the server refuses it (or
///   acknowledges it as a duplicate), the event stored there is read back and this host records
///   a `document.duplicate` naming it instead (see ``PublishDecision``).
/// - Nothing lost, nothing repeated: other events carry `Nats-Msg-Id: <host_id>:<seq>`; a
///   publish whose outcome is unknown (timeout, connection lost, no quorum) is retried, the same
///   message with the same id, until the server answers, and only then does ``record(_:)``
///   return, so a file leaves the inbox only after its event was acknowledged. While it retries,
///   intake waits (the files stay in the inbox) and ``Observer/problem`` says why.
/// - After a crash, ``start(settings:log:cursorPath:logger:observer:)`` copies into the mirror
///   the events of this host that the stream holds and the mirror lacks (``MirrorCatchUp``).
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

    let connection: JetStreamConnection
    let settings: SinkSettings.NATS
    private let mirror: JSONLEventLog
    private let cursor: MirrorCursor
    let logger: Logger
    let observer: Observer
    /// One event is published at a time, so this host's events are in `seq` order in the stream.
    private let publishing = Mutex<Void>(())
    /// Whether the last publish attempt failed (intake is held).
    let failing = Atomic<Bool>(false)

    init(connection: JetStreamConnection, settings: SinkSettings.NATS, mirror: JSONLEventLog, cursor: MirrorCursor, logger: Logger, observer: Observer) {
        self.connection = connection
        self.settings = settings
        self.mirror = mirror
        self.cursor = cursor
        self.logger = logger
        self.observer = observer
    }

    public var lastSeq: Int { mirror.lastSeq }

    /// Every recorded event was acknowledged by the server before ``record(_:)`` returned (and
    /// a local copy the host lost in a crash is refilled from the stream at start): all of them
    /// are durable, so the state store may commit up to the last one.
    public var durableSeq: Int { mirror.lastSeq }

    public func append(_ event: DocumentEvent) throws -> Int { try record(event).seq }

    public func record(_ event: DocumentEvent) throws -> (seq: Int, event: DocumentEvent) {
        try publishing.withLock { _ in
            let seq = mirror.lastSeq + 1
            let decision = try PublishDecision.publish(event, seq: seq, through: self)
            var line = decision.body
            line.append(UInt8(ascii: "\n"))
            try mirror.append(line: line, seq: seq)
            cursor.advance(to: decision.streamSeq)
            return (seq, decision.event)
        }
    }

    /// The other hosts' `document.ingested` events, read from the stream (``ForeignDocumentFollower``).
    public var foreignDocuments: (any ForeignDocumentFeed)? {
        ForeignDocumentFollower(connection: connection, settings: settings)
    }

    /// Every event ``record(_:)`` returned was acknowledged by the server: durable already.
    public func waitUntilDurable(_ seq: Int) async {}

    /// Flushes the mirror and saves how far the stream has been copied into it.
    public func flush() throws {
        try mirror.flush()
        try cursor.save()
    }

    /// Publishes one message (``untilAnswered(_:_:)``) and reports its latency.
    func publish(subject: String, body: [UInt8], msgID: String, expectNoMessage: Bool) throws -> JetStreamConnection.PublishResult {
        let started = ContinuousClock.now
        let result = try untilAnswered("js_Publish") {
            try connection.publish(subject: subject, body: body, msgID: msgID, expectNoMessage: expectNoMessage)
        }
        observer.published(.now - started)
        return result
    }

    /// Runs `call` until the server answers, pausing between attempts (250 ms doubling to 5 s)
    /// and telling the observer why. Blocks its thread meanwhile: the daemon calls the sink from
    /// one actor, whose other callers then wait, which is how intake pauses. Gives up only when
    /// its task is cancelled (the daemon's shutdown grace period ran out).
    func untilAnswered<T>(_ what: String, _ call: () throws -> T) throws -> T {
        var pause = Duration.milliseconds(250)
        while true {
            do {
                let result = try call()
                if failing.exchange(false, ordering: .relaxed) {
                    logger.notice("NATS answers again; taking files")
                    observer.problem(nil)
                }
                return result
            } catch let error as NATSError {
                if Task.isCancelled { throw error }
                if !failing.exchange(true, ordering: .relaxed) {
                    logger.error("cannot reach NATS JetStream; files stay in the inbox until it answers", metadata: [
                        "nats.call": "\(what)", "error": "\(error)", "nats.connected": "\(connection.isConnected)",
                    ])
                }
                observer.problem("waiting for NATS (\(error.text))")
                usleep(UInt32(pause.components.seconds * 1_000_000 + pause.components.attoseconds / 1_000_000_000_000))
                pause = min(pause * 2, .seconds(5))
            }
        }
    }
}
