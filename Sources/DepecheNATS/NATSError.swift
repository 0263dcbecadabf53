import CNats

/// A failed call into the NATS client: which call, the client's status, the JetStream error
/// code when the server sent one, and the client's own text.
public struct NATSError: Error, CustomStringConvertible {
    /// The C function that failed.
    public var call: String
    /// The client's status code.
    public var status: natsStatus
    /// The server's JetStream error code (0 when there is none).
    public var jetStreamCode: Int
    /// What the client says about it.
    public var text: String

    /// The error of a call that returned `status` (and `code` from the server).
    /// The error of a call that returned `status` (and `code` from the server); `text`, when
    /// not given, is the client's last error on this thread.
    init(_ call: String, _ status: natsStatus, code: jsErrCode = jsErrCode(rawValue: 0), text: String? = nil) {
        self.call = call
        self.status = status
        self.jetStreamCode = Int(code.rawValue)
        var last = status
        let detail = text ?? nats_GetLastError(&last).map { String(cString: $0) } ?? ""
        self.text = detail.isEmpty ? String(cString: natsStatus_GetText(status)) : detail
    }

    /// Another publish already holds the subject ("wrong last sequence", 10071).
    var isSubjectTaken: Bool { jetStreamCode == Int(JSStreamWrongLastSequenceErr.rawValue) }
    /// No such stream (10059).
    var isStreamNotFound: Bool { jetStreamCode == Int(JSStreamNotFoundErr.rawValue) }
    /// No message on that subject (10037), or none at that sequence.
    var isNoMessage: Bool { jetStreamCode == Int(JSNoMessageFoundErr.rawValue) || status == NATS_NOT_FOUND }

    public var description: String {
        let code = jetStreamCode == 0 ? "" : " (JetStream error \(jetStreamCode))"
        return "NATS \(call): \(text)\(code)"
    }
}

/// Runs a client call; throws ``NATSError`` unless it returned `NATS_OK`.
func check(_ call: String, _ body: (UnsafeMutablePointer<jsErrCode>) -> natsStatus) throws {
    var code = jsErrCode(rawValue: 0)
    let status = body(&code)
    guard status == NATS_OK else { throw NATSError(call, status, code: code) }
}
