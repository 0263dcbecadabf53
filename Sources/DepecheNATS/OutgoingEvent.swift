import DepecheCore

/// One of this host's events made ready to publish: its body (the event-log line with
/// `"host"`), its subject and its `Nats-Msg-Id`.
///
/// A `document.ingested` claims its content: it goes to `<prefix>.doc.<text_sha256>` with
/// `Nats-Msg-Id: doc:<text_sha256>`, stored only if no event holds that subject yet. Every
/// other event goes to `<prefix>.host.<host_id>` with `Nats-Msg-Id: <host_id>:<seq>`.
struct OutgoingEvent: Sendable {
    /// This host's `seq` for it.
    var seq: Int
    /// The JSON object, without a newline.
    var body: [UInt8]
    /// The claimed content's `text_sha256` (a `document.ingested`), else nil.
    var claim: String?
    /// The file's content id, for the duplicate that replaces a refused claim.
    var id: String?
    /// The file, for the same.
    var receipt: Receipt
    /// Where the file is archived (`stored`), for the same.
    var stored: String?
    /// Where it is published.
    var subject: String
    /// Its `Nats-Msg-Id`.
    var msgID: String

    /// `event` as this host's event `seq`.
    init(_ event: DocumentEvent, seq: Int, settings: SinkSettings.NATS) {
        let claim: String?
        let id: String?
        let stored: String?
        switch event {
        case .ingested(let document): (claim, id, stored) = (document.document.fingerprint.textSHA256, document.id, document.stored)
        case .duplicate(let duplicate): (claim, id, stored) = (nil, duplicate.id, duplicate.stored)
        case .rejected(let rejected): (claim, id, stored) = (nil, rejected.id, nil)
        }
        self.init(seq: seq, body: Array(event.line(seq: seq, host: settings.hostID).dropLast()), claim: claim, id: id,
                  receipt: event.receipt, stored: stored, settings: settings)
    }

    /// An event read back from the ``Outbox``; nil when it is not one of this host's.
    init?(intent: LoggedEvent, settings: SinkSettings.NATS) {
        guard let seq = intent.seq, intent.string("host") == settings.hostID else { return nil }
        let claim = intent.type == "document.ingested" ? intent.string("text_sha256") : nil
        self.init(seq: seq, body: intent.line, claim: claim, id: intent.string("id"), receipt: Receipt(logged: intent),
                  stored: intent.string("stored"), settings: settings)
    }

    private init(seq: Int, body: [UInt8], claim: String?, id: String?, receipt: Receipt, stored: String?, settings: SinkSettings.NATS) {
        self.seq = seq
        self.body = body
        self.claim = claim
        self.id = id
        self.receipt = receipt
        self.stored = stored
        if let claim {
            subject = "\(settings.subjectPrefix).doc.\(claim)"
            msgID = "doc:\(claim)"
        } else {
            subject = "\(settings.subjectPrefix).host.\(settings.hostID)"
            msgID = "\(settings.hostID):\(seq)"
        }
    }
}
