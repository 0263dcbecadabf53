import DepecheCore

/// What the server decided about one of this host's events (``OutgoingEvent``), and the line
/// it comes to.
///
/// A claim (`document.ingested`) is stored only if no event holds its content's subject yet,
/// and its `Nats-Msg-Id: doc:<text_sha256>` is a second guard the server checks on its own
/// (within the duplicate window it acknowledges a second copy as a duplicate and stores
/// nothing). The same bytes have the same normalised article, so one subject covers both kinds
/// of duplicate. If either guard fires, the event already there is read back: when it is this
/// very event (an earlier attempt stored it but its answer was lost) that is the outcome;
/// otherwise this host publishes a `document.duplicate` naming it (`of`, `of_seq`, `of_host`)
/// with the same `seq` instead.
struct PublishDecision {
    /// The line as stored, without its newline.
    var body: [UInt8]
    /// Its stream sequence.
    var streamSeq: UInt64
    /// The duplicate recorded instead of a refused claim.
    var replacement: DocumentEvent?

    /// The server's answer contradicts what was published: a content subject refused but empty
    /// or holding something that is not an event, or a refusal where none was asked for.
    struct UnexpectedAnswer: Error, CustomStringConvertible {
        var subject: String
        var description: String { "NATS: unexpected answer on \(subject): refused, yet no event with id, seq and host is stored there" }
    }

    /// The decision about `outgoing` given the server's `answer` to its asynchronous publish;
    /// without an answer (none came, or an error), it is published again, with the same
    /// message id, until the server answers.
    static func decide(
        _ outgoing: OutgoingEvent, answer: Result<JetStreamConnection.PublishResult, NATSError>?, through publisher: Publisher
    ) throws -> PublishDecision {
        let result: JetStreamConnection.PublishResult
        if case .success(let answered) = answer { result = answered } else { result = try publisher.publishAndWait(outgoing) }
        guard let claim = outgoing.claim else {
            guard case .stored(let streamSeq, _) = result else { throw UnexpectedAnswer(subject: outgoing.subject) }
            return PublishDecision(body: outgoing.body, streamSeq: streamSeq)
        }
        if case .stored(let streamSeq, duplicate: false) = result {
            return PublishDecision(body: outgoing.body, streamSeq: streamSeq)
        }
        let settings = publisher.settings
        let stored = try publisher.untilAnswered("js_GetLastMsg") {
            try publisher.connection.lastMessage(stream: settings.stream, subject: outgoing.subject)
        }
        guard let stored,
            let first = try? EventLogReader.parse(stored.data, path: outgoing.subject, lineNumber: Int(stored.streamSeq)),
            let firstID = first.string("id"), let firstSeq = first.seq, let firstHost = first.string("host"), let id = outgoing.id
        else { throw UnexpectedAnswer(subject: "\(settings.subjectPrefix).doc.\(claim)") }
        if firstHost == settings.hostID && firstSeq == outgoing.seq {
            return PublishDecision(body: stored.data, streamSeq: stored.streamSeq)
        }
        let duplicate = DocumentEvent.duplicate(DuplicateDocument(
            id: id, receipt: outgoing.receipt, stored: outgoing.stored, match: firstID == id ? .exact : .content, of: firstID,
            ofSeq: firstSeq, ofHost: firstHost))
        let own = OutgoingEvent(duplicate, seq: outgoing.seq, settings: settings)
        guard case .stored(let streamSeq, _) = try publisher.publishAndWait(own) else { throw UnexpectedAnswer(subject: own.subject) }
        return PublishDecision(body: own.body, streamSeq: streamSeq, replacement: duplicate)
    }
}
