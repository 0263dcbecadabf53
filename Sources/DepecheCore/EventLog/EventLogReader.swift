import Foundation
import Glibc

/// One line of the event log, parsed.
public struct LoggedEvent: @unchecked Sendable {
    // @unchecked: `fields` holds only JSONSerialization output (NSString, NSNumber, NSArray,
    // NSDictionary, NSNull), immutable values never mutated after parsing.

    /// The line as written, without its newline.
    public var line: [UInt8]
    /// The parsed object.
    public var fields: [String: Any]

    /// `seq`, or nil if missing.
    public var seq: Int? { fields["seq"] as? Int }
    /// `type`.
    public var type: String? { fields["type"] as? String }
    /// A string field.
    public func string(_ key: String) -> String? { fields[key] as? String }
}

/// A line that is not a valid event.
public struct EventLogCorruption: Error, CustomStringConvertible {
    /// The file.
    public var path: String
    /// The 1-based line number in it.
    public var lineNumber: Int
    /// What is wrong.
    public var problem: String

    public var description: String { "\(path):\(lineNumber): \(problem)" }
}

/// Reads the event log in order, across rotated segments.
public struct EventLogReader: Sendable {
    /// The log's files.
    public let segments: EventLogSegments

    /// A reader for the log whose active file is `activePath`.
    public init(activePath: String) { segments = EventLogSegments(activePath: activePath) }

    /// Calls `body` with every event whose `seq` is at least `from`, in order. The segment
    /// holding `from` is entered where that event starts (``EventLogSeek``), not read from its
    /// beginning. A line that is not valid JSON with an integer `seq` throws
    /// ``EventLogCorruption`` (after a seek, line numbers count from the seek point); a final
    /// line without a newline (a write in progress, or a crash) is not read. Each file is read
    /// as far as it reached when it was opened. With `syncing`, it is synced first (see
    /// ``readSynced(_:path:from:)``): every event `body` sees is on the disk.
    public func forEach(from: Int = 1, syncing: Bool = false, _ body: (LoggedEvent) throws -> Void) throws {
        for path in paths(from: from) {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            let size = Int(lseek(fd, 0, SEEK_END))
            if syncing { try Self.sync(fd, path: path) }
            // Every segment is sought: where the last closed one ends is not known without reading it.
            let start = from > 1 ? try EventLogSeek.offset(ofSeq: from, fd: fd, size: size, path: path) : 0
            guard start < size else { continue }
            try Self.forEachLine(in: try Self.read(fd, path: path, from: start, to: size), path: path) { event in
                if let seq = event.seq, seq >= from { try body(event) }
            }
        }
    }

    /// The bytes of the open file `fd` from `start` to `end`, as synced: it is synced first
    /// (`fdatasync`), so that no line read from it can be lost to a power failure. The daemon
    /// syncs its lines once per group commit; a reader that printed one before (`tail -F` does)
    /// could see it vanish and another event take its `seq`.
    static func readSynced(_ fd: Int32, path: String, from start: Int) throws -> [UInt8] {
        var info = stat()
        try Posix.check("fstat", path) { fstat(fd, &info) }
        let end = Int(info.st_size)
        try sync(fd, path: path)
        return try read(fd, path: path, from: start, to: end)
    }

    /// Syncs the file of `fd`. Only a failure to write (`EIO`, `ENOSPC`, `EDQUOT`: lines that may
    /// never reach the disk) is an error; a file system that cannot sync through this descriptor
    /// (mounted read-only, without `fsync`) leaves the lines as the daemon's own sync will.
    private static func sync(_ fd: Int32, path: String) throws {
        guard fdatasync(fd) != 0 else { return }
        let code = errno
        if code == EIO || code == ENOSPC || code == EDQUOT { throw SystemCallError("fdatasync", path: path, errno: code) }
    }

    /// The bytes of `fd` from `start` to `end` (fewer if the file is shorter).
    private static func read(_ fd: Int32, path: String, from start: Int, to end: Int) throws -> [UInt8] {
        guard end > start else { return [] }
        lseek(fd, off_t(start), SEEK_SET)
        var bytes = try Posix.readAll(fd, path: path, limit: end - start, expectedSize: end - start)
        if bytes.count > end - start { bytes.removeLast(bytes.count - (end - start)) }
        return bytes
    }

    /// The files that may hold events from `from` on, oldest first: the closed segments whose
    /// successor starts after `from`, then the active file.
    private func paths(from: Int) -> [String] {
        let closed = segments.closed()
        var paths: [String] = []
        for (index, segment) in closed.enumerated() {
            let next = index + 1 < closed.count ? closed[index + 1].firstSeq : Int.max
            if next > from { paths.append(segment.path) }
        }
        return paths + [segments.activePath]
    }

    /// The event `seq`, nil when the log does not hold it (gone with its segment, or not yet
    /// written). Only its line is read: its segment is entered where the line starts
    /// (``EventLogSeek``), and read four times more each time until the line's end is in hand.
    public func event(atSeq seq: Int) throws -> LoggedEvent? {
        for path in paths(from: seq) {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            let size = Int(lseek(fd, 0, SEEK_END))
            let start = try EventLogSeek.offset(ofSeq: seq, fd: fd, size: size, path: path)
            guard start < size else { continue }
            var window = 4_096
            while true {
                let length = min(window, size - start)
                let bytes = try Self.read(fd, path: path, from: start, to: start + length)
                if let end = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                    let event = try Self.parse(Array(bytes[..<end]), path: path, lineNumber: 0)
                    return event.seq == seq ? event : nil
                }
                if start + length >= size { return nil }
                window *= 4
            }
        }
        return nil
    }

    /// The `seq` of the log's last complete line: the active file's, else the newest closed
    /// segment's (the one before its first `seq` when it has none), else 0. Only the files'
    /// ends are read, however long their last lines.
    public func lastSeq() throws -> Int {
        if let seq = try Self.seqOfLastCompleteLine(segments.activePath) { return seq }
        guard let newest = segments.closed().last else { return 0 }
        return try Self.seqOfLastCompleteLine(newest.path) ?? newest.firstSeq - 1
    }

    /// Reads back from the end of the file at `path`, four times more each time, until a whole
    /// line ending in a newline is in hand (an event line can be megabytes long).
    private static func seqOfLastCompleteLine(_ path: String) throws -> Int? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let size = Int(lseek(fd, 0, SEEK_END))
        var window = 4_096
        while true {
            let start = max(0, size - window)
            let bytes = try read(fd, path: path, from: start, to: size)
            guard let end = bytes.lastIndex(of: UInt8(ascii: "\n")) else {
                if start == 0 { return nil }
                window *= 4
                continue
            }
            let lineStart = bytes[..<end].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }
            if lineStart == nil && start > 0 {
                window *= 4
                continue
            }
            return try parse(Array(bytes[(lineStart ?? 0)..<end]), path: path, lineNumber: 0).seq
        }
    }

    /// Parses every complete line of `bytes`.
    static func forEachLine(in bytes: [UInt8], path: String, _ body: (LoggedEvent) throws -> Void) throws {
        var start = 0
        var lineNumber = 0
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            lineNumber += 1
            let line = Array(bytes[start..<newline])
            start = newline + 1
            try body(try parse(line, path: path, lineNumber: lineNumber))
        }
    }

    /// Parses one line.
    public static func parse(_ line: [UInt8], path: String, lineNumber: Int) throws -> LoggedEvent {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(line)) } catch {
            throw EventLogCorruption(path: path, lineNumber: lineNumber, problem: "not valid JSON")
        }
        guard let fields = object as? [String: Any] else {
            throw EventLogCorruption(path: path, lineNumber: lineNumber, problem: "not a JSON object")
        }
        let event = LoggedEvent(line: line, fields: fields)
        guard event.seq != nil else {
            throw EventLogCorruption(path: path, lineNumber: lineNumber, problem: "no integer \"seq\"")
        }
        return event
    }
}
