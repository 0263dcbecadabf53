import Glibc
@testable import DepecheCore

/// A child process started with `posix_spawn`: its output goes to files, never to pipes the
/// test would have to drain, and it is waited for explicitly. It inherits no descriptor but
/// 0–2: a long-lived child (a daemon, a nats-server) that kept the write end of a pipe another
/// test reads to its end would make that read wait as long as the child lives. It starts with every signal
/// unblocked and at its default action, as from a shell: the test runner's threads block most
/// signals, and a child inheriting that mask ignores the SIGTERM meant to stop it.
final class ChildProcess: Sendable {
    /// The child's process id.
    let pid: pid_t
    /// Whether the child leads a session (and process group) of its own, so that signals and
    /// the final kill reach everything it started.
    let leadsSession: Bool
    /// The raw `waitpid` status once reaped. Held while reaping, so the pid is reaped once.
    private let status = Locked<Int32?>(nil)

    /// Starts `executable` with `arguments`; stdout and stderr are appended to the given files
    /// (or go to /dev/null). `PATH` is searched when `executable` has no slash. The child
    /// inherits the environment except the variables `dropping` says to leave out. With
    /// `ownSession` it runs under `setsid`, as the leader of a new session.
    init(
        _ executable: String, _ arguments: [String], stdout: String? = nil, stderr: String? = nil, ownSession: Bool = false,
        dropping: (String) -> Bool = { _ in false }
    ) throws {
        leadsSession = ownSession
        let (executable, arguments) = ownSession ? ("setsid", [executable] + arguments) : (executable, arguments)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, 3) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = Self.environment().filter { !dropping($0) }.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let result = argv.withUnsafeBufferPointer { arguments in
            envp.withUnsafeBufferPointer { posix_spawnp(&child, executable, &actions, &attributes, arguments.baseAddress!, $0.baseAddress!) }
        }
        guard result == 0 else { throw HarnessError("cannot start \(executable): \(String(cString: strerror(result)))") }
        pid = child
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
    /// module does not declare (it needs `_GNU_SOURCE`).
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// This process's environment, as `NAME=value` strings.
    private static func environment() -> [String] {
        var entries: [String] = []
        var cursor = environ
        while let entry = cursor.pointee {
            entries.append(String(cString: entry))
            cursor += 1
        }
        return entries
    }

    /// Whether the child is still running (reaps it if it has exited).
    var isRunning: Bool {
        status.withLock { status in
            if status != nil { return false }
            var raw: Int32 = 0
            guard waitpid(pid, &raw, WNOHANG) == pid else { return true }
            status = raw
            return false
        }
    }

    /// Sends `signal` to the child, unless it has been reaped (its pid may be reused); to its
    /// whole process group too when it leads a session.
    func send(_ signal: Int32) {
        status.withLock { status in
            if leadsSession { _ = Glibc.kill(-pid, signal) }
            if status == nil { _ = Glibc.kill(pid, signal) }
        }
    }

    /// Waits for the child to exit and returns its exit code (128 + n when killed by signal n).
    @discardableResult
    func wait() -> Int32 {
        let raw = status.withLock { status in
            if status == nil {
                var raw: Int32 = 0
                while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
                status = raw
            }
            return status!
        }
        let signal = raw & 0x7F
        return signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
    }

    /// Waits up to `timeout` for the child to exit; nil if it is still running.
    func wait(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while isRunning {
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return wait()
    }

    deinit {
        if isRunning || leadsSession {
            send(SIGKILL)
            wait()
        }
    }
}

/// Runs a command to completion and returns its exit code and output.
enum Command {
    /// The result of a finished command.
    struct Result {
        /// Exit code (128 + n when killed by signal n).
        var status: Int32
        /// What it printed on stdout.
        var stdout: String
        /// What it printed on stderr.
        var stderr: String
    }

    /// Runs `executable arguments…` and waits for it (see ``ChildProcess`` for `dropping`).
    static func run(_ executable: String, _ arguments: [String], dropping: (String) -> Bool = { _ in false }) throws -> Result {
        let out = try temporaryFile(), err = try temporaryFile()
        defer {
            unlink(out)
            unlink(err)
        }
        let status = try ChildProcess(executable, arguments, stdout: out, stderr: err, dropping: dropping).wait()
        return Result(
            status: status,
            stdout: String(decoding: (try? FileSystem.read(out)) ?? [], as: UTF8.self),
            stderr: String(decoding: (try? FileSystem.read(err)) ?? [], as: UTF8.self))
    }

    private static func temporaryFile() throws -> String {
        var template = Array("/tmp/depeche-output-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw HarnessError("mkstemp: \(String(cString: strerror(errno)))") }
        close(fd)
        return String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Runs a command that must succeed.
    static func succeed(_ executable: String, _ arguments: [String]) throws {
        let result = try run(executable, arguments)
        guard result.status == 0 else {
            throw HarnessError("\(executable) \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
    }
}

/// A failure of the test harness itself (a tool that would not start, a timeout).
struct HarnessError: Error, CustomStringConvertible {
    /// What went wrong.
    var description: String

    init(_ description: String) { self.description = description }
}
