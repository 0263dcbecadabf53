/// Why a file is not a document; the `reason` of a `document.rejected` event.
public enum RejectReason: String, Sendable, CaseIterable {
    /// Zero bytes.
    case empty
    /// Only white space.
    case blank
    /// NUL bytes or the signature of an image, archive or executable.
    case binary
    /// Larger than `intake.max_file_size`.
    case tooLarge = "too_large"
    /// A symlink, FIFO, socket, device or directory where a file was expected.
    case notRegularFile = "not_regular_file"
    /// It could not be opened or read.
    case unreadable
    /// Bytes that are neither UTF-8 nor text in the legacy code page they declare or look like
    /// (Windows-1252, or Windows-1256 for Arabic).
    case undecodable
}

/// A rejection: a specific reason and a sentence for humans.
public struct Rejection: Error, Sendable, Equatable {
    /// The machine-readable reason.
    public var reason: RejectReason
    /// What exactly was wrong, for the journal and the event.
    public var detail: String

    /// Creates a rejection.
    public init(_ reason: RejectReason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }
}
