import Foundation
import Glibc

/// The built `depeche` binary running as a daemon on a test's own inbox and state directory,
/// started, killed and restarted like a real process. Its journal (stderr) accumulates
/// across restarts in `journalPath`.
final class DaemonProcess {
    /// The binary the integration tests run: `$INTEGRATION_DEPECHE_BINARY`, else the one
    /// `swift test` built beside the test runner (so a sanitizer build tests its own binary).
    static let binary: String = {
        if let override = getenv("INTEGRATION_DEPECHE_BINARY") { return String(cString: override) }
        return BuiltBinary.depeche.path
    }()

    /// The inbox directory.
    let inbox: String
    /// The state directory (`events.jsonl`, archive, quarantine).
    let stateDirectory: String
    /// `--set key=value` overrides, applied at every start.
    var settings: [String: String]
    /// Where the daemon's stderr goes.
    let journalPath: String
    /// The configuration file naming the inbox and state directory (no other key: defaults
    /// plus `settings`), so that no configuration of the machine applies.
    let configPath: String
    /// A command to run the daemon under, the daemon's command line appended to it (strace
    /// injecting faults, say). Signals go to the daemon itself, the command's child.
    var runUnder: [String] = []
    private var child: ChildProcess?
    /// The journal's length when the latest start began.
    private var journalOffset = 0

    /// A daemon for `inbox` and `stateDirectory`, not started; its journal and configuration
    /// file are written in `workDirectory`.
    init(inbox: String, stateDirectory: String, settings: [String: String] = [:], workDirectory: String) throws {
        self.inbox = inbox
        self.stateDirectory = stateDirectory
        self.settings = settings
        journalPath = workDirectory + "/depeche.journal"
        configPath = workDirectory + "/depeche.yaml"
        try FileSystem.write(Array("inbox: \(inbox)\nstate_dir: \(stateDirectory)\n".utf8), to: configPath)
    }

    /// The active event log (`log.path`, else `events.jsonl` in the state directory).
    var eventLog: EventLogFile { EventLogFile(activePath: settings["log.path"] ?? stateDirectory + "/events.jsonl") }

    /// The running daemon's process id, if it runs.
    var pid: pid_t? {
        guard let child, child.isRunning else { return nil }
        guard !runUnder.isEmpty else { return child.pid }
        let children = try? String(contentsOfFile: "/proc/\(child.pid)/task/\(child.pid)/children", encoding: .utf8)
        return children.flatMap { pid_t($0.split(separator: " ").first ?? "") }
    }

    /// Starts the daemon and, unless told not to, waits until it has watched and scanned the
    /// inbox. `DEPECHE_…` variables of the test's environment are not passed on.
    func start(waitUntilReady: Bool = true, timeout: Duration = .seconds(30)) async throws {
        guard access(Self.binary, X_OK) == 0 else {
            throw HarnessError("\(Self.binary) is missing: run `swift build` before the integration tests")
        }
        let arguments = ["run", "--config", configPath] + settingArguments
        journalOffset = (try? FileSystem.read(journalPath).count) ?? 0
        let command = runUnder + [Self.binary] + arguments
        let child = try ChildProcess(command[0], Array(command.dropFirst()), stderr: journalPath, dropping: Self.isDepecheVariable)
        self.child = child
        guard waitUntilReady else { return }
        let deadline = ContinuousClock.now + timeout
        while !isReady {
            if !child.isRunning {
                throw HarnessError("depeche exited with \(child.wait()) at start-up:\n\(journalTail())")
            }
            if ContinuousClock.now >= deadline { throw HarnessError("depeche did not start within \(timeout):\n\(journalTail())") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Whether the latest start has reached "watching the inbox" (start-up scan done).
    var isReady: Bool {
        let journal = (try? FileSystem.read(journalPath)) ?? []
        return String(decoding: journal.dropFirst(journalOffset), as: UTF8.self).contains("watching the inbox")
    }

    /// `kill -9`: no chance to flush, commit the store or move anything.
    func kill() {
        // Under a command that has not started the daemon yet: the command itself.
        if pid == nil { child?.send(SIGKILL) } else { send(SIGKILL) }
        child?.wait()
        child = nil
    }

    /// SIGTERM, then waits for the exit code (nil: still running after `timeout`, then killed).
    func terminate(timeout: Duration = .seconds(20)) async -> Int32? {
        guard let child else { return nil }
        send(SIGTERM)
        let status = await child.wait(timeout: timeout)
        if status == nil { kill() }
        self.child = nil
        return status
    }

    /// Sends a signal to the running daemon.
    func send(_ signal: Int32) {
        guard runUnder.isEmpty else {
            if let pid { Glibc.kill(pid, signal) }
            return
        }
        child?.send(signal)
    }

    /// Whether the process is alive.
    var isRunning: Bool { child?.isRunning ?? false }

    /// Everything the daemon printed so far, across restarts.
    func journal() -> String { String(decoding: (try? FileSystem.read(journalPath)) ?? [], as: UTF8.self) }

    /// The last lines of the journal, for failure messages.
    func journalTail(lines: Int = 30) -> String {
        journal().split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    /// `--set key=value` for each of `settings`.
    private var settingArguments: [String] {
        settings.sorted(by: { $0.key < $1.key }).flatMap { ["--set", "\($0.key)=\($0.value)"] }
    }

    /// Runs `depeche check` with this daemon's configuration and settings; returns its exit
    /// code and output.
    func check() throws -> Command.Result {
        try Command.run(Self.binary, ["check", "--config", configPath] + settingArguments, dropping: Self.isDepecheVariable)
    }

    /// The test's own `DEPECHE_…` variables would configure the daemon: they are left out.
    static func isDepecheVariable(_ entry: String) -> Bool { entry.hasPrefix("DEPECHE_") }

    /// Polls until `condition` holds; false if `timeout` passes first.
    func waitUntil(timeout: Duration, _ condition: () throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while try !condition() {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return true
    }

    deinit { kill() }
}
