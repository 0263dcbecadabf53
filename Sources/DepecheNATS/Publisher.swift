import DepecheCore
import Dispatch
import Foundation
import Glibc
import Logging
import Synchronization

/// Publishes this host's events for ``JetStreamSink``, several in flight at once, on a thread of
/// its own (`depeche-publish`).
///
/// ``enqueue(_:)`` gives an event its `seq` and returns at once. The thread takes what is
/// queued as one batch (at most ``batchLimit`` events), writes it to the ``Outbox``, sends every
/// event without waiting, waits for the answers, and then decides the events in `seq` order
/// (``PublishDecision``): it appends each to the mirror and records a refused claim's
/// replacement. An event with no answer (a timeout, a connection lost) is published again with
/// the same message id until the server answers: intake waits meanwhile, as its window fills,
/// and ``JetStreamSink/Observer/problem`` says why.
final class Publisher: Sendable {
    /// The most events queued and in flight at once; ``enqueue(_:)`` blocks beyond it.
    static let windowLimit = 1024
    /// The most events sent in one batch.
    static let batchLimit = 512
    /// How long the thread lets events gather before it sends a batch. A clustered stream
    /// costs its servers about as much CPU for a batch of a few events as for one event
    /// (measured: 0.8 ms of server CPU an event published one at a time on an R3 stream,
    /// 0.17 ms in batches of hundreds), so on a busy host bigger batches leave more CPU to
    /// depeche. Only while busy (the last batch held more than one event): an event that comes
    /// alone is sent at once.
    static let linger = Duration.milliseconds(20)

    let connection: JetStreamConnection
    let acknowledgements: AcknowledgementInbox
    let settings: SinkSettings.NATS
    let mirror: JSONLEventLog
    let cursor: MirrorCursor
    let outbox: Outbox
    let logger: Logger
    let observer: JetStreamSink.Observer
    /// Whether the last attempt failed (intake is held).
    let failing = Atomic<Bool>(false)
    private let state: Mutex<State>
    /// Signalled when an event is queued into an empty queue, and at ``stop()``.
    private let work = DispatchSemaphore(value: 0)

    private struct State {
        /// The `seq` the next event gets.
        var nextSeq: Int
        /// The `seq` up to which every event is decided (its replacement, if any, recorded).
        var decided: Int
        /// Events waiting for the thread, in `seq` order.
        var queued: [OutgoingEvent] = []
        /// Refused claims' replacements not yet taken, by `seq`.
        var revisions: [Int: DocumentEvent] = [:]
        /// Threads blocked until an event is decided.
        var waiters: [(seq: Int, signal: DispatchSemaphore)] = []
        /// Tasks waiting until an event is decided (true), or given up on (false).
        var tasks: [(seq: Int, continuation: CheckedContinuation<Bool, Never>)] = []
        /// Given up at shutdown: what is not decided will not be.
        var abandoned = false
        /// Shutdown has begun: a failure to reach NATS abandons.
        var shuttingDown = false
        var stopped = false
    }

    init(
        connection: JetStreamConnection, acknowledgements: AcknowledgementInbox, settings: SinkSettings.NATS, mirror: JSONLEventLog,
        cursor: MirrorCursor, outbox: Outbox, logger: Logger, observer: JetStreamSink.Observer
    ) {
        self.connection = connection
        self.acknowledgements = acknowledgements
        self.settings = settings
        self.mirror = mirror
        self.cursor = cursor
        self.outbox = outbox
        self.logger = logger
        self.observer = observer
        state = Mutex(State(nextSeq: mirror.lastSeq + 1, decided: mirror.lastSeq))
    }

    /// The `seq` of the last event queued.
    var lastSeq: Int { state.withLock { $0.nextSeq - 1 } }
    /// The `seq` up to which every event is decided, acknowledged and in the mirror.
    var decidedSeq: Int { state.withLock { $0.decided } }

    /// Starts the thread (after ``MirrorCatchUp``, which publishes through this publisher
    /// before any event is queued).
    func start() {
        state.withLock { state in
            state.decided = mirror.lastSeq
            state.nextSeq = state.decided + 1
        }
        Thread { [self] in
            ThreadName.set("depeche-publish")
            run()
        }.start()
    }

    /// Lets the thread end once the queue is empty.
    func stop() {
        state.withLock { $0.stopped = true }
        work.signal()
    }

    /// Gives `event` the next `seq` and queues it; blocks while ``windowLimit`` events are
    /// queued or in flight, unless the publisher was abandoned (then the event stays queued:
    /// it is never sent, and its file stays in the inbox).
    func enqueue(_ event: DocumentEvent) -> Int {
        while true {
            let queued = state.withLock { state -> (seq: Int, first: Bool)? in
                guard state.abandoned || state.nextSeq - 1 - state.decided < Self.windowLimit else { return nil }
                let seq = state.nextSeq
                state.queued.append(OutgoingEvent(event, seq: seq, settings: settings))
                state.nextSeq += 1
                return (seq, state.queued.count == 1)
            }
            if let queued {
                if queued.first { work.signal() }
                return queued.seq
            }
            waitUntilDecided(decidedSeq + 1)
        }
    }

    /// Blocks until the event `seq` is decided: true; false once the publisher was abandoned
    /// (``abandon()``) before it was.
    @discardableResult
    func waitUntilDecided(_ seq: Int) -> Bool {
        let signal = DispatchSemaphore(value: 0)
        let answer = state.withLock { state -> Bool? in
            if state.decided >= seq { return true }
            if state.abandoned { return false }
            state.waiters.append((seq, signal))
            return nil
        }
        if let answer { return answer }
        signal.wait()
        return state.withLock { $0.decided >= seq }
    }

    /// Waits until the event `seq` is decided: true; false once the publisher was abandoned
    /// (``abandon()``) before it was.
    func decided(_ seq: Int) async -> Bool {
        await withCheckedContinuation { continuation in
            let answer = state.withLock { state -> Bool? in
                if state.decided >= seq { return true }
                if state.abandoned { return false }
                state.tasks.append((seq, continuation))
                return nil
            }
            if let answer { continuation.resume(returning: answer) }
        }
    }

    /// Gives up on the events not decided yet (shutdown while NATS does not answer): who waits
    /// for them is told so, and the thread sends no further batch; the batch in flight stays
    /// in the outbox, and the files of every event given up on stay in the inbox.
    func abandon() {
        let (threads, tasks) = state.withLock { state in
            state.abandoned = true
            defer {
                state.waiters.removeAll()
                state.tasks.removeAll()
            }
            return (state.waiters.map(\.signal), state.tasks.map(\.continuation))
        }
        threads.forEach { $0.signal() }
        tasks.forEach { $0.resume(returning: false) }
    }

    /// The daemon is stopping: abandons now if NATS does not answer, or as soon as it stops
    /// answering while the events in flight are being published.
    func beginShutdown() {
        state.withLock { $0.shuttingDown = true }
        if failing.load(ordering: .relaxed) { abandon() }
    }

    /// The replacements of refused claims up to `seq`, by `seq`; each is given once.
    func takeRevisions(through seq: Int) -> [Int: DocumentEvent] {
        state.withLock { state in
            let taken = state.revisions.filter { $0.key <= seq }
            for key in taken.keys { state.revisions.removeValue(forKey: key) }
            return taken
        }
    }

    /// Waits until every queued event is decided; returns false at once when the server does
    /// not answer or the publisher was abandoned (the events left are published at the next
    /// start: from the outbox, or from their files, still in the inbox).
    func drain() -> Bool {
        while decidedSeq < lastSeq {
            if failing.load(ordering: .relaxed) || state.withLock({ $0.abandoned }) { return false }
            usleep(1_000)
        }
        return true
    }

    // MARK: The thread

    private func run() {
        var busy = false
        while true {
            work.wait()
            if busy { Self.sleep(Self.linger) }
            let (batch, more, stopped) = state.withLock { state in
                if state.abandoned { return ([OutgoingEvent](), false, true) }
                let batch = Array(state.queued.prefix(Self.batchLimit))
                state.queued.removeFirst(batch.count)
                return (batch, !state.queued.isEmpty, state.stopped)
            }
            if batch.isEmpty {
                if stopped { return }
                continue
            }
            busy = batch.count > 1
            publish(batch)
            if more { work.signal() } else if stopped { return }
        }
    }

    /// Writes the batch to the outbox, sends it, and decides its events in order.
    private func publish(_ batch: [OutgoingEvent]) {
        retrying("write the NATS outbox") { try outbox.replace(with: batch.map(\.body)) }
        let started = ContinuousClock.now
        var sent = 0
        for outgoing in batch {
            do {
                try connection.publishAsync(subject: outgoing.subject, body: outgoing.body, msgID: outgoing.msgID, expectNoMessage: outgoing.claim != nil)
                sent += 1
            } catch {
                break  // the rest are published one at a time by `decide`
            }
        }
        if !connection.waitForAcknowledgements() || sent < batch.count {
            connection.abandonUnanswered()
        }
        let latency = ContinuousClock.now - started
        for outgoing in batch {
            let answer = acknowledgements.take(outgoing.msgID)
            if case .success = answer { observer.published(latency) }
            let decision = retrying("publish to NATS") { try PublishDecision.decide(outgoing, answer: answer, through: self) }
            record(decision, of: outgoing)
        }
    }

    /// Appends a decided event to the mirror, and wakes who waits for it.
    func record(_ decision: PublishDecision, of outgoing: OutgoingEvent) {
        retrying("append to the local log") { try mirror.append(line: decision.body + [UInt8(ascii: "\n")], seq: outgoing.seq) }
        cursor.advance(to: decision.streamSeq)
        let (threads, tasks) = state.withLock { state in
            if let replacement = decision.replacement { state.revisions[outgoing.seq] = replacement }
            state.decided = outgoing.seq
            let threads = state.waiters.filter { $0.seq <= outgoing.seq }.map(\.signal)
            state.waiters.removeAll { $0.seq <= outgoing.seq }
            let tasks = state.tasks.filter { $0.seq <= outgoing.seq }.map(\.continuation)
            state.tasks.removeAll { $0.seq <= outgoing.seq }
            return (threads, tasks)
        }
        threads.forEach { $0.signal() }
        tasks.forEach { $0.resume(returning: true) }
    }

    // MARK: Retrying

    /// Publishes one event and waits for the answer (``untilAnswered(_:_:)``), reporting its latency.
    func publishAndWait(_ outgoing: OutgoingEvent) throws -> JetStreamConnection.PublishResult {
        let started = ContinuousClock.now
        let result = try untilAnswered("js_Publish") {
            try connection.publish(subject: outgoing.subject, body: outgoing.body, msgID: outgoing.msgID, expectNoMessage: outgoing.claim != nil)
        }
        observer.published(.now - started)
        return result
    }

    /// Runs `call` until the server answers, pausing between attempts (250 ms doubling to 5 s)
    /// and telling the observer why. Gives up only when its task is cancelled (at start-up,
    /// where it runs in one).
    func untilAnswered<T>(_ what: String, _ call: () throws -> T) throws -> T {
        var pause = Duration.milliseconds(250)
        while true {
            do {
                let result = try call()
                recovered()
                return result
            } catch let error as NATSError {
                if Task.isCancelled { throw error }
                if !failing.exchange(true, ordering: .relaxed) {
                    logger.error("cannot reach NATS JetStream; files stay in the inbox until it answers", metadata: [
                        "nats.call": "\(what)", "error": "\(error)", "nats.connected": "\(connection.isConnected)",
                    ])
                }
                observer.problem("waiting for NATS (\(error.text))")
                abandonIfShuttingDown()
                Self.sleep(pause)
                pause = min(pause * 2, .seconds(5))
            }
        }
    }

    /// Runs `step` on the thread until it succeeds, pausing 1 s after each failure (a full
    /// disk, an answer that makes no sense) and saying why in the journal and the status.
    private func retrying<T>(_ what: String, _ step: () throws -> T) -> T {
        while true {
            do {
                let result = try step()
                recovered()
                return result
            } catch {
                if !failing.exchange(true, ordering: .relaxed) {
                    logger.error("cannot \(what); files stay in the inbox until it works", metadata: ["error": "\(error)"])
                }
                observer.problem("cannot \(what) (\(error))")
                abandonIfShuttingDown()
                Self.sleep(.seconds(1))
            }
        }
    }

    /// A failure during shutdown: nobody should wait for the server any longer.
    private func abandonIfShuttingDown() {
        if state.withLock({ $0.shuttingDown && !$0.abandoned }) { abandon() }
    }

    private func recovered() {
        if failing.exchange(false, ordering: .relaxed) {
            logger.notice("NATS answers again; taking files")
            observer.problem(nil)
        }
    }

    private static func sleep(_ pause: Duration) {
        usleep(UInt32(pause.components.seconds * 1_000_000 + pause.components.attoseconds / 1_000_000_000_000))
    }
}
