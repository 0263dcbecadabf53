import Glibc

/// `depeche tail`: prints events in order from a `seq` or a cursor file, across rotated
/// segments, and with `follow` keeps printing as the daemon appends (at-least-once: the
/// cursor is saved after the lines are written). It prints only lines on the disk: it syncs
/// the log before printing what it read, so no event it printed can vanish in a power failure
/// and have its `seq` taken by another.
public struct EventTail: Sendable {
    /// The log.
    public let reader: EventLogReader
    /// A file holding the last printed `seq`, read at start and rewritten as lines go out.
    public let cursorFile: String?
    /// How often the active file is polled when following.
    public let pollInterval: Duration

    /// Creates a tail of the log whose active file is `activePath`.
    public init(activePath: String, cursorFile: String?, pollInterval: Duration = .milliseconds(200)) {
        self.reader = EventLogReader(activePath: activePath)
        self.cursorFile = cursorFile
        self.pollInterval = pollInterval
    }

    /// The cursor: `<seq>` or `<seq> <ts of that event>` (what is written since: the `ts` tells a
    /// log started anew, whose `seq`s begin again at 1, from the one the cursor was saved for);
    /// nil when there is no cursor file, or none yet. Throws ``CursorMismatchError`` when the log
    /// is not the one the cursor was saved for (it ends before the cursor, or its event at the
    /// cursor's `seq` has another `ts`), and ``CursorFileError`` when the cursor file could not
    /// be written (it is a directory, or its directory is missing or a file).
    private func readCursor() throws -> (seq: Int, ts: String?)? {
        guard let cursorFile else { return nil }
        try CursorFileError.check(cursorFile)
        guard access(cursorFile, F_OK) == 0 else { return nil }
        let text = String(decoding: try Posix.readFile(cursorFile), as: UTF8.self).trimmingWhitespace()
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard (1...2).contains(parts.count), let seq = Int(parts[0]) else {
            throw EventLogCorruption(path: cursorFile, lineNumber: 1, problem: "not a cursor (expected a seq)")
        }
        let ts = parts.count == 2 ? String(parts[1]) : nil
        let end = try reader.lastSeq()
        guard seq <= end else { throw CursorMismatchError(path: cursorFile, problem: "is at seq \(seq), but the log ends at seq \(end)") }
        if let ts, let found = try reader.event(atSeq: seq)?.string("ts"), found != ts {
            throw CursorMismatchError(path: cursorFile, problem: "is at seq \(seq) of \(ts), but the log's seq \(seq) is of \(found)")
        }
        return (seq, ts)
    }

    /// Prints from `from` (or after the cursor, when there is one; nil: the oldest event kept);
    /// with `follow`, until the task is cancelled. A cursor that cannot be read or saved, or
    /// belongs to another log, stops it before it prints anything (see ``readCursor()``). Events that should come next but are gone from the log (retention
    /// removed their segment) are never skipped silently: `missing` is called with their
    /// `seq` range before anything after them is printed, and stops the tail by throwing.
    public func run(
        from: Int?, follow: Bool, missing: (ClosedRange<Int>) throws -> Void, output: ([UInt8]) -> Void
    ) async throws {
        let cursor = try readCursor()
        var next = cursor.map { $0.seq + 1 } ?? from
        var lastTimestamp = cursor?.ts
        func print(_ event: LoggedEvent) {
            lastTimestamp = event.string("ts")
            output(event.line + [UInt8(ascii: "\n")])
        }
        next = try catchUp(from: next, missing: missing, output: print)
        try saveCursor((next ?? 1) - 1, timestamp: lastTimestamp)
        guard follow else { return }
        var active = try ActiveFile(path: reader.segments.activePath, from: next)
        while !Task.isCancelled {
            try? await Task.sleep(for: pollInterval)
            let printedBefore = next
            // What the held file got since, first: renamed away (`logrotate`, a rotation) or not,
            // its last lines are read from it, not looked for under a name it no longer has.
            for line in try active?.readLines() ?? [] {
                let event = try EventLogReader.parse(line, path: reader.segments.activePath, lineNumber: 0)
                next = try deliver(event, next: next, missing: missing, output: print)
            }
            if active?.isStillActive != true {
                next = try catchUp(from: next, missing: missing, output: print)
                active = try ActiveFile(path: reader.segments.activePath, from: next)
            }
            if next != printedBefore { try saveCursor((next ?? 1) - 1, timestamp: lastTimestamp) }
        }
    }

    /// Prints the log's events from `from`; returns the `seq` expected next. A rotation between
    /// listing the segments and reading them looks like a gap, so a gap is reported only if a
    /// second read, on a fresh listing, still finds it.
    private func catchUp(from: Int?, missing: (ClosedRange<Int>) throws -> Void, output: (LoggedEvent) -> Void) throws -> Int? {
        var next = from
        do {
            try read(after: &next, missing: { throw MissingEvents(range: $0) }, output: output)
        } catch is MissingEvents {
            try read(after: &next, missing: missing, output: output)
        }
        return next
    }

    private func read(after next: inout Int?, missing: (ClosedRange<Int>) throws -> Void, output: (LoggedEvent) -> Void) throws {
        var expected = next
        defer { next = expected }
        try reader.forEach(from: expected ?? 1, syncing: true) { event in
            expected = try deliver(event, next: expected, missing: missing, output: output)
        }
    }

    /// Prints `event` if it is the one expected (`next`, or any when nil) or later, after
    /// reporting the `seq`s between them as missing; returns the `seq` expected after it.
    private func deliver(
        _ event: LoggedEvent, next: Int?, missing: (ClosedRange<Int>) throws -> Void, output: (LoggedEvent) -> Void
    ) throws -> Int? {
        guard let seq = event.seq else { return next }
        if let next, seq < next { return next }
        if let next, seq > next { try missing(next...(seq - 1)) }
        output(event)
        return seq + 1
    }

    private func saveCursor(_ seq: Int, timestamp: String?) throws {
        guard let cursorFile, seq > 0 else { return }
        try Posix.writeAtomically(Array("\(seq)\(timestamp.map { " " + $0 } ?? "")\n".utf8), to: cursorFile)
    }

}

/// The active file as `tail --follow` holds it: open, and read up to `offset`. Held open, a file
/// renamed away still gives the lines appended to it before the rename; what the name is
/// looked up for is whether it still names this file.
private final class ActiveFile {
    let path: String
    private let fd: Int32
    private var offset: Int

    /// The file now at `path`, from the line of `seq` `from` on (its end when it holds none
    /// that late; its start for nil); nil when there is no file there.
    init?(path: String, from: Int?) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            return nil
        }
        self.path = path
        self.fd = fd
        do {
            offset = try from.map { try EventLogSeek.offset(ofSeq: $0, fd: fd, size: Int(info.st_size), path: path) } ?? 0
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(fd) }

    /// The complete lines appended since the last call, as synced (see
    /// ``EventLogReader/readSynced(_:path:from:)``).
    func readLines() throws -> [[UInt8]] {
        let bytes = try EventLogReader.readSynced(fd, path: path, from: offset)
        guard let lastNewline = bytes.lastIndex(of: UInt8(ascii: "\n")) else { return [] }
        offset += lastNewline + 1
        return bytes[..<lastNewline].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
    }

    /// Whether `path` still names this file, and it was not cut shorter than what was read.
    var isStillActive: Bool {
        var held = stat()
        return Posix.names(path, theFileOf: fd) && fstat(fd, &held) == 0 && Int(held.st_size) >= offset
    }
}

extension String {
    /// Without leading and trailing white space.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}

/// A cursor file that cannot be one: `cursor file /srv/tail: it is a directory, not a file`.
public struct CursorFileError: Error, CustomStringConvertible {
    /// The path given.
    public var path: String
    /// What is wrong with it.
    public var problem: String

    public var description: String { "cursor file \(path): \(problem)" }

    /// Throws when `path` exists as anything but a regular file, or its directory does not
    /// exist as a directory.
    static func check(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw Self(path: path, problem: "it is a \(FileReader.kind(of: info.st_mode)), not a file")
            }
            return
        }
        let directory = path.lastIndex(of: "/").map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        if let (blocking, kind) = StateLayoutCheck.nonDirectory(on: directory) {
            throw Self(path: path, problem: "it cannot be created: \(blocking) is a \(kind)")
        }
        guard access(directory, F_OK) == 0 else { throw Self(path: path, problem: "its directory \(directory) does not exist") }
    }
}

/// A cursor saved for another log than the one there now: the log was started anew (its state
/// directory wiped, or the file deleted), lost events it had not yet synced (a power failure),
/// or the cursor is another log's. Going on would skip new events up to the cursor's `seq`, or
/// print from the middle of another story, without a word.
public struct CursorMismatchError: Error, CustomStringConvertible {
    /// The cursor file.
    public var path: String
    /// How the log and the cursor differ.
    public var problem: String

    public var description: String {
        "cursor file \(path) \(problem): the log was started anew (its state directory wiped or the log deleted), "
            + "lost events it had not synced, or the cursor is another log's; "
            + "nothing printed: remove the cursor file (then --from says where to start)"
    }
}
