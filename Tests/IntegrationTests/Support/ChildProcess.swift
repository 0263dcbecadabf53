import Glibc
@testable import DepecheCore

/// A child process started with `posix_spawn`: its output goes to files, never to pipes the
/// test would have to drain, and it is waited for explicitly.
final class ChildProcess: Sendable {
    /// The child's process id.
    let pid: pid_t
    /// The raw `waitpid` status once reaped. Held while reaping, so the pid is reaped once.
    private let status = Locked<Int32?>(nil)

    /// Starts `executable` with `arguments`; stdout and stderr are appended to the given files
    /// (or go to /dev/null). `PATH` is searched when `executable` has no slash. The child
    /// inherits the environment except the variables `dropping` says to leave out.
    init(
        _ executable: String, _ arguments: [String], stdout: String? = nil, stderr: String? = nil,
        dropping: (String) -> Bool = { _ in false }
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = Self.environment().filter { !dropping($0) }.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let result = argv.withUnsafeBufferPointer { arguments in
            envp.withUnsafeBufferPointer { posix_spawnp(&child, executable, &actions, nil, arguments.baseAddress!, $0.baseAddress!) }
        }
        guard result == 0 else { throw HarnessError("cannot start \(executable): \(String(cString: strerror(result)))") }
        pid = child
    }

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

    /// Sends `signal` to the child, unless it has been reaped (its pid may be reused).
    func send(_ signal: Int32) {
        status.withLock { if $0 == nil { _ = Glibc.kill(pid, signal) } }
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
        if isRunning {
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
