import Glibc
import Testing

/// 5,000 files at once, then a restart: all taken once, none reported again.
@Suite struct BurstTests {
    @Test func fiveThousandFilesAreEachReportedOnceAcrossARestart() async throws {
        let run = try DaemonSandbox(label: "burst", settings: ["intake.settle_ms": "100"])
        defer { run.remove() }
        try await run.daemon.start()
        var dropped: [DroppedFile] = []
        for serial in 0..<5000 {
            // Every tenth file repeats an earlier content: duplicates in the burst.
            let bytes = TestPages.page(serial: serial % 10 == 9 ? serial - 1 : serial, paragraphCount: 3)
            let name = Array("p\(serial).txt".utf8)
            try run.writer.moveIn(bytes, to: name)
            dropped.append(DroppedFile(path: name, bytes: bytes, expected: .document))
        }
        let processed = await run.waitUntilProcessed(dropped.count, timeout: .seconds(120))
        #expect(processed, "\(run.daemon.eventLog.events.count) events\n\(run.daemon.journalTail())")
        #expect(await run.daemon.terminate() == 0)
        try await run.daemon.start()
        try await Task.sleep(for: .milliseconds(500))
        #expect(await run.daemon.terminate() == 0)
        let log = run.daemon.eventLog.read()
        #expect(log.events.count == 5000)
        #expect(log.events.filter { $0.type == "document.duplicate" }.count == 500)
        let problems = run.invariants.violations(of: log, dropped: dropped)
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
    }
}
