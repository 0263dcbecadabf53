import CoreMetrics
import Metrics
import Synchronization

/// The one place the daemon counts what it does.
///
/// Every update goes to two places at once: lock-free totals for the `STATUS=` line that
/// ``Watchdog`` sends to systemd (see ``snapshot()``), and swift-metrics handles for the
/// Prometheus export (``MetricName`` lists the names). Callers never touch swift-metrics
/// directly, so the two cannot drift apart.
///
/// Thread-safe: the watcher thread and the pipeline task update it concurrently.
public final class PipelineCounters: Sendable {
    /// Totals at one moment, for the status line and `depeche status`.
    public struct Snapshot: Sendable, Equatable {
        /// Documents appended to the event log.
        public var ingested: Int
        /// Documents dropped as duplicates.
        public var duplicates: Int
        /// Files rejected.
        public var rejected: Int
        /// Bytes read from the inbox.
        public var bytes: Int
        /// Files seen and not yet processed.
        public var queueDepth: Int
        /// Why the sink cannot take events now (intake waits), or nil.
        public var sinkProblem: String? = nil
        /// Events handed to the sink and not yet acknowledged.
        public var awaitingAcknowledgement = 0

        /// The `STATUS=` line: `1,204 ingested, 37 duplicates, 2 rejected, inbox empty`; while
        /// the sink makes intake wait, first `paused: <why>; 2 events awaiting acknowledgement; `.
        public var statusLine: String {
            let duplicateWord = duplicates == 1 ? "duplicate" : "duplicates"
            let inbox = queueDepth == 0 ? "inbox empty" : "\(queueDepth.withThousandsSeparators) queued"
            let eventWord = awaitingAcknowledgement == 1 ? "event" : "events"
            let paused = sinkProblem.map {
                "paused: \($0); \(awaitingAcknowledgement.withThousandsSeparators) \(eventWord) awaiting acknowledgement; "
            } ?? ""
            return paused + "\(ingested.withThousandsSeparators) ingested, "
                + "\(duplicates.withThousandsSeparators) \(duplicateWord), "
                + "\(rejected.withThousandsSeparators) rejected, \(inbox)"
        }
    }

    private let ingested = Atomic<Int>(0)
    private let duplicates = Atomic<Int>(0)
    private let rejected = Atomic<Int>(0)
    private let bytes = Atomic<Int>(0)
    private let queueDepth = Atomic<Int>(0)
    private let sinkProblem = Mutex<String?>(nil)
    private let awaitingAcknowledgement = Atomic<Int>(0)

    private let factory: any MetricsFactory
    private let ingestedCounter: Counter
    private let bytesCounter: Counter
    private let latencyTimer: Timer
    private let queueDepthMeter: Meter
    private let rescansCounter: Counter
    private let overflowsCounter: Counter
    private let logSegmentMeter: Meter
    private let sinkConnectedMeter: Meter
    private let publishTimer: Timer
    private let awaitingMeter: Meter

    /// Counters reporting to `factory`; the default is whatever `MetricsSystem` was
    /// bootstrapped with (``PrometheusMetrics/bootstrap()``). The unlabelled metrics are
    /// created at once, so the export shows them at zero from the start.
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        ingestedCounter = Counter(label: MetricName.documentsIngested, factory: factory)
        bytesCounter = Counter(label: MetricName.bytes, factory: factory)
        latencyTimer = Timer(label: MetricName.pipelineLatency, factory: factory)
        queueDepthMeter = Meter(label: MetricName.queueDepth, factory: factory)
        rescansCounter = Counter(label: MetricName.rescans, factory: factory)
        overflowsCounter = Counter(label: MetricName.inotifyOverflows, factory: factory)
        logSegmentMeter = Meter(label: MetricName.logSegmentBytes, factory: factory)
        sinkConnectedMeter = Meter(label: MetricName.sinkAvailable, factory: factory)
        sinkConnectedMeter.set(1)
        publishTimer = Timer(label: MetricName.sinkPublishLatency, factory: factory)
        awaitingMeter = Meter(label: MetricName.sinkAwaitingAcknowledgement, factory: factory)
        awaitingMeter.set(0)
    }

    /// The sink cannot take events (`problem` says why; intake waits), or can again (nil).
    public func sinkProblem(_ problem: String?) {
        sinkProblem.withLock { $0 = problem }
        sinkConnectedMeter.set(problem == nil ? 1 : 0)
    }

    /// A network sink's server acknowledged one event `latency` after it was sent.
    public func published(latency: Duration) {
        publishTimer.record(duration: latency)
    }

    /// `count` events were handed to the sink and are not yet acknowledged by it.
    public func awaitingAcknowledgement(_ count: Int) {
        awaitingAcknowledgement.store(count, ordering: .relaxed)
        awaitingMeter.set(count)
    }

    /// A document of `bytes` bytes was appended to the event log, `latency` after it was read.
    public func documentIngested(bytes: Int, latency: Duration) {
        ingested.add(1, ordering: .relaxed)
        ingestedCounter.increment()
        processed(bytes: bytes, latency: latency)
    }

    /// A document was dropped as a duplicate; `match` says how it was recognised (it becomes
    /// the `match` label: keep the set of values small and fixed, such as `exact` or `near`).
    public func duplicateFound(match: String, bytes: Int, latency: Duration) {
        duplicates.add(1, ordering: .relaxed)
        Counter(label: MetricName.documentsDuplicate, dimensions: [(MetricName.matchLabel, match)], factory: factory)
            .increment()
        processed(bytes: bytes, latency: latency)
    }

    /// A file was rejected; `reason` becomes the `reason` label (a small fixed set of values,
    /// never a file name).
    public func documentRejected(reason: String, bytes: Int, latency: Duration) {
        rejected.add(1, ordering: .relaxed)
        Counter(label: MetricName.documentsRejected, dimensions: [(MetricName.reasonLabel, reason)], factory: factory)
            .increment()
        processed(bytes: bytes, latency: latency)
    }

    /// `depth` files are waiting to settle or being processed.
    public func queueDepth(_ depth: Int) {
        queueDepth.store(depth, ordering: .relaxed)
        queueDepthMeter.set(depth)
    }

    /// The inbox was scanned in full.
    public func rescanned() {
        rescansCounter.increment()
    }

    /// inotify's queue overflowed (`IN_Q_OVERFLOW`).
    public func inotifyOverflowed() {
        overflowsCounter.increment()
    }

    /// The event log segment being written is now `bytes` long.
    public func logSegmentSize(bytes: Int) {
        logSegmentMeter.set(bytes)
    }

    /// The totals now. Each field is read on its own, so a snapshot taken while documents
    /// flow may be off by the one in flight; good enough for a status line.
    public func snapshot() -> Snapshot {
        Snapshot(
            ingested: ingested.load(ordering: .relaxed),
            duplicates: duplicates.load(ordering: .relaxed),
            rejected: rejected.load(ordering: .relaxed),
            bytes: bytes.load(ordering: .relaxed),
            queueDepth: queueDepth.load(ordering: .relaxed),
            sinkProblem: sinkProblem.withLock { $0 },
            awaitingAcknowledgement: awaitingAcknowledgement.load(ordering: .relaxed)
        )
    }

    private func processed(bytes count: Int, latency: Duration) {
        bytes.add(count, ordering: .relaxed)
        bytesCounter.increment(by: count)
        latencyTimer.record(duration: latency)
    }
}
