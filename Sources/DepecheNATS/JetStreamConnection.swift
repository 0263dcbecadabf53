import CNats
import DepecheCore
import Glibc

/// One connection to a NATS cluster and its JetStream context: the only type that holds the C
/// client's connection. It reconnects by itself (every server of the list in turn, without end);
/// a call made while it is away fails or times out, and the caller decides when to try again.
///
/// `@unchecked Sendable`: it holds two C pointers set once in `init` and freed in `deinit`; the
/// NATS C client documents `natsConnection` and `jsCtx` as safe to use from several threads at
/// once, and nothing here mutates Swift state after `init`.
public final class JetStreamConnection: @unchecked Sendable {
    /// What a publish came to.
    public enum PublishResult: Sendable, Equatable {
        /// Stored at this stream sequence; `duplicate`: the server already held this message id
        /// (within its duplicate window) and stored nothing new.
        case stored(streamSeq: UInt64, duplicate: Bool)
        /// Refused: the subject already holds a message ("expected no message" failed).
        case subjectTaken
    }

    /// A message read back from the stream.
    public struct StoredMessage: Sendable {
        /// Its stream sequence.
        public var streamSeq: UInt64
        /// Its body.
        public var data: [UInt8]
    }

    private let connection: OpaquePointer
    private let jetStream: OpaquePointer
    /// Where the answers to ``publishAsync(subject:body:msgID:expectNoMessage:)`` go.
    private let acknowledgements: AcknowledgementInbox?
    /// How long a publish or an API request waits for the server, in milliseconds.
    let timeoutMilliseconds: Int64

    /// Connects to `settings.servers` (with `settings.credentials` when given). When no server
    /// answers yet the connection keeps trying in the background and calls fail until it is up.
    /// The answers to asynchronous publishes go to `acknowledgements`.
    public init(
        settings: SinkSettings.NATS, name: String, timeoutMilliseconds: Int64 = 3000, acknowledgements: AcknowledgementInbox? = nil
    ) throws {
        self.acknowledgements = acknowledgements
        self.timeoutMilliseconds = timeoutMilliseconds
        var options: OpaquePointer?
        try check("natsOptions_Create") { _ in natsOptions_Create(&options) }
        defer { natsOptions_Destroy(options) }
        let urls = settings.servers.map { strdup($0) }
        defer { urls.forEach { free($0) } }
        var pointers = urls.map { UnsafePointer($0) }
        try check("natsOptions_SetServers") { _ in natsOptions_SetServers(options, &pointers, Int32(pointers.count)) }
        try check("natsOptions_SetName") { _ in natsOptions_SetName(options, name) }
        try check("natsOptions_SetMaxReconnect") { _ in natsOptions_SetMaxReconnect(options, -1) }
        try check("natsOptions_SetReconnectWait") { _ in natsOptions_SetReconnectWait(options, 250) }
        try check("natsOptions_SetRetryOnFailedConnect") { _ in natsOptions_SetRetryOnFailedConnect(options, true, nil, nil) }
        if let credentials = settings.credentials {
            try check("natsOptions_SetUserCredentialsFromFiles") { _ in
                natsOptions_SetUserCredentialsFromFiles(options, credentials, nil)
            }
        }
        var connection: OpaquePointer?
        let status = natsConnection_Connect(&connection, options)
        guard status == NATS_OK || status == NATS_NOT_YET_CONNECTED, let connection else {
            throw NATSError("natsConnection_Connect", status)
        }
        var contextOptions = jsOptions()
        jsOptions_Init(&contextOptions)
        contextOptions.Wait = timeoutMilliseconds
        if let acknowledgements {
            contextOptions.PublishAsync.MaxPending = Int64(AcknowledgementInbox.capacity)
            contextOptions.PublishAsync.AckHandler = acknowledgementHandler
            contextOptions.PublishAsync.AckHandlerClosure = Unmanaged.passUnretained(acknowledgements).toOpaque()
        }
        var jetStream: OpaquePointer?
        do {
            try check("natsConnection_JetStream") { _ in natsConnection_JetStream(&jetStream, connection, &contextOptions) }
        } catch {
            natsConnection_Destroy(connection)
            throw error
        }
        self.connection = connection
        self.jetStream = jetStream!
    }

    deinit {
        jsCtx_Destroy(jetStream)
        natsConnection_Close(connection)
        natsConnection_Destroy(connection)
    }

    /// Whether the connection is up at this moment.
    public var isConnected: Bool { natsConnection_Status(connection) == NATS_CONN_STATUS_CONNECTED }

    /// Publishes `body` to `subject` with the header `Nats-Msg-Id: msgID` and waits for the
    /// stream's acknowledgement. With `expectNoMessage` the server stores it only if the subject
    /// holds no message yet (expected last subject sequence 0).
    public func publish(subject: String, body: [UInt8], msgID: String, expectNoMessage: Bool) throws -> PublishResult {
        var options = jsPubOptions()
        jsPubOptions_Init(&options)
        options.MaxWait = timeoutMilliseconds
        options.ExpectNoMessage = expectNoMessage
        var ack: UnsafeMutablePointer<jsPubAck>?
        var code = jsErrCode(rawValue: 0)
        let status = msgID.withCString { id in
            options.MsgId = id
            return body.withUnsafeBytes { bytes in
                js_Publish(&ack, jetStream, subject, bytes.baseAddress, Int32(bytes.count), &options, &code)
            }
        }
        defer { jsPubAck_Destroy(ack) }
        guard status == NATS_OK, let ack else {
            let error = NATSError("js_Publish", status, code: code)
            if error.isSubjectTaken { return .subjectTaken }
            throw error
        }
        return .stored(streamSeq: ack.pointee.Sequence, duplicate: ack.pointee.Duplicate)
    }

    /// Sends what ``publish(subject:body:msgID:expectNoMessage:)`` sends, without waiting: the
    /// answer reaches the connection's ``AcknowledgementInbox`` under `msgID`.
    public func publishAsync(subject: String, body: [UInt8], msgID: String, expectNoMessage: Bool) throws {
        var options = jsPubOptions()
        jsPubOptions_Init(&options)
        options.ExpectNoMessage = expectNoMessage
        var message: OpaquePointer?
        try check("natsMsg_Create") { _ in
            body.withUnsafeBytes { natsMsg_Create(&message, subject, nil, $0.baseAddress, Int32($0.count)) }
        }
        defer { natsMsg_Destroy(message) }
        try msgID.withCString { id in
            options.MsgId = id
            try check("js_PublishMsgAsync") { _ in js_PublishMsgAsync(jetStream, &message, &options) }
        }
    }

    /// Waits until every message sent by ``publishAsync(subject:body:msgID:expectNoMessage:)``
    /// is answered; false when some are not after the connection's timeout.
    public func waitForAcknowledgements() -> Bool {
        var options = jsPubOptions()
        jsPubOptions_Init(&options)
        options.MaxWait = timeoutMilliseconds
        return js_PublishAsyncComplete(jetStream, &options) == NATS_OK
    }

    /// Gives up waiting for the messages not answered yet: no answer about them will arrive
    /// (the caller publishes them again, with the same message id, to learn their fate).
    public func abandonUnanswered() {
        var pending = natsMsgList()
        if js_PublishAsyncGetPendingList(&pending, jetStream) == NATS_OK { natsMsgList_Destroy(&pending) }
    }

    /// The last message stored on `subject` in `stream`, or nil when there is none.
    public func lastMessage(stream: String, subject: String) throws -> StoredMessage? {
        var message: OpaquePointer?
        do {
            try check("js_GetLastMsg") { js_GetLastMsg(&message, jetStream, stream, subject, nil, $0) }
        } catch let error as NATSError where error.isNoMessage {
            return nil
        }
        defer { natsMsg_Destroy(message) }
        return StoredMessage(streamSeq: natsMsg_GetSequence(message), data: Self.data(of: message))
    }

    /// The stream's configuration and state, or nil when there is no such stream.
    func withStreamInfo<T>(_ stream: String, _ body: (jsStreamInfo?) throws -> T) throws -> T {
        var info: UnsafeMutablePointer<jsStreamInfo>?
        do {
            try check("js_GetStreamInfo") { js_GetStreamInfo(&info, jetStream, stream, nil, $0) }
        } catch let error as NATSError where error.isStreamNotFound {
            return try body(nil)
        }
        defer { jsStreamInfo_Destroy(info) }
        return try body(info?.pointee)
    }

    /// Creates a stream.
    func addStream(_ config: inout jsStreamConfig) throws {
        var info: UnsafeMutablePointer<jsStreamInfo>?
        try check("js_AddStream") { js_AddStream(&info, jetStream, &config, nil, $0) }
        jsStreamInfo_Destroy(info)
    }

    /// The stream sequence of the last message a consumer delivered.
    func lastDelivered(stream: String, consumer: String) throws -> UInt64 {
        var info: UnsafeMutablePointer<jsConsumerInfo>?
        try check("js_GetConsumerInfo") { js_GetConsumerInfo(&info, jetStream, stream, consumer, nil, $0) }
        defer { jsConsumerInfo_Destroy(info) }
        return info?.pointee.Delivered.Stream ?? 0
    }

    /// Creates a pull subscription (see ``StreamReader``).
    func pullSubscribe(subject: String, durable: String?, options: inout jsSubOptions) throws -> OpaquePointer {
        var subscription: OpaquePointer?
        try check("js_PullSubscribe") { js_PullSubscribe(&subscription, jetStream, subject, durable, nil, &options, $0) }
        return subscription!
    }

    /// A message's body.
    static func data(of message: OpaquePointer?) -> [UInt8] {
        let count = Int(natsMsg_GetDataLength(message))
        guard count > 0, let data = natsMsg_GetData(message) else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: count) { Array(UnsafeBufferPointer(start: $0, count: count)) }
    }
}

/// Receives the C client's answer to an asynchronous publish (on one of its threads) and
/// hands it to the connection's ``AcknowledgementInbox`` under the message's `Nats-Msg-Id`.
private let acknowledgementHandler: jsPubAckHandler = { _, message, ack, failure, closure in
    defer { natsMsg_Destroy(message) }
    guard let closure else { return }
    var id: UnsafePointer<CChar>?
    guard natsMsgHeader_Get(message, "Nats-Msg-Id", &id) == NATS_OK, let id else { return }
    let answer: Result<JetStreamConnection.PublishResult, NATSError>
    if let ack {
        answer = .success(.stored(streamSeq: ack.pointee.Sequence, duplicate: ack.pointee.Duplicate))
    } else if let failure {
        let error = NATSError(
            "js_PublishMsgAsync", failure.pointee.Err, code: failure.pointee.ErrCode, text: failure.pointee.ErrText.map { String(cString: $0) })
        answer = error.isSubjectTaken ? .success(.subjectTaken) : .failure(error)
    } else {
        return
    }
    Unmanaged<AcknowledgementInbox>.fromOpaque(closure).takeUnretainedValue().receive(String(cString: id), answer)
}
