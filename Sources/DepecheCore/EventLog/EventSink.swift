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
    /// Returns once every event up to `seq` is durable (per the sink's fsync policy).
    func waitUntilDurable(_ seq: Int) async
    /// Makes every appended event durable now.
    func flush() throws
    /// The `seq` of the last appended event (0 for an empty log).
    var lastSeq: Int { get }
    /// The `seq` up to which every appended event is durable.
    var durableSeq: Int { get }
}

extension EventSink {
    /// A sink that never changes an event records it as asked.
    public func record(_ event: DocumentEvent) throws -> (seq: Int, event: DocumentEvent) {
        (try append(event), event)
    }
}

/// Builds the daemon's sink once the local event log is open and before the dedup state is
/// recovered from it (a network sink first brings the local log up to date with the events the
/// server holds from this host). The default is the local log itself.
public typealias EventSinkFactory = @Sendable (_ log: JSONLEventLog, _ logger: Logger) async throws -> any EventSink
