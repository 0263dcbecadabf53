import Foundation
import Glibc
import Testing

/// The commands users run by hand: `extract`, `check`, a bad configuration, SIGHUP.
@Suite struct CommandTests {
    @Test func extractPrintsOneEventPerFileWithoutStateOrMoves() throws {
        let scratch = try ScratchDirectory(label: "extract")
        defer { scratch.remove() }
        let good = scratch.appending("page.txt")
        let empty = scratch.appending("empty.txt")
        try FileSystem.write(TestPages.page(serial: 1), to: good)
        try FileSystem.write([], to: empty)
        let result = try Command.run(DaemonProcess.binary, ["extract", good, empty, scratch.appending("missing.txt")])
        let events = result.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(events.count == 3)
        #expect(events.map { $0["seq"] as? Int } == [1, 2, 3])
        #expect(events[0]["type"] as? String == "document.ingested")
        #expect(events[0]["entities"] is [Any])
        #expect(events[1]["reason"] as? String == "empty")
        #expect(events[2]["type"] as? String == "document.rejected")
        #expect(FileSystem.nonDirectories(below: scratch.path).count == 2, "extract moved or created files")
    }

    /// No configuration file, an empty working directory: the built-in gazetteers are used, and
    /// a user's list given by `extract.gazetteer_dir` adds its names to them.
    @Test func extractNeedsNoConfigurationAndReadsTheUsersLists() throws {
        let scratch = try ScratchDirectory(label: "extract-anywhere")
        defer { scratch.remove() }
        try FileSystem.write(Array("Selon Bank Al-Maghrib, la société Zorblax Analytics recrute à Rabat.\n".utf8), to: scratch.appending("page.txt"))
        try FileManager.default.createDirectory(atPath: scratch.appending("lists"), withIntermediateDirectories: false)
        try FileSystem.write(Array("Zorblax Analytics\tORG\n".utf8), to: scratch.appending("lists/watch.tsv"))
        /// The gazetteer names (`canonical`) the page's entities were found under.
        func known(_ settings: String) throws -> Set<String> {
            let result = try Command.run("/bin/sh", ["-c", "cd '\(scratch.path)' && exec '\(DaemonProcess.binary)' extract \(settings) page.txt"],
                                         dropping: { $0.hasPrefix("DEPECHE_") })
            #expect(result.status == 0, "\(result.stderr)")
            let event = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let entities = event?["entities"] as? [[String: Any]] ?? []
            return Set(entities.compactMap { $0["canonical"] as? String })
        }
        #expect(try known("") == ["Bank Al-Maghrib", "Rabat"])
        #expect(try known("--set extract.gazetteer_dir=lists") == ["Bank Al-Maghrib", "Zorblax Analytics", "Rabat"])
        let missing = try Command.run("/bin/sh", ["-c", "cd '\(scratch.path)' && exec '\(DaemonProcess.binary)' extract --set extract.gazetteer_dir=nowhere page.txt"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("extract.gazetteer_dir: nowhere: no such file or directory"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("NSCocoaErrorDomain"))
    }

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
