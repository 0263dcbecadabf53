import Synchronization

/// The server's answers to asynchronous publishes, by `Nats-Msg-Id`, from the C client's
/// thread to the publisher's: filled by ``JetStreamConnection``, emptied by ``Publisher``.
public final class AcknowledgementInbox: Sendable {
    /// The most messages in flight at once (the C client's limit for asynchronous publishes).
    static let capacity = 1024

    private let answers = Mutex<[String: Result<JetStreamConnection.PublishResult, NATSError>]>([:])

    /// An empty inbox.
    public init() {}

    /// The server answered the message `msgID`.
    func receive(_ msgID: String, _ answer: Result<JetStreamConnection.PublishResult, NATSError>) {
        answers.withLock { $0[msgID] = answer }
    }

    /// The answer about `msgID`, once; nil when none arrived.
    func take(_ msgID: String) -> Result<JetStreamConnection.PublishResult, NATSError>? {
        answers.withLock { $0.removeValue(forKey: msgID) }
    }
}
