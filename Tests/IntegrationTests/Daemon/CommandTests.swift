import Foundation
import Glibc
import Testing

/// The commands users run by hand: `check`, a bad configuration, SIGHUP (`extract`: ``ExtractCommandTests``).
@Suite struct CommandTests {
    @Test func checkNamesTheBrokenLine() async throws {
        let run = try DaemonSandbox(label: "check", settings: ["intake.settle_ms": "50"])
        defer { run.remove() }
        try await run.daemon.start()
        try await run.writer.write(TestPages.page(serial: 3), to: "a.txt")
        #expect(await run.waitUntilProcessed(1))
        #expect(await run.daemon.terminate() == 0)
        #expect(try run.daemon.check().status == 0)
        let log = run.state + "/events.jsonl"
        let handle = try #require(FileHandle(forWritingAtPath: log))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"v":1,"seq":5,"ts":"2026-01-01T00:00:00.000Z","type":"document.ingested"}"#.utf8 + [0x0A]))
        handle.closeFile()
        let check = try run.daemon.check()
        #expect(check.status != 0)
        #expect(check.stdout.contains("events.jsonl:2") && check.stdout.contains("gap"), "\(check.stdout)")
    }

    @Test func aBadConfigurationStopsStartUpNamingTheKey() throws {
        let scratch = try ScratchDirectory(label: "badconfig")
        defer { scratch.remove() }
        let config = scratch.appending("depeche.yaml")
        try FileSystem.write(Array("inbox: \(scratch.path)/in\nlog:\n  fsync: sometimes\n".utf8), to: config)
        let bad = try Command.run(DaemonProcess.binary, ["run", "--config", config])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("log.fsync"), "\(bad.stderr)")
        try FileSystem.write(Array("inbox: \(scratch.path)/in\nintake:\n  setle_ms: 5\n".utf8), to: config)
        let unknown = try Command.run(DaemonProcess.binary, ["check", "--config", config])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("intake.setle_ms"), "\(unknown.stderr)")
    }

    /// An empty configuration file means every default; a section given a value is named as one.
    @Test func anEmptyConfigurationFileMeansTheDefaults() throws {
        let scratch = try ScratchDirectory(label: "emptyconfig")
        defer { scratch.remove() }
        let config = scratch.appending("depeche.yaml")
        let paths = ["--inbox", scratch.appending("in"), "--state-dir", scratch.appending("state")]
        for yaml in ["", "# nothing yet\n"] {
            try FileSystem.write(Array(yaml.utf8), to: config)
            let check = try Command.run(DaemonProcess.binary, ["check", "--config", config] + paths, dropping: DaemonProcess.isDepecheVariable)
            #expect(check.status == 0 && check.stdout.hasPrefix("config: ok"), "\(check.stdout)\(check.stderr)")
        }
        try FileSystem.write(Array("log: 5\n".utf8), to: config)
        let section = try Command.run(DaemonProcess.binary, ["check", "--config", config] + paths, dropping: DaemonProcess.isDepecheVariable)
        #expect(section.status != 0 && section.stderr.contains("config: log: is a section: must be a mapping of its keys"), "\(section.stderr)")
    }

    /// A daemon started in `run` that logged pages 1…`pages`, whose log was then renamed away as
    /// `logrotate` does (with a SIGHUP after it when `reload`); returns once a new file is there.
    private static func logPages(_ pages: Int, thenMoveTheLogOf run: DaemonSandbox, reload: Bool) async throws {
        try await run.daemon.start()
        for serial in 1...pages { try await run.writer.write(TestPages.page(serial: serial), to: "p\(serial).txt") }
        #expect(await run.waitUntilProcessed(pages))
        let log = run.state + "/events.jsonl"
        #expect(rename(log, log + ".1") == 0)
        if reload { run.daemon.send(SIGHUP) }
        #expect(await run.daemon.waitUntil(timeout: .seconds(10)) { access(log, F_OK) == 0 }, "\(run.daemon.journalTail())")
    }

    /// The log renamed away, then a reload (`logrotate`'s `postrotate`) or none: the daemon writes
    /// the next event to a new file under the name (`tail -F` follows the name), continuing the
    /// sequence; without a reload it noticed the rename by itself.
    @Test(arguments: [true, false])
    func aLogMovedAwayIsFollowedToANewFile(reload: Bool) async throws {
        let run = try DaemonSandbox(label: "moved", settings: ["intake.settle_ms": "50"])
        defer { run.remove() }
        try await Self.logPages(1, thenMoveTheLogOf: run, reload: reload)
        try await run.writer.write(TestPages.page(serial: 2), to: "b.txt")
        #expect(await run.waitUntilProcessed(1))
        #expect(await run.daemon.terminate() == 0)
        #expect(run.daemon.eventLog.events.map(\.seq) == [2], "the new file continues the sequence")
        if !reload { #expect(run.daemon.journal().contains("the event log was moved away; writing to a new one")) }
    }

    /// `logrotate` (`create`, then a reload) and a restart before the next event: the new log
    /// holds none. It goes on after the store's `seq`, and the store still knows every document.
    @Test func aLogMovedAwayBeforeARestartGoesOnAfterTheStoresSeq() async throws {
        let run = try DaemonSandbox(label: "moved-restart", settings: ["intake.settle_ms": "50"])
        defer { run.remove() }
        try await Self.logPages(2, thenMoveTheLogOf: run, reload: true)
        #expect(await run.daemon.terminate() == 0)
        let check = try run.daemon.check()
        #expect(check.status == 0 && check.stdout.contains("the next is seq 3"), "\(check.stdout)\(check.stderr)")
        // `status` says the same of the new empty log, and of no log at all (not "has not run").
        let log = run.state + "/events.jsonl"
        for state in ["no events", "none"] {
            if state == "none" { #expect(unlink(log) == 0) }
            let status = try Command.run(DaemonProcess.binary, ["status", "--config", run.daemon.configPath], dropping: DaemonProcess.isDepecheVariable)
            #expect(status.status == 0 && status.stdout.contains("\(log): \(state) (moved away or removed); the state store is at seq 2: "
                                                                 + "the next event is seq 3"), "\(status.stdout)\(status.stderr)")
        }

        try await run.daemon.start()
        try await run.writer.write(TestPages.page(serial: 1), to: "again.txt")
        try await run.writer.write(TestPages.page(serial: 3), to: "p3.txt")
        #expect(await run.waitUntilProcessed(2))
        #expect(await run.daemon.terminate() == 0)
        let events = run.daemon.eventLog.events
        #expect(events.map(\.seq) == [3, 4], "\(run.daemon.journalTail())")
        #expect(events.first { $0.displayPath == "again.txt" }?.type == "document.duplicate", "the store still knows p1.txt")
        #expect(run.daemon.journal().contains("the event log holds no events"))
    }
}
