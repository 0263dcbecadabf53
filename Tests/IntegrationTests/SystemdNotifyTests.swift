import Foundation
import Glibc
import TestSupport
import Testing

/// Plays systemd for `depeche run`: owns the notification socket, sets `NOTIFY_SOCKET`,
/// `WATCHDOG_USEC` and `JOURNAL_STREAM` as a `Type=notify` unit would, and checks what
/// arrives, and when.
@Suite struct SystemdNotifyTests {
    /// `WatchdogSec=4s`: pings every 2 s while every loop has beaten within 2 s (the watcher
    /// beats at least once a second).
    static let watchdogMicroseconds = 4_000_000
    static let tick = Duration.seconds(2)

    /// A page in the style of the scrapers' output.
    static func page(_ title: String) -> String {
        "<html><head><title>\(title)</title></head><body><article><h1>\(title)</h1>"
            + "<p>Le ministère de l'Économie a présenté à Rabat un plan pour les ports de Tanger et de Casablanca.</p>"
            + "</article></body></html>"
    }

    @Test(.timeLimit(.minutes(5)))
    func notificationsArriveInOrderAndTheWatchdogStarvesWhenTheWatcherIsWedged() async throws {
        let socket = try NotifySocket()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("depeche-notify-\(UUID().uuidString)")
        let inbox = directory.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.page("Avant le démarrage").write(to: inbox.appendingPathComponent("before.html"), atomically: true, encoding: .utf8)

        // Standard error goes to a file whose device and inode are JOURNAL_STREAM, as when
        // systemd connects it to journald: lines must then carry <N> priorities.
        let stderrPath = directory.appendingPathComponent("stderr").path
        #expect(FileManager.default.createFile(atPath: stderrPath, contents: nil))
        let stderrHandle = try #require(FileHandle(forWritingAtPath: stderrPath))
        var stderrStatus = stat()
        #expect(stat(stderrPath, &stderrStatus) == 0)

        let daemon = Process()
        daemon.executableURL = BuiltBinary.depeche
        daemon.arguments = [
            "run", "--inbox", inbox.path, "--state-dir", directory.appendingPathComponent("state").path,
            "--set", "intake.settle_ms=50",
        ]
        daemon.currentDirectoryURL = directory
        daemon.environment = [
            "PATH": "/usr/bin:/bin",
            "NOTIFY_SOCKET": socket.name,
            "WATCHDOG_USEC": String(Self.watchdogMicroseconds),
            "JOURNAL_STREAM": "\(stderrStatus.st_dev):\(stderrStatus.st_ino)",
        ]
        daemon.standardError = stderrHandle
        daemon.standardOutput = stderrHandle
        try daemon.run()
        defer { if daemon.isRunning { daemon.terminate() } }
        var log: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

        // READY=1 once the watch is up and the start-up scan is done; the scan found the file
        // that was waiting, and a file dropped after READY is seen by the watch.
        let startup = await socket.receive(until: "READY=1", timeout: .seconds(60))
        try #require(startup.last?.hasLine("READY=1") == true, "no READY=1; daemon output:\n\(log)")
        #expect(startup.dropLast().allSatisfy { !$0.hasLine("READY=1") })
        try Self.page("Après le démarrage").write(to: inbox.appendingPathComponent("after.html"), atomically: true, encoding: .utf8)
        let working = await socket.receive(
            until: "STATUS=2 ingested, 0 duplicates, 0 rejected, inbox empty", timeout: .seconds(30))
        #expect(working.last?.hasLine("STATUS=2 ingested, 0 duplicates, 0 rejected, inbox empty") == true, "\(working)")
        #expect((startup + working).filter { $0.hasLine("WATCHDOG=1") }.count >= 1)

        // SIGHUP: RELOADING=1 with MONOTONIC_USEC=, then READY=1.
        kill(daemon.processIdentifier, SIGHUP)
        let reload = await socket.receive(until: "READY=1", timeout: .seconds(30))
        let reloading = try #require(reload.firstIndex { $0.hasLine("RELOADING=1") }, "no RELOADING=1: \(reload)")
        #expect(reload[reloading].split(separator: "\n").contains { $0.hasPrefix("MONOTONIC_USEC=") })
        #expect(reload.last?.hasLine("READY=1") == true)
        #expect(reloading < reload.count - 1, "RELOADING=1 came before READY=1")

        // Wedge the watcher thread: status goes on, watchdog pings stop, and the journal gets
        // an error line; thawed, the pings come back.
        // Once a tick has withheld its ping, every later one does too.
        let freezer = try ThreadFreezer(pid: daemon.processIdentifier, threadNamed: "depeche-inotify")
        let starving = await socket.receive(untilCount: 1, of: { !$0.hasLine("WATCHDOG=1") }, timeout: Self.tick * 4)
        #expect(starving.last.map { !$0.hasLine("WATCHDOG=1") } == true, "pings went on: \(starving)")
        let wedged = await socket.receive(untilCount: 2, of: { _ in true }, timeout: Self.tick * 4)
        freezer.thaw()
        #expect(wedged.count == 2 && wedged.allSatisfy { $0.hasPrefix("STATUS=") }, "status goes on: \(wedged)")
        #expect(!wedged.contains { $0.hasLine("WATCHDOG=1") }, "pings went on with the watcher frozen: \(wedged)")
        #expect(log.contains("<3>watchdog ping withheld: a loop has stopped heartbeat=watcher"), "\(log)")
        let thawed = await socket.receive(until: "WATCHDOG=1", timeout: Self.tick * 3)
        #expect(thawed.last?.hasLine("WATCHDOG=1") == true, "pings did not resume: \(thawed)")

        // SIGTERM: STOPPING=1, then a clean exit.
        daemon.terminate()
        let stopping = await socket.receive(until: "STOPPING=1", timeout: .seconds(30))
        #expect(stopping.last?.hasLine("STOPPING=1") == true, "\(stopping)")
        await daemon.exited()
        #expect(daemon.terminationStatus == 0, "\(log)")
        #expect(await socket.receiveAll(for: .milliseconds(200)).isEmpty, "nothing after STOPPING=1")
        #expect(log.split(separator: "\n").allSatisfy { $0.hasPrefix("<") }, "every line has a priority:\n\(log)")
    }
}
