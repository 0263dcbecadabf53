/// The metrics depeche exports, by their Prometheus names (README.md, "Run as a service", lists them too).
/// ``PipelineCounters`` is the one place that updates them.
public enum MetricName {
    /// Counter: documents appended to the event log.
    public static let documentsIngested = "depeche_documents_ingested_total"
    /// Counter, label `match` (how the duplicate was recognised): documents dropped as
    /// duplicates of one already in the log.
    public static let documentsDuplicate = "depeche_documents_duplicate_total"
    /// Counter, label `reason`: files rejected (unreadable, empty, not a page, …).
    public static let documentsRejected = "depeche_documents_rejected_total"
    /// Counter: bytes read from the inbox, whatever became of the file.
    public static let bytes = "depeche_bytes_total"
    /// Histogram, seconds: from reading a file to its outcome (event appended, duplicate, reject).
    public static let pipelineLatency = "depeche_pipeline_latency_seconds"
    /// Gauge: files seen in the inbox and not yet processed.
    public static let queueDepth = "depeche_queue_depth"
    /// Counter: full rescans of the inbox after start-up (the periodic backstop, and after an
    /// inotify overflow).
    public static let rescans = "depeche_rescans_total"
    /// Counter: inotify queue overflows (`IN_Q_OVERFLOW`), each followed by a rescan.
    public static let inotifyOverflows = "depeche_inotify_overflows_total"
    /// Gauge: size in bytes of the event log segment being written.
    public static let logSegmentBytes = "depeche_log_segment_bytes"
    /// Gauge: 1 while the sink takes events, 0 while intake waits for it (NATS unreachable or
    /// without quorum).
    public static let sinkAvailable = "depeche_sink_available"
    /// Gauge: events handed to the sink and not yet acknowledged by it: those waiting for their
    /// turn or being published (retried while NATS does not answer), plus, in the file mode,
    /// those appended but not yet fsynced.
    public static let sinkAwaitingAcknowledgement = "depeche_sink_events_awaiting_ack"
    /// Histogram, seconds: from publishing an event to NATS JetStream to its acknowledgement.
    public static let sinkPublishLatency = "depeche_sink_publish_latency_seconds"

    /// The label of ``documentsDuplicate``.
    public static let matchLabel = "match"
    /// The label of ``documentsRejected``.
    public static let reasonLabel = "reason"
}
