import Glibc
import Logging
import Synchronization

/// The embedded event sink: one JSON object per line, appended with a single `write()` on an
/// `O_APPEND` descriptor, so readers (`tail -F`, `depeche tail`) never see a torn line.
///
/// `seq` is gap-free for the life of the log. On open, a partial last line left by a crash is
/// cut off. Rotation renames the active file to `events.<first-seq>.jsonl` and starts a new
/// active file under the same name.
public final class JSONLEventLog: EventSink {
    /// What the log needs from the configuration.
    public struct Options: Sendable {
        /// The active file.
        public var path: String
        /// When appended events reach the disk.
        public var fsync: DepecheConfig.FsyncPolicy
        /// The group-commit window.
        public var groupCommit: Duration
        /// Rotate past this size.
        public var rotateBytes: Int
        /// Closed segments kept (0: all).
        public var retainSegments: Int

        /// Options from the daemon's configuration.
        public init(_ config: DepecheConfig) {
            path = config.logPath
            fsync = config.fsync
            groupCommit = .milliseconds(config.groupCommitMilliseconds)
            rotateBytes = config.rotateBytes
            retainSegments = config.retainSegments
        }
    }

    private struct State {
        var fd: Int32
        var size: Int
        var waiters: [(seq: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let options: Options
    private let segments: EventLogSegments
    private let logger: Logger
    private let state: Locked<State>
    /// The last appended and the last durable `seq`: written only under `state`'s lock, read
    /// without it (the workers ask at every file, and waited for the lock while the committer
    /// wrote a line).
    private let appendedSeq: Atomic<Int>
    private let durableThrough: Atomic<Int>
    /// Set when a flush found the active file deleted: nothing is appended after that.
    private let deleted = Atomic<Bool>(false)

    /// Opens (creating if needed) the log, cutting off a torn last line, and syncs it.
    public init(options: Options, logger: Logger) throws {
        self.options = options
        self.segments = EventLogSegments(activePath: options.path)
        self.logger = logger
        try Posix.makeDirectories(segments.directory)
        let fd = try Self.openActive(options.path)
        do {
            let size = try Self.cutTornTail(fd: fd, path: options.path, logger: logger)
            // The lines found count as durable from here on (their files leave the inbox), but a
            // daemon killed before its last group commit left some in the page cache only.
            try Posix.check("fsync", options.path) { fsync(fd) }
            let last = try EventLogReader(activePath: options.path).lastSeq()
            state = Locked(State(fd: fd, size: size))
            appendedSeq = Atomic(last)
            durableThrough = Atomic(last)
        } catch {
            close(fd)
            throw error
        }
    }

    deinit {
        state.withLock { _ = close($0.fd) }
    }

    public var lastSeq: Int { appendedSeq.load(ordering: .acquiring) }

    /// The active file.
    public var path: String { options.path }

    /// Makes the next event `seq + 1` in a log that holds none (see
    /// ``Recovery/continueEmptyLog(_:after:logger:)``).
    public func continueAfter(_ seq: Int) {
        state.withLock { _ in
            precondition(lastSeq == 0, "a log that holds events goes on from its own last seq")
            appendedSeq.store(seq, ordering: .releasing)
            durableThrough.store(seq, ordering: .releasing)
        }
    }

    public var durableSeq: Int { durableThrough.load(ordering: .acquiring) }

    /// Renders the event's line before taking the lock, for the `seq` after the last (again
    /// under the lock in case another append took that `seq` meanwhile): rendered under it,
    /// it held up the flusher and every reader of the log's state.
    public func append(_ event: DocumentEvent) throws -> Int {
        let expected = lastSeq + 1
        let line = event.line(seq: expected)
        return try append { seq in seq == expected ? line : event.line(seq: seq) }
    }

    /// Appends a line already made (a copy of an event held elsewhere, e.g. by a cluster's
    /// stream); its `seq` must be `seq`, the next one. Throws ``EventLogCorruption`` otherwise.
    public func append(line: [UInt8], seq: Int) throws {
        _ = try append { next in
            guard next == seq else {
                throw EventLogCorruption(path: options.path, lineNumber: 0, problem: "seq \(seq) appended after seq \(next - 1)")
            }
            return line
        }
    }

    private func append(_ makeLine: (_ seq: Int) throws -> [UInt8]) throws -> Int {
        if deleted.load(ordering: .relaxed) { throw EventLogDeleted(path: options.path) }
        let (seq, ready) = try state.withLock { state -> (Int, [CheckedContinuation<Void, Never>]) in
            let seq = lastSeq + 1
            try write(makeLine(seq), state: &state)
            appendedSeq.store(seq, ordering: .releasing)
            var ready: [CheckedContinuation<Void, Never>] = []
            switch options.fsync {
            case .always:
                try Posix.check("fsync", options.path) { fsync(state.fd) }
                if Self.isDeleted(state.fd) {
                    // No one waits beyond what is durable when every event is synced at once.
                    deleted.store(true, ordering: .relaxed)
                    throw EventLogDeleted(path: options.path)
                }
                ready = markDurable(through: seq, state: &state)
            case .never:
                ready = markDurable(through: seq, state: &state)
            case .group:
                break
            }
            if state.size >= options.rotateBytes { try rotate(state: &state) }
            return (seq, ready)
        }
        ready.forEach { $0.resume() }
        return seq
    }

    public func waitUntilDurable(_ seq: Int) async {
        await withCheckedContinuation { continuation in
            let durable = state.withLock { state -> Bool in
                if durableSeq >= seq || deleted.load(ordering: .relaxed) { return true }
                state.waiters.append((seq, continuation))
                return false
            }
            if durable { continuation.resume() }
        }
    }

    /// Makes every event appended so far durable. The `fsync` runs outside the lock, on a
    /// duplicate of the descriptor, so that appends go on meanwhile: held through it, the lock
    /// stopped the committer (and with it every worker) at each group commit. The lines up to
    /// the `seq` read with the duplicate were written before it, to the file it names (the
    /// active one, or the segment a rotation closed since, which is then synced too).
    public func flush() throws {
        let snapshot = try state.withLock { state -> (fd: Int32, seq: Int)? in
            guard durableSeq < lastSeq else { return nil }
            let fd = state.fd
            return (try Posix.check("dup", options.path) { dup(fd) }, lastSeq)
        }
        guard let snapshot else { return }
        defer { close(snapshot.fd) }
        try Posix.check("fsync", options.path) { fsync(snapshot.fd) }
        if Self.isDeleted(snapshot.fd) { throw markDeleted() }
        let (ready, emptied) = state.withLock { state in (markDurable(through: snapshot.seq, state: &state), Self.takeTruncation(&state)) }
        ready.forEach { $0.resume() }
        if emptied {
            logger.warning(
                "the event log was truncated under depeche (logrotate's copytruncate?): events written between its copy and its truncation are in neither file; rotate with create and a reload instead",
                metadata: ["file.path": "\(options.path)"])
        }
    }

    /// Whether the active file is now shorter than what was written to it (emptied from outside);
    /// if so its size is taken as it is.
    private static func takeTruncation(_ state: inout State) -> Bool {
        var info = stat()
        guard fstat(state.fd, &info) == 0, Int(info.st_size) < state.size else { return false }
        state.size = Int(info.st_size)
        return true
    }

    /// Whether the file `fd` names has no name left (deleted while open): the events just synced
    /// are in a file no one can read, so they must not count as durable, nor their files leave
    /// the inbox.
    private static func isDeleted(_ fd: Int32) -> Bool {
        var info = stat()
        return fstat(fd, &info) == 0 && info.st_nlink == 0
    }

    /// From now on nothing is appended, and no one waits for a durability that will not come
    /// (the waits end, short of it); returns the error to throw.
    private func markDeleted() -> EventLogDeleted {
        let waiting = state.withLock { state in
            deleted.store(true, ordering: .relaxed)
            defer { state.waiters.removeAll() }
            return state.waiters.map(\.continuation)
        }
        waiting.forEach { $0.resume() }
        return EventLogDeleted(path: options.path)
    }

    /// Group commit: flushes every `groupCommit` until cancelled, or until the log is found
    /// deleted (thrown: the daemon cannot go on). Run it when the policy is `group`.
    public func runGroupCommit() async throws(EventLogDeleted) {
        // The fsync on a thread of its own: on one of the cooperative pool's (one a processor), it
        // took that thread from the workers for as long as the disk took.
        let flusher = BlockingQueue(label: "depeche.log-flush")
        while !Task.isCancelled {
            try? await Task.sleep(for: options.groupCommit)
            do { try await flusher.run { [self] in try flush() } } catch let deleted as EventLogDeleted {
                throw deleted
            } catch {
                logger.error("event log flush failed", metadata: ["error": "\(error)", "file.path": "\(options.path)"])
            }
        }
    }

    /// Closes and reopens the active file (SIGHUP: after an outside rotation or a move).
    public func reopen() throws {
        try flush()
        try state.withLock { state in
            // Still the same file (no rotation outside): nothing to reopen, and its lock, on this
            // descriptor's open file, would refuse a second open of it.
            if Posix.names(options.path, theFileOf: state.fd) { return }
            let fd = try Self.openActive(options.path)
            close(state.fd)
            state.fd = fd
            state.size = Int(lseek(fd, 0, SEEK_END))
        }
    }

    /// Reopens the active file when it was renamed away (`logrotate` without a reload): lines
    /// would otherwise go on into the renamed file, where `tail -F` and `depeche tail` do not
    /// look. Returns whether it did. A deleted file is left to ``flush()`` (``EventLogDeleted``).
    public func reopenIfMoved() throws -> Bool {
        let moved = state.withLock { state in !Self.isDeleted(state.fd) && !Posix.names(options.path, theFileOf: state.fd) }
        guard moved else { return false }
        try reopen()
        return true
    }

    // MARK: Writing

    /// One `write()`; on a short write (disk full) the partial line is cut off again.
    private func write(_ line: [UInt8], state: inout State) throws {
        let fd = state.fd
        let written = line.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if written == line.count {
            state.size += written
            return
        }
        let error = SystemCallError("write", path: options.path, errno: written < 0 ? errno : ENOSPC)
        if written > 0 { _ = ftruncate(fd, off_t(state.size)) }
        throw error
    }

    private func markDurable(through seq: Int, state: inout State) -> [CheckedContinuation<Void, Never>] {
        let durable = max(durableSeq, seq)
        durableThrough.store(durable, ordering: .releasing)
        let ready = state.waiters.filter { $0.seq <= durable }.map(\.continuation)
        state.waiters.removeAll { $0.seq <= durable }
        return ready
    }

    // MARK: Rotation

    private func rotate(state: inout State) throws {
        try Posix.check("fsync", options.path) { fsync(state.fd) }
        // Named by its own first line, read here: the file may have been emptied under the
        // daemon (`copytruncate`) since it was opened, or begin with a line of megabytes.
        let firstSeq = try EventLogSeek.seqOfLine(at: 0, fd: state.fd, path: options.path)
        let closedPath = segments.closedPath(firstSeq: firstSeq)
        try Posix.check("rename", closedPath) { rename(options.path, closedPath) }
        let fd = try Self.openActive(options.path)
        close(state.fd)
        state.fd = fd
        state.size = 0
        try Posix.syncDirectory(segments.directory)
        logger.info("event log rotated", metadata: ["file.path": "\(closedPath)"])
        if options.retainSegments > 0 {
            for old in segments.closed().dropLast(options.retainSegments) {
                unlink(old.path)
                logger.info("event log segment removed", metadata: ["file.path": "\(old.path)"])
            }
        }
    }

    /// Opens (creating it) the active file for appending, and locks it (``FileLock``): a second
    /// daemon given the same `log.path` would write the same `seq`s into it.
    private static func openActive(_ path: String) throws -> Int32 {
        let fd = try Posix.check("open", path) { open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644) }
        if case .held(let pid) = FileLock.take(fd) {
            close(fd)
            throw EventLogBusyError(path: path, pid: pid)
        }
        return fd
    }

    // MARK: Recovery

    /// Cuts the file after its last newline; returns the new size.
    private static func cutTornTail(fd: Int32, path: String, logger: Logger) throws -> Int {
        let size = Int(lseek(fd, 0, SEEK_END))
        guard size > 0 else { return 0 }
        let tail = try readTail(fd: fd, size: size, path: path)
        if tail.last == UInt8(ascii: "\n") { return size }
        var keep = size
        if let newline = tail.lastIndex(of: UInt8(ascii: "\n")) {
            keep = size - tail.count + newline + 1
        } else {
            keep = try lastNewlineOffset(fd: fd, before: size - tail.count, path: path)
        }
        try Posix.check("ftruncate", path) { ftruncate(fd, off_t(keep)) }
        logger.warning("cut a partial last line from the event log", metadata: [
            "file.path": "\(path)", "bytes.cut": "\(size - keep)",
        ])
        return keep
    }

    private static func readTail(fd: Int32, size: Int, path: String, length: Int = 65_536) throws -> [UInt8] {
        let start = max(0, size - length)
        var buffer = [UInt8](repeating: 0, count: size - start)
        let count = try buffer.withUnsafeMutableBytes { raw in
            try Posix.check("pread", path) { pread(fd, raw.baseAddress, raw.count, off_t(start)) }
        }
        return Array(buffer[..<count])
    }

    /// Offset just past the last newline before `end`, or 0.
    private static func lastNewlineOffset(fd: Int32, before end: Int, path: String) throws -> Int {
        var end = end
        while end > 0 {
            let chunk = try readTail(fd: fd, size: end, path: path)
            if let newline = chunk.lastIndex(of: UInt8(ascii: "\n")) { return end - chunk.count + newline + 1 }
            end -= chunk.count
        }
        return 0
    }
}

/// The event log's active file was deleted while the daemon ran (`rm`, a wiped state directory,
/// a rotation that deletes instead of moving): events written to it since its last flush would
/// be lost with it, so they are not made durable, their files stay in the inbox, and the daemon
/// stops (systemd restarts it, and it takes those files again).
public struct EventLogDeleted: Error, CustomStringConvertible {
    /// The log's path.
    public var path: String

    public var description: String {
        "the event log \(path) was deleted while depeche ran; the files of its last events stay in the inbox, to be taken again after a restart"
    }
}

/// Another process holds the event log's lock: two daemons on one log would write its `seq`s
/// twice.
public struct EventLogBusyError: Error, CustomStringConvertible {
    /// The log's active file.
    public var path: String
    /// The holder's pid, when `/proc/locks` says.
    public var pid: Int32?

    public var description: String {
        "event log \(path) is written by another depeche (\(FileLock.describe(holder: pid))); "
            + "each daemon needs a log of its own: give this one another log.path"
    }
}
