import DepecheCore

/// One event made into one stored message, and what the server decided about it.
///
/// A `document.ingested` goes to its content's subject `<prefix>.doc.<text_sha256>` with
/// "expected last subject sequence 0" (the server stores it only if no event holds that subject
/// yet) and `Nats-Msg-Id: doc:<text_sha256>` (a second guard, checked by the server on its own:
/// within the duplicate window it acknowledges a second copy as a duplicate and stores nothing).
/// The same bytes have the same normalised article, so one subject covers both kinds of
/// duplicate. If either guard fires, the event already there is read back: when it is this very
/// event (an earlier attempt stored it but its answer was lost) that is the outcome; otherwise
/// this host publishes a `document.duplicate` naming it (`of`, `of_seq`, `of_host`) instead.
/// Every other event goes to `<prefix>.host.<host_id>` with `Nats-Msg-Id: <host_id>:<seq>`.
struct PublishDecision {
    /// The event as stored.
    var event: DocumentEvent
    /// Its body as stored.
    var body: [UInt8]
    /// Its stream sequence.
    var streamSeq: UInt64

    /// The server's answer contradicts what was published: a content subject refused but empty
    /// or holding something that is not an event, or a refusal where none was asked for.
    struct UnexpectedAnswer: Error, CustomStringConvertible {
        var subject: String
        var description: String { "NATS: unexpected answer on \(subject): refused, yet no event with id, seq and host is stored there" }
    }

    /// Publishes `event` as this host's event `seq`, deciding "first" for an ingested one.
    static func publish(_ event: DocumentEvent, seq: Int, through sink: JetStreamSink) throws -> PublishDecision {
        let settings = sink.settings
        guard case .ingested(let document) = event else { return try publishOwn(event, seq: seq, through: sink) }
        let textHash = document.document.fingerprint.textSHA256
        let subject = "\(settings.subjectPrefix).doc.\(textHash)"
        let body = Array(event.line(seq: seq, host: settings.hostID).dropLast())
        let result = try sink.publish(subject: subject, body: body, msgID: "doc:\(textHash)", expectNoMessage: true)
        if case .stored(let streamSeq, duplicate: false) = result {
            return PublishDecision(event: event, body: body, streamSeq: streamSeq)
        }
        let stored = try sink.untilAnswered("js_GetLastMsg") {
            try sink.connection.lastMessage(stream: settings.stream, subject: subject)
        }
        guard let stored,
            let first = try? EventLogReader.parse(stored.data, path: subject, lineNumber: Int(stored.streamSeq)),
            let firstID = first.string("id"), let firstSeq = first.seq, let firstHost = first.string("host")
        else { throw UnexpectedAnswer(subject: subject) }
        if firstHost == settings.hostID && firstSeq == seq {
            return PublishDecision(event: event, body: stored.data, streamSeq: stored.streamSeq)
        }
        let duplicate = DocumentEvent.duplicate(DuplicateDocument(
            id: document.id, receipt: document.receipt, match: firstID == document.id ? .exact : .content,
            of: firstID, ofSeq: firstSeq, ofHost: firstHost))
        return try publishOwn(duplicate, seq: seq, through: sink)
    }

    /// Publishes a duplicate or rejected event on this host's subject.
    private static func publishOwn(_ event: DocumentEvent, seq: Int, through sink: JetStreamSink) throws -> PublishDecision {
        let host = sink.settings.hostID
        let subject = "\(sink.settings.subjectPrefix).host.\(host)"
        let body = Array(event.line(seq: seq, host: host).dropLast())
        let result = try sink.publish(subject: subject, body: body, msgID: "\(host):\(seq)", expectNoMessage: false)
        guard case .stored(let streamSeq, _) = result else { throw UnexpectedAnswer(subject: subject) }
        return PublishDecision(event: event, body: body, streamSeq: streamSeq)
    }
}
