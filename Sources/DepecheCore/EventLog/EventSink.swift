/// Where events go. The JSON-lines file (``JSONLEventLog``) is the embedded default; a
/// network sink (NATS JetStream) can take its place for multi-host deployments.
public protocol EventSink: Sendable {
    /// Appends one event and returns its `seq`. The event is not necessarily durable yet.
    func append(_ event: DocumentEvent) throws -> Int
    /// Returns once every event up to `seq` is durable (per the sink's fsync policy).
    func waitUntilDurable(_ seq: Int) async
    /// Makes every appended event durable now.
    func flush() throws
    /// The `seq` of the last appended event (0 for an empty log).
    var lastSeq: Int { get }
    /// The `seq` up to which every appended event is durable.
    var durableSeq: Int { get }
}
