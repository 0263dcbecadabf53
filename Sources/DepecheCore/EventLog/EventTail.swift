import Glibc

/// `depeche tail`: prints events in order from a `seq` or a cursor file, across rotated
/// segments, and with `follow` keeps printing as the daemon appends (at-least-once: the
/// cursor is saved after the lines are written).
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

    /// The first `seq` to print: after the cursor if there is one, else `from`.
    public func startSeq(default from: Int) throws -> Int {
        guard let cursorFile, access(cursorFile, F_OK) == 0 else { return from }
        let text = String(decoding: try Posix.readFile(cursorFile), as: UTF8.self).trimmingWhitespace()
        guard let last = Int(text) else {
            throw EventLogCorruption(path: cursorFile, lineNumber: 1, problem: "not a cursor (expected a seq)")
        }
        return last + 1
    }

    /// Prints from `from` (or the cursor); with `follow`, until the task is cancelled.
    public func run(from: Int, follow: Bool, output: ([UInt8]) -> Void) async throws {
        var next = try startSeq(default: from)
        next = try catchUp(from: next, output: output)
        guard follow else { return }
        var position = activePosition()
        while !Task.isCancelled {
            try? await Task.sleep(for: pollInterval)
            let now = activePosition()
            if now.inode != position.inode || now.size < position.offset {
                next = try catchUp(from: next, output: output)
                position = activePosition()
            } else if now.size > position.offset {
                let fresh = try readLines(from: position.offset)
                for line in fresh.lines {
                    let event = try EventLogReader.parse(line, path: reader.segments.activePath, lineNumber: 0)
                    guard let seq = event.seq, seq >= next else { continue }
                    output(line + [UInt8(ascii: "\n")])
                    next = seq + 1
                }
                position.offset += fresh.consumed
                try saveCursor(next - 1)
            }
        }
    }

    private func catchUp(from: Int, output: ([UInt8]) -> Void) throws -> Int {
        var next = from
        try reader.forEach(from: from) { event in
            output(event.line + [UInt8(ascii: "\n")])
            next = (event.seq ?? next) + 1
        }
        try saveCursor(next - 1)
        return next
    }

    private func saveCursor(_ seq: Int) throws {
        guard let cursorFile, seq > 0 else { return }
        try Posix.writeAtomically(Array("\(seq)\n".utf8), to: cursorFile)
    }

    private func activePosition() -> (inode: UInt64, size: Int, offset: Int) {
        var info = stat()
        guard stat(reader.segments.activePath, &info) == 0 else { return (0, 0, 0) }
        return (UInt64(info.st_ino), Int(info.st_size), Int(info.st_size))
    }

    /// Complete lines of the active file after `offset`, and how many bytes they span.
    private func readLines(from offset: Int) throws -> (lines: [[UInt8]], consumed: Int) {
        let path = reader.segments.activePath
        let fd = try Posix.check("open", path) { open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(fd) }
        _ = lseek(fd, off_t(offset), SEEK_SET)
        let bytes = try Posix.readAll(fd, path: path)
        guard let lastNewline = bytes.lastIndex(of: UInt8(ascii: "\n")) else { return ([], 0) }
        let lines = bytes[..<lastNewline].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        return (lines, lastNewline + 1)
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
