import Glibc
import Testing

/// One daemon per state directory: a second `depeche run` on the same state refuses to start,
/// naming the directory and the holder's pid; the first goes on, and the read-only commands
/// work beside it.
@Suite struct StateOwnershipTests {
    @Test func aSecondDaemonOnTheSameStateRefusesToStart() async throws {
        let run = try DaemonSandbox(label: "twodaemons", settings: ["intake.settle_ms": "50"])
        defer { run.remove() }
        try await run.daemon.start()
        let holder = try #require(run.daemon.pid)
        try FileSystem.makeDirectories(run.scratch.appending("second"))
        let second = try DaemonProcess(
            inbox: run.inbox, stateDirectory: run.state, settings: run.daemon.settings, workDirectory: run.scratch.appending("second"))
        defer { second.kill() }
        try await second.start(waitUntilReady: false)
        let exited = await second.waitUntil(timeout: .seconds(5)) { !second.isRunning }
        #expect(exited, "the second daemon is still running:\n\(second.journalTail())")
        #expect(await second.terminate() ?? 0 != 0)
        let refusal = second.journal()
        #expect(refusal.contains(run.state) && refusal.contains("pid \(holder)"), "\(refusal)")
        #expect(!second.isReady)

        try await run.writer.write(TestPages.page(serial: 1), to: "a.txt")
        try await run.writer.write(TestPages.page(serial: 2), to: "b.txt")
        #expect(await run.waitUntilProcessed(2))
        #expect(run.daemon.isRunning)
        #expect(run.daemon.eventLog.events.map(\.seq) == [1, 2])

        let check = try run.daemon.check()
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let tail = try Command.run(DaemonProcess.binary, ["tail", "--config", run.daemon.configPath], dropping: DaemonProcess.isDepecheVariable)
        #expect(tail.status == 0 && tail.stdout.split(separator: "\n").count == 2, "\(tail.stdout)\(tail.stderr)")
        let status = try Command.run(DaemonProcess.binary, ["status", "--config", run.daemon.configPath], dropping: DaemonProcess.isDepecheVariable)
        #expect(status.status == 0 && status.stdout.contains("last seq 2"), "\(status.stdout)\(status.stderr)")
        #expect(await run.daemon.terminate() == 0)
    }

    /// A second daemon on the same inbox with a state directory of its own would take every
    /// file too (two events, moves racing): it refuses to start, naming the inbox and the
    /// holder's pid, and takes none; after the inbox is removed and made again, the first holds
    /// the new directory as well.
    @Test func aSecondDaemonOnTheSameInboxRefusesToStart() async throws {
        let run = try DaemonSandbox(label: "twoinboxes", settings: ["intake.settle_ms": "50"])
        defer { run.remove() }
        try await run.daemon.start()
        let holder = try #require(run.daemon.pid)
        func second(_ name: String) async throws -> DaemonProcess {
            try FileSystem.makeDirectories(run.scratch.appending(name))
            let second = try DaemonProcess(
                inbox: run.inbox, stateDirectory: run.scratch.appending("\(name)/state"), settings: run.daemon.settings,
                workDirectory: run.scratch.appending(name))
            try await second.start(waitUntilReady: false)
            let exited = await second.waitUntil(timeout: .seconds(5)) { !second.isRunning }
            #expect(exited, "the second daemon is still running:\n\(second.journalTail())")
            #expect(await second.terminate() ?? 0 != 0)
            let refusal = second.journal()
            #expect(refusal.contains("inbox \(run.inbox) is watched by another depeche (pid \(holder))"), "\(refusal)")
            #expect(second.eventLog.events.isEmpty)
            return second
        }
        _ = try await second("second")

        try Command.succeed("rm", ["-rf", run.inbox])
        try await Task.sleep(for: .milliseconds(300))
        try FileSystem.makeDirectories(run.inbox)
        try await run.writer.write(TestPages.page(serial: 1), to: "a.txt")
        #expect(await run.waitUntilProcessed(1), "\(run.daemon.journalTail())")
        _ = try await second("third")
        #expect(run.daemon.isRunning)
        #expect(await run.daemon.terminate() == 0)
    }

    /// Two daemons with their own inboxes and state directories but one `log.path` (a copied
    /// configuration) would write the same `seq`s into it: the second refuses to start.
    @Test func aSecondDaemonOnTheSameLogRefusesToStart() async throws {
        let run = try DaemonSandbox(label: "twologs", settings: ["intake.settle_ms": "50"])
        defer { run.remove() }
        let log = run.scratch.appending("shared/events.jsonl")
        run.daemon.settings["log.path"] = log
        try await run.daemon.start()
        let holder = try #require(run.daemon.pid)
        try FileSystem.makeDirectories(run.scratch.appending("second/inbox"))
        let second = try DaemonProcess(
            inbox: run.scratch.appending("second/inbox"), stateDirectory: run.scratch.appending("second/state"),
            settings: run.daemon.settings, workDirectory: run.scratch.appending("second"))
        defer { second.kill() }
        try await second.start(waitUntilReady: false)
        let exited = await second.waitUntil(timeout: .seconds(5)) { !second.isRunning }
        #expect(exited, "the second daemon is still running:\n\(second.journalTail())")
        #expect(await second.terminate() ?? 0 != 0)
        #expect(second.journal().contains("event log \(log) is written by another depeche (pid \(holder))"), "\(second.journal())")
        try await run.writer.write(TestPages.page(serial: 1), to: "a.txt")
        #expect(await run.waitUntilProcessed(1))
        #expect(await run.daemon.terminate() == 0)
        #expect(run.daemon.eventLog.events.map(\.seq) == [1])
    }

    @Test func theLockGoesWithAKilledDaemon() async throws {
        let run = try DaemonSandbox(label: "lockkill", settings: ["intake.settle_ms": "50"])
        defer { run.remove() }
        try await run.daemon.start()
        run.daemon.kill()
        try await run.daemon.start()
        #expect(run.daemon.isRunning)
        #expect(await run.daemon.terminate() == 0)
    }
}
