import Testing

extension Reliability {
    /// The event log deleted under a running daemon (`rm -rf` of the whole state directory, or of
    /// the log alone): the events written to the deleted file are never counted as durable, so
    /// their files stay in the inbox; the daemon stops with status 1, naming what happened, and
    /// takes those files again once restarted.
    @Suite struct LogDeleted {
        @Test(arguments: ["state directory", "event log"])
        func theFilesOfTheLostEventsStayAndAreTakenAfterARestart(deleting what: String) async throws {
            let sandbox = try DaemonSandbox(label: "log-deleted", settings: ["intake.settle_ms": "50"])
            defer { sandbox.remove() }
            try await sandbox.daemon.start()
            try await sandbox.writer.write(TestPages.page(serial: 500), to: "before.txt")
            #expect(await sandbox.waitUntilProcessed(1))

            try Command.succeed("rm", what == "event log" ? ["-f", sandbox.daemon.eventLog.activePath] : ["-rf", sandbox.state])
            let after = (0..<5).map { "after-\($0).txt" }
            for (index, name) in after.enumerated() { try await sandbox.writer.write(TestPages.page(serial: 501 + index), to: name) }
            let stopped = await sandbox.daemon.waitUntil(timeout: .seconds(15)) { !sandbox.daemon.isRunning }
            #expect(stopped, "the daemon went on writing into a deleted log:\n\(sandbox.daemon.journalTail())")
            #expect(await sandbox.daemon.terminate() == 1)
            #expect(sandbox.daemon.journal().contains("events.jsonl was deleted while depeche ran"), "\(sandbox.daemon.journalTail())")
            #expect(FileSystem.nonDirectories(below: sandbox.inbox).count == after.count)

            try await sandbox.daemon.start()
            #expect(await sandbox.waitUntilProcessed(after.count), "\(sandbox.daemon.journalTail())")
            #expect(await sandbox.daemon.terminate() == 0)
            let events = sandbox.daemon.eventLog.events
            #expect(events.map(\.displayPath).sorted() == after)
            // The log alone deleted: the store still knows before.txt's event, and the new log
            // goes on after it (no seq given out twice).
            let first = what == "event log" ? 2 : 1
            #expect(events.map(\.seq) == Array(first..<(first + after.count)))
        }
    }
}
