import Testing

/// Every writer scrapers use, against the real binary: each file is taken exactly once,
/// whole, and leaves the inbox for the archive.
@Suite struct WriterTests {
    @Test(arguments: WriteMethod.allCases)
    func eachWriterIsTakenOnceAndWhole(method: WriteMethod) async throws {
        let run = try DaemonSandbox(label: "writer-\(method.rawValue)", settings: ["intake.settle_ms": "150"])
        defer { run.remove() }
        try await run.daemon.start()
        var dropped: [DroppedFile] = []
        for serial in 0..<3 {
            let bytes = TestPages.page(serial: serial + 100 * WriteMethod.allCases.firstIndex(of: method)!)
            let path = "site/\(method.rawValue)-\(serial).txt"
            try await run.writer.write(bytes, to: path, method: method)
            dropped.append(DroppedFile(path: Array(path.utf8), bytes: bytes, expected: .document))
        }
        let processed = await run.waitUntilProcessed(dropped.count)
        let status = await run.daemon.terminate()
        let log = run.daemon.eventLog.read()
        #expect(processed, "\(method): \(log.events.count) events\n\(run.daemon.journalTail())")
        #expect(status == 0)
        let problems = run.invariants.violations(of: log, dropped: dropped)
        #expect(problems.isEmpty, "\(method):\n\(problems.joined(separator: "\n"))")
        #expect(log.events.allSatisfy { $0.type == "document.ingested" }, "a slow or partial write was taken early")
    }
}
