import Glibc

/// `depeche extract`: the daemon's read and analysis stages on files named on the command
/// line, with no state and no moves; one event line per file.
public struct StandaloneExtraction: Sendable {
    /// The analysis the daemon runs.
    public let analyzer: DocumentAnalyzer
    /// Larger files are rejected as `too_large` (`intake.max_file_size`).
    public let maxFileSize: Int
    /// Whether `document.ingested` carries the cleaned article as `text` (`event.include_text`).
    public let includeText: Bool

    /// Creates the command's engine for `config`, with `analyzer` (the daemon's, for `config`).
    public init(analyzer: DocumentAnalyzer, config: DepecheConfig) {
        self.analyzer = analyzer
        maxFileSize = config.maxFileSize
        includeText = config.includeText
    }

    /// The event line for the file at `path` (as given), numbered `seq`.
    public func eventLine(forFileAt path: String, seq: Int) -> [UInt8] {
        let (directory, name) = (Posix.directoryName(path), path.split(separator: "/").last.map(String.init) ?? path)
        let received = Timestamp.now()
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        let outcome: ReadOutcome
        if dirFD < 0 {
            outcome = .rejected(Rejection(.unreadable, "cannot open its directory: \(String(cString: strerror(errno)))"), identity: nil)
        } else {
            outcome = FileReader(inboxFD: dirFD, maxFileSize: maxFileSize).read(InboxPath(name))
            close(dirFD)
        }
        func rejected(_ rejection: Rejection, identity: FileIdentity? = nil, id: String? = nil) -> DocumentEvent {
            .rejected(RejectedDocument(
                id: id, receipt: Receipt(path: InboxPath(path), identity: identity, received: received), rejection: rejection,
                quarantined: nil))
        }
        let event: DocumentEvent
        switch consume outcome {
        case .read(let bytes, let identity):
            let receipt = Receipt(path: InboxPath(path), identity: identity, received: received)
            let id = ContentHash.id(of: bytes)
            do {
                // The bytes are handed over, so that they are freed once decoded.
                let document = try analyzer.analyze(consume bytes, id: id, fileExtension: InboxPath(path).fileExtension)
                event = .ingested(IngestedDocument(document: document, receipt: receipt, stored: nil, includeText: includeText))
            } catch {
                event = rejected(error, identity: identity, id: id)
            }
        case .rejected(let rejection, let identity):
            event = rejected(rejection, identity: identity)
        case .vanished:
            event = rejected(Rejection(.unreadable, "no such file"))
        case .changed:
            event = rejected(Rejection(.unreadable, "the file changed while it was read"))
        }
        return event.line(seq: seq, at: received)
    }
}
