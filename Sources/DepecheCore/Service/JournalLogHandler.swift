import Glibc
import Logging

/// A swift-log `LogHandler` that writes one line per record to standard error, in the form
/// journald understands when standard error is the journal.
///
/// Under systemd (`$JOURNAL_STREAM` names the device and inode of standard error) each line
/// starts with its syslog priority, `<4>file rejected file.path=/var/lib/depeche/inbox/a.html
/// reject.reason=empty`, so that `journalctl -p warning` shows warnings and worse; the
/// journal adds the time. Elsewhere the line starts with a local timestamp, the level and the
/// logger's label. Metadata follows the message as sorted `key=value` pairs, quoted when a
/// value holds a space, quote, `=` or control character; line breaks in messages and values
/// are escaped, so one record is always one line and a file name cannot forge a record.
///
/// ```swift
/// let format = JournalLogHandler.Format.detect(environment: ProcessEnvironment.values(["JOURNAL_STREAM"]))
/// LoggingSystem.bootstrap { label in JournalLogHandler(label: label, format: format) }
/// ```
public struct JournalLogHandler: LogHandler {
    /// How lines are laid out.
    public enum Format: Sendable, Equatable {
        /// `<N>message key=value`: standard error is a journald stream.
        case journal
        /// `2025-06-01T14:03:07.123+0200 warning depeche: message key=value`.
        case plain

        /// `.journal` when `$JOURNAL_STREAM` (`device:inode`) names the file open on `fd`, as
        /// systemd sets it for a unit whose standard error goes to the journal; else `.plain`.
        public static func detect(environment: [String: String], fd: Int32 = STDERR_FILENO) -> Format {
            guard let stream = environment["JOURNAL_STREAM"] else { return .plain }
            let parts = stream.split(separator: ":")
            guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return .plain }
            var status = stat()
            guard fstat(fd, &status) == 0 else { return .plain }
            return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode ? .journal : .plain
        }
    }

    /// The file descriptor records go to, shared by every copy of a handler so that lines
    /// from concurrent tasks never interleave.
    public final class Output: Sendable {
        private let fd: Locked<Int32>

        /// Records go to `fd` (not closed by this type).
        public init(fd: Int32 = STDERR_FILENO) { self.fd = Locked(fd) }

        /// Writes `line` whole; a line that cannot be written is dropped (there is nowhere
        /// left to report it).
        func write(_ line: [UInt8]) {
            fd.withLock { fd in
                line.withUnsafeBytes { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                        if written > 0 {
                            offset += written
                        } else if written < 0 && errno == EINTR {
                            continue
                        } else {
                            return
                        }
                    }
                }
            }
        }
    }

    /// The logger's label, shown in the plain format.
    public let label: String
    /// The layout of lines.
    public let format: Format
    private let output: Output

    /// Records below this level are dropped.
    public var logLevel: Logger.Level = .info
    /// Metadata added to every record of this logger.
    public var metadata: Logger.Metadata = [:]
    /// Metadata computed at each record (task-local context).
    public var metadataProvider: Logger.MetadataProvider?

    /// A handler for `label` writing `format` lines to `output`.
    public init(label: String, format: Format, output: Output = Output(), metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.format = format
        self.output = output
        self.metadataProvider = metadataProvider
    }

    /// Metadata of this logger, by key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes the record as one line.
    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let recorded = event.metadata { merged.merge(recorded) { _, new in new } }
        output.write(JournalLine.render(
            format: format, level: event.level, label: label, message: "\(event.message)", metadata: merged
        ))
    }
}
