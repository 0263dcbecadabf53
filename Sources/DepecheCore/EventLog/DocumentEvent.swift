/// Identifies one version of one file: what the dedup ledger compares after a crash.
public struct FileIdentity: Sendable, Hashable {
    /// Inode number.
    public var inode: UInt64
    /// Size in bytes.
    public var size: Int
    /// Modification time, nanoseconds since the epoch.
    public var mtimeNanoseconds: Int64

    /// Creates an identity.
    public init(inode: UInt64, size: Int, mtimeNanoseconds: Int64) {
        self.inode = inode
        self.size = size
        self.mtimeNanoseconds = mtimeNanoseconds
    }
}

/// Where a file came from: its path relative to the inbox, as received, and when.
public struct Receipt: Sendable {
    /// The path relative to the inbox, byte for byte.
    public var path: InboxPath
    /// The file's identity when it was read, or nil when it could not be examined.
    public var identity: FileIdentity?
    /// When depeche took the file.
    public var received: Timestamp

    /// Creates a receipt.
    public init(path: InboxPath, identity: FileIdentity?, received: Timestamp) {
        self.path = path
        self.identity = identity
        self.received = received
    }

    /// Writes `path` (+ `path_b64`), `size`, `received`, `file`.
    func write(into json: inout JSONWriter) {
        json.field("path", path.displayString)
        if !path.isValidUTF8 { json.field("path_b64", path.base64) }
        if let identity { json.field("size", identity.size) }
        json.field("received", received.rfc3339)
        if let identity {
            json.beginObject("file")
            json.field("ino", Int(truncatingIfNeeded: identity.inode))
            json.field("mtime_ns", Int(identity.mtimeNanoseconds))
            json.endObject()
        }
    }
}

/// One outcome for one file: the body of a line of the event log.
public enum DocumentEvent: Sendable {
    /// A new document (`document.ingested`).
    case ingested(IngestedDocument)
    /// Content already seen (`document.duplicate`).
    case duplicate(DuplicateDocument)
    /// Bad input, quarantined (`document.rejected`).
    case rejected(RejectedDocument)

    /// The `type` field.
    public var type: String {
        switch self {
        case .ingested: "document.ingested"
        case .duplicate: "document.duplicate"
        case .rejected: "document.rejected"
        }
    }

    /// The file the event is about.
    public var receipt: Receipt {
        switch self {
        case .ingested(let document): document.receipt
        case .duplicate(let document): document.receipt
        case .rejected(let document): document.receipt
        }
    }

    /// The whole line as logged: `v`, `seq`, `ts`, `type`, `host` when given (a cluster's
    /// events say which host logged them), then the event's fields, then what `annotate` adds
    /// (nothing in the log itself), and `\n`.
    public func line(seq: Int, at time: Timestamp = .now(), host: String? = nil,
                     annotate: (inout JSONWriter) -> Void = { _ in }) -> [UInt8] {
        withLine(seq: seq, at: time, host: host, annotate: annotate) { Array($0) }
    }

    /// The line of ``line(seq:at:host:annotate:)`` handed to `body` in place, uncopied.
    public func withLine<T>(seq: Int, at time: Timestamp = .now(), host: String? = nil,
                            annotate: (inout JSONWriter) -> Void = { _ in }, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        var json = JSONWriter()
        json.field("v", Depeche.eventFormatVersion)
        json.field("seq", seq)
        json.field("ts", time.rfc3339)
        json.field("type", type)
        if let host { json.field("host", host) }
        write(into: &json)
        annotate(&json)
        return try json.finish(terminator: UInt8(ascii: "\n"), body)
    }

    /// Writes the fields after `v`, `seq`, `ts`, `type`.
    public func write(into json: inout JSONWriter) {
        switch self {
        case .ingested(let document): document.write(into: &json)
        case .duplicate(let document): document.write(into: &json)
        case .rejected(let document): document.write(into: &json)
        }
    }
}

/// A `document.duplicate`: the same content as an earlier document.
public struct DuplicateDocument: Sendable {
    /// How the earlier document was recognised.
    public enum Match: String, Sendable {
        /// The same bytes.
        case exact
        /// The same normalised article.
        case content
    }

    /// This file's content id (`sha256:…`).
    public var id: String
    /// The file.
    public var receipt: Receipt
    /// Where its bytes are archived, relative to the state directory (a byte copy's are the
    /// first document's); nil when files are deleted or kept.
    public var stored: String?
    /// How it matched.
    public var match: Match
    /// The first document's id.
    public var of: String
    /// The first document's `seq`.
    public var ofSeq: Int
    /// The host that logged the first document, when another host of a cluster did.
    public var ofHost: String?

    /// Creates the event body.
    public init(id: String, receipt: Receipt, stored: String?, match: Match, of: String, ofSeq: Int, ofHost: String? = nil) {
        self.id = id
        self.receipt = receipt
        self.stored = stored
        self.match = match
        self.of = of
        self.ofSeq = ofSeq
        self.ofHost = ofHost
    }

    func write(into json: inout JSONWriter) {
        json.field("id", id)
        receipt.write(into: &json)
        json.field("stored", stored)
        json.field("match", match.rawValue)
        json.field("of", of)
        json.field("of_seq", ofSeq)
        if let ofHost { json.field("of_host", ofHost) }
    }
}

/// A `document.rejected`: bad input, kept in the quarantine.
public struct RejectedDocument: Sendable {
    /// This file's content id when it could be read.
    public var id: String?
    /// The file.
    public var receipt: Receipt
    /// Why it was rejected.
    public var rejection: Rejection
    /// Where the file now is, relative to the state directory, or nil if it could not be moved.
    public var quarantined: String?

    /// Creates the event body.
    public init(id: String?, receipt: Receipt, rejection: Rejection, quarantined: String?) {
        self.id = id
        self.receipt = receipt
        self.rejection = rejection
        self.quarantined = quarantined
    }

    func write(into json: inout JSONWriter) {
        if let id { json.field("id", id) }
        receipt.write(into: &json)
        json.field("reason", rejection.reason.rawValue)
        json.field("detail", rejection.detail)
        json.field("quarantined", quarantined)
    }
}
