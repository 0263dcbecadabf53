import Foundation
import Glibc
import Synchronization
@testable import DepecheCore

/// How a file gets into the inbox: the writers scrapers actually use, each producing its own
/// pattern of inotify events (see FINDINGS.md, "What writers produce").
enum WriteMethod: String, CaseIterable {
    /// `cp`: CREATE, CLOSE_WRITE.
    case cp
    /// `mv` within the file system: MOVED_TO only.
    case mvWithin
    /// `mv` from another file system (`/dev/shm`): a copy, CREATE and CLOSE_WRITE.
    case mvAcross
    /// `rsync`: a hidden `.name.XXXXXX` temporary, then a rename.
    case rsync
    /// `rsync --inplace`: CREATE, CLOSE_WRITE.
    case rsyncInplace
    /// One open, the bytes in pieces with pauses, one close.
    case slow
    /// `ln`: a bare CREATE of a hard link to a complete file.
    case hardLink
}

/// A write in progress: a writer process, or the slow writer's thread.
final class WriteJob: Sendable {
    private let child: ChildProcess?
    private let description: String
    private let finished = Atomic<Bool>(false)
    private let error = Locked<String?>(nil)

    fileprivate init(child: ChildProcess? = nil, description: String) {
        self.child = child
        self.description = description
    }

    /// Waits for the writer to finish; throws if it failed.
    func wait(timeout: Duration = .seconds(60)) async throws {
        if let child {
            guard let status = await child.wait(timeout: timeout) else { throw HarnessError("\(description) did not finish") }
            if status != 0 { throw HarnessError("\(description) exited \(status)") }
            return
        }
        let deadline = ContinuousClock.now + timeout
        while !finished.load(ordering: .acquiring) {
            guard ContinuousClock.now < deadline else { throw HarnessError("\(description) did not finish within \(timeout)") }
            try await Task.sleep(for: .milliseconds(10))
        }
        if let message = error.withLock({ $0 }) { throw HarnessError(message) }
    }

    fileprivate func finish(error message: String? = nil) {
        error.withLock { $0 = message }
        finished.store(true, ordering: .releasing)
    }
}

/// Puts files into an inbox with a given ``WriteMethod``. Sources are staged in `staging`
/// (same file system as the inbox) or `foreignStaging` (another file system) first.
struct InboxWriter {
    /// The inbox.
    let inbox: String
    /// A directory on the inbox's file system, outside the inbox.
    let staging: String
    /// A directory on another file system (`/dev/shm` is a tmpfs), for `mv` across.
    let foreignStaging: String
    /// Pause between the pieces of the slow writer. It stays under the settle time the tests
    /// use: a file that stops changing for longer than that looks complete to a scan.
    static let slowPause: Duration = .milliseconds(40)

    /// Starts writing `bytes` to `path` (relative to the inbox; parent directories are made
    /// first). Concurrent writes must go to different paths (the staged copy is named after it).
    func start(_ bytes: [UInt8], to path: String, method: WriteMethod) throws -> WriteJob {
        let target = inbox + "/" + path
        try FileSystem.makeDirectories((target as NSString).deletingLastPathComponent)
        let stagedName = path.replacingOccurrences(of: "/", with: "_")
        switch method {
        case .slow:
            let pause = Self.slowPause
            let job = WriteJob(description: "slow writer of \(path)")
            let thread = Thread { Self.writeSlowly(bytes, to: target, pause: pause, job: job) }
            thread.start()
            return job
        case .mvAcross:
            let source = foreignStaging + "/" + stagedName
            try FileSystem.write(bytes, to: source)
            return try run("mv", [source, target])
        case .cp, .mvWithin, .rsync, .rsyncInplace, .hardLink:
            let source = staging + "/" + stagedName
            try FileSystem.write(bytes, to: source)
            switch method {
            case .cp: return try run("cp", [source, target])
            case .mvWithin: return try run("mv", [source, target])
            case .rsync: return try run("rsync", [source, target])
            case .rsyncInplace: return try run("rsync", ["--inplace", source, target])
            default: return try run("ln", [source, target])
            }
        }
    }

    /// Starts appending `pieces` to `path` (relative to the inbox) on a thread of its own,
    /// opening and closing the file for each (like `echo >>`) with `pause` between them. The
    /// thread keeps the pauses true when the test's cooperative pool is busy with other tests.
    func startAppending(_ pieces: [[UInt8]], to path: String, pause: Duration) -> WriteJob {
        let target = inbox + "/" + path
        let job = WriteJob(description: "appending writer of \(path)")
        let thread = Thread {
            for (index, piece) in pieces.enumerated() {
                let fd = open(target, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
                guard fd >= 0 else { return job.finish(error: "open \(target): \(String(cString: strerror(errno)))") }
                let written = piece.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                close(fd)
                guard written == piece.count else { return job.finish(error: "write \(target) failed") }
                if index < pieces.count - 1 { usleep(Self.microseconds(pause)) }
            }
            job.finish()
        }
        thread.start()
        return job
    }

    /// Writes and waits.
    func write(_ bytes: [UInt8], to path: String, method: WriteMethod = .mvWithin) async throws {
        try await start(bytes, to: path, method: method).wait()
    }

    /// Writes `bytes` to a staged file and renames it to `path` (raw bytes, relative to the
    /// inbox; the parent must exist): what `mv` does, for names no command line can carry.
    func moveIn(_ bytes: [UInt8], to path: [UInt8]) throws {
        let staged = Array("\(staging)/raw-\(UInt64.random(in: 0...UInt64.max))".utf8)
        try FileSystem.write(bytes, to: staged)
        try FileSystem.rename(staged, to: Array(inbox.utf8) + [UInt8(ascii: "/")] + path)
    }

    private func run(_ tool: String, _ arguments: [String]) throws -> WriteJob {
        WriteJob(child: try ChildProcess(tool, arguments), description: "\(tool) \(arguments.joined(separator: " "))")
    }

    private static func microseconds(_ pause: Duration) -> UInt32 {
        UInt32(pause.components.seconds * 1_000_000 + pause.components.attoseconds / 1_000_000_000_000)
    }

    private static func writeSlowly(_ bytes: [UInt8], to target: String, pause: Duration, job: WriteJob) {
        let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return job.finish(error: "open \(target): \(String(cString: strerror(errno)))") }
        let pieces = 8
        let size = max(1, (bytes.count + pieces - 1) / pieces)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + size)
            let written = bytes[offset..<end].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard written == end - offset else {
                close(fd)
                return job.finish(error: "write \(target) failed")
            }
            offset = end
            if offset < bytes.count { usleep(microseconds(pause)) }
        }
        close(fd)
        job.finish()
    }
}
