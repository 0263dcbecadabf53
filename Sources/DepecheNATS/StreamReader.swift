import CNats
import DepecheCore

/// Reads a stream in stream order through a pull consumer on `<prefix>.>` (or a narrower
/// filter): either a durable
/// consumer (it resumes after the last message acknowledged; each message is acknowledged,
/// synchronously, once the caller has handled it) or an ephemeral one from a stream sequence.
public final class StreamReader {
    /// Where reading starts.
    public enum Start: Sendable {
        /// The durable consumer of that name (created at the stream's start when absent).
        case durable(String)
        /// An ephemeral consumer from this stream sequence.
        case sequence(UInt64)
    }

    /// One message as read.
    public struct Message: Sendable {
        /// Its stream sequence.
        public var streamSeq: UInt64
        /// Its body: one event's JSON object.
        public var data: [UInt8]
    }

    private let connection: JetStreamConnection
    private let stream: String
    private let subject: String
    private let start: Start
    /// The pull subscription; an ephemeral reader's is replaced when its consumer stalls.
    private(set) var subscription: OpaquePointer
    /// The stream's last sequence when reading began: without `follow`, reading stops there.
    private let lastSeqAtStart: UInt64
    /// The stream sequence of the last message delivered (for a durable consumer, including
    /// those of earlier runs).
    private var delivered: UInt64

    /// Subscribes to `subject` (by default `settings.subjectPrefix.>`) of `settings.stream`.
    public init(connection: JetStreamConnection, settings: SinkSettings.NATS, start: Start, subject: String? = nil) throws {
        self.connection = connection
        self.stream = settings.stream
        self.subject = subject ?? settings.subjectPrefix + ".>"
        self.start = start
        lastSeqAtStart = try connection.withStreamInfo(settings.stream) { info in
            guard let info else { throw StreamSetup.IncompatibleStream(stream: settings.stream, setting: "stream", problem: "does not exist") }
            return info.State.LastSeq
        }
        subscription = try Self.subscribe(connection, stream: settings.stream, subject: self.subject, start: start)
        switch start {
        case .durable(let name): delivered = try connection.lastDelivered(stream: settings.stream, consumer: name)
        case .sequence(let first): delivered = max(first, 1) - 1
        }
    }

    /// A pull subscription on a new or existing consumer, as `start` says.
    private static func subscribe(_ connection: JetStreamConnection, stream: String, subject: String, start: Start) throws -> OpaquePointer {
        var options = jsSubOptions()
        jsSubOptions_Init(&options)
        options.Config.AckPolicy = js_AckExplicit
        var durable: String?
        switch start {
        case .durable(let name):
            durable = name
        case .sequence(let first):
            // An ephemeral reader keeps its own position: one acknowledgement a batch is enough
            // (a pull consumer cannot go without).
            options.Config.AckPolicy = js_AckAll
            options.Config.DeliverPolicy = js_DeliverByStartSequence
            options.Config.OptStartSeq = max(first, 1)
        }
        return try stream.withCString { stream in
            options.Stream = stream
            return try connection.pullSubscribe(subject: subject, durable: durable, options: &options)
        }
    }

    private var isDurable: Bool {
        if case .durable = start { return true }
        return false
    }

    deinit {
        // An ephemeral consumer is removed; a durable one stays for the next run.
        if !isDurable { natsSubscription_Unsubscribe(subscription) }
        natsSubscription_Destroy(subscription)
    }

    /// The end of the stream was not reached in time: the consumer's server may be a replica
    /// still catching up after a restart, or the cluster may have lost its quorum.
    public struct EndNotReached: Error, CustomStringConvertible {
        var delivered: UInt64
        var end: UInt64
        /// Why the last attempt to replace a stalled ephemeral consumer failed, if it did.
        var replacement: (any Error)?
        public var description: String {
            let stalled = "NATS: reading the stream stalled at sequence \(delivered) of \(end)"
            return replacement.map { "\(stalled) (a new consumer could not be made: \($0))" } ?? stalled
        }
    }

    /// Hands each message to `body` in stream order until the stream's end as it was at the
    /// start (or, with `follow`, until `shouldStop` says so), and calls `endOfBatch` after each
    /// batch fetched. Returns the number handled. Without `follow`, throws ``EndNotReached``
    /// when the end is not reached within `patience` (a fetch that times out before the end is
    /// not taken for the end); an ephemeral reader first replaces its consumer, from the next
    /// sequence, after a quarter of `patience` without a message (a consumer lost with its
    /// node, or one that stalls on a replica after a leader change, nats-server 2.9's defect
    /// 4421), trying again at each fetch until a replacement is made.
    /// With `follow`, after `patience` without a message it asks the server about the consumer
    /// and throws if it is gone (its node was lost).
    @discardableResult
    public func read(
        follow: Bool, batch: Int32 = 256, patience: Duration = .seconds(60), shouldStop: () -> Bool = { false },
        endOfBatch: () throws -> Void = {}, _ body: (Message) throws -> Void
    ) throws -> Int {
        var handled = 0
        var lastReplacementError: (any Error)?
        var lastMessage = ContinuousClock.now
        var deadline = lastMessage + patience
        while !shouldStop() {
            if !follow && delivered >= lastSeqAtStart { return handled }
            var list = natsMsgList()
            var code = jsErrCode(rawValue: 0)
            let status = natsSubscription_Fetch(&list, subscription, batch, follow ? 1000 : connection.timeoutMilliseconds, &code)
            if status == NATS_TIMEOUT {
                let now = ContinuousClock.now
                if now >= deadline {
                    if !follow { throw EndNotReached(delivered: delivered, end: lastSeqAtStart, replacement: lastReplacementError) }
                    try checkConsumer()
                    deadline = now + patience
                } else if !follow && !isDurable && now - lastMessage >= patience / 4 {
                    // A replacement that fails (no leader elected yet) is tried again at the next
                    // fetch that times out.
                    do {
                        try replaceConsumer()
                        lastMessage = now
                    } catch {
                        lastReplacementError = error
                    }
                }
                continue
            }
            guard status == NATS_OK else { throw NATSError("natsSubscription_Fetch", status, code: code) }
            lastMessage = ContinuousClock.now
            deadline = lastMessage + patience
            defer { natsMsgList_Destroy(&list) }
            for index in 0..<Int(list.Count) {
                let message = list.Msgs[index]
                let seq = Self.streamSeq(of: message)
                try body(Message(streamSeq: seq, data: JetStreamConnection.data(of: message)))
                if isDurable {
                    try check("natsMsg_AckSync") { natsMsg_AckSync(message, nil, $0) }
                } else if index == Int(list.Count) - 1 {
                    try check("natsMsg_Ack") { _ in natsMsg_Ack(message, nil) }
                }
                handled += 1
                delivered = max(delivered, seq)
            }
            try endOfBatch()
        }
        return handled
    }

    /// An ephemeral reader's consumer given up for a new one from the next sequence.
    private func replaceConsumer() throws {
        let replacement = try Self.subscribe(connection, stream: stream, subject: subject, start: .sequence(delivered + 1))
        natsSubscription_Unsubscribe(subscription)
        natsSubscription_Destroy(subscription)
        subscription = replacement
    }

    /// Throws unless the server still knows the consumer.
    private func checkConsumer() throws {
        var info: UnsafeMutablePointer<jsConsumerInfo>?
        try check("natsSubscription_GetConsumerInfo") { natsSubscription_GetConsumerInfo(&info, subscription, nil, $0) }
        jsConsumerInfo_Destroy(info)
    }

    private static func streamSeq(of message: OpaquePointer?) -> UInt64 {
        var meta: UnsafeMutablePointer<jsMsgMetaData>?
        guard natsMsg_GetMetaData(&meta, message) == NATS_OK, let meta else { return 0 }
        defer { jsMsgMetaData_Destroy(meta) }
        return meta.pointee.Sequence.Stream
    }
}
