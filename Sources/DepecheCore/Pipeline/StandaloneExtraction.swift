import Glibc

/// `depeche extract`: the daemon's read and analysis stages on files named on the command
/// line, or on a page read from standard input, with no state and no moves; one event per
/// page, its line written uncopied (``DocumentEvent/withLine(seq:at:host:annotate:_:)``).
public struct StandaloneExtraction: Sendable {
    /// The analysis the daemon runs.
    public let analyzer: DocumentAnalyzer
    /// Larger files are rejected as `too_large` (`intake.max_file_size`).
    public let maxFileSize: Int
    /// Whether `document.ingested` carries the cleaned article as `text` (`event.include_text`).
    public let includeText: Bool

    /// The names of standard input that are links (`/dev/stdin` and the like), which the
    /// reader, like the daemon's, does not follow: `-` is the way to read standard input.
    static let standardInputLinks: Set<String> = ["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]

    /// Creates the command's engine for `config`, with `analyzer` (the daemon's, for `config`).
    public init(analyzer: DocumentAnalyzer, config: DepecheConfig) {
        self.analyzer = analyzer
        maxFileSize = config.maxFileSize
        includeText = config.includeText
    }

    /// The event for the file at `path` (as given); its line's `ts` is when it was read (`received`).
    /// A path that leads to no file, or names standard input through a link, is the user's
    /// mistake, not a page: it throws.
    public func event(forFileAt path: String) throws(NamedFileError) -> DocumentEvent {
        let received = Timestamp.now()
        switch read(path) {
        case .read(let bytes, let identity):
            return event(analyzing: bytes, identity: identity, path: path, received: received)
        case .rejected(let rejection, let identity):
            if rejection.reason == .notRegularFile && Self.standardInputLinks.contains(path) {
                throw NamedFileError(path: path, problem: "a symbolic link, not followed: give - to read standard input")
            }
            return event(rejecting: rejection, identity: identity, path: path, received: received)
        case .vanished:
            throw NamedFileError(path: path, problem: "no such file")
        case .changed:
            return event(rejecting: Rejection(.unreadable, "the file changed while it was read"), identity: nil, path: path,
                         received: received)
        }
    }

    /// The event for the page read to its end from `fd` (standard input, `-`: the event's
    /// `path`); `size` is what was read, `file` what `fd` is (a pipe, a file).
    public func event(readingStandardInput fd: Int32) -> DocumentEvent {
        let (path, received) = ("-", Timestamp.now())
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            return event(rejecting: Rejection(.unreadable, "fstat failed: \(FileReader.message(errno))"), identity: nil, path: path,
                         received: received)
        }
        let bytes: [UInt8]
        do { bytes = try Posix.readAll(fd, path: path, limit: maxFileSize) } catch {
            let rejection = Rejection(.unreadable, "read failed: \(FileReader.message(error.errno))")
            return event(rejecting: rejection, identity: nil, path: path, received: received)
        }
        let identity = FileIdentity(inode: UInt64(info.st_ino), size: bytes.count, mtimeNanoseconds: FileIdentity(info).mtimeNanoseconds)
        guard bytes.count <= maxFileSize else {
            let rejection = Rejection(.tooLarge, "standard input holds more than intake.max_file_size (\(maxFileSize)) bytes")
            return event(rejecting: rejection, identity: nil, path: path, received: received)
        }
        return event(analyzing: bytes, identity: identity, path: path, received: received)
    }

    /// Reads the file at `path` as the daemon reads one in its inbox, from the file's directory.
    private func read(_ path: String) -> ReadOutcome {
        let dirFD = open(Posix.directoryName(path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirFD >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { return .vanished }
            return .rejected(Rejection(.unreadable, "cannot open its directory: \(FileReader.message(errno))"), identity: nil)
        }
        defer { close(dirFD) }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return FileReader(inboxFD: dirFD, maxFileSize: maxFileSize).read(InboxPath(name))
    }

    /// The page's event: `document.ingested`, or `document.rejected` when the analysis refuses it.
    private func event(analyzing bytes: consuming [UInt8], identity: FileIdentity, path: String, received: Timestamp)
        -> DocumentEvent {
        let receipt = Receipt(path: InboxPath(path), identity: identity, received: received)
        let id = ContentHash.id(of: bytes)
        do {
            // The bytes are handed over, so that they are freed once decoded.
            let document = try analyzer.analyze(consume bytes, id: id, fileExtension: InboxPath(path).fileExtension)
            return .ingested(IngestedDocument(document: document, receipt: receipt, stored: nil, includeText: includeText))
        } catch {
            return event(rejecting: error, identity: identity, id: id, path: path, received: received)
        }
    }

    private func event(
        rejecting rejection: Rejection, identity: FileIdentity?, id: String? = nil, path: String, received: Timestamp
    ) -> DocumentEvent {
        let receipt = Receipt(path: InboxPath(path), identity: identity, received: received)
        return .rejected(RejectedDocument(id: id, receipt: receipt, rejection: rejection, quarantined: nil))
    }
}

/// A path given to `depeche extract` that is no page to read: no file there, or standard
/// input named through a link. The command names it on stderr and exits non-zero.
public struct NamedFileError: Error, CustomStringConvertible, Equatable {
    /// The path as given.
    public var path: String
    /// What is wrong with it.
    public var problem: String

    /// `/srv/pages/a.txt: no such file`.
    public var description: String { "\(path): \(problem)" }
}
