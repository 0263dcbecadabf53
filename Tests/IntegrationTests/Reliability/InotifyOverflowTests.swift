import Glibc
import Testing

extension Reliability {
    /// More files than the kernel's inotify queue holds: the queue overflows, the daemon
    /// rescans, and every file is taken anyway.
    @Suite struct InotifyOverflow {
        static let limitPath = "/proc/sys/fs/inotify/max_queued_events"

        /// Whether this process may change the queue limit (root, outside a restricted container).
        static let canLowerTheQueue: Bool = {
            guard let current = try? FileSystem.read(limitPath) else { return false }
            return (try? FileSystem.write(current, to: limitPath)) != nil
        }()

        @Test(.enabled(if: canLowerTheQueue, "cannot write /proc/sys/fs/inotify/max_queued_events (needs root): overflow is not tested"))
        func everyFileIsTakenAfterTheQueueOverflows() async throws {
            let sandbox = try DaemonSandbox(label: "overflow", settings: ["intake.settle_ms": "50"])
            defer { sandbox.remove() }
            // The limit is read when an inotify instance is created: lower it only while the
            // daemon starts, so that other processes' instances keep the usual queue.
            let original = try FileSystem.read(Self.limitPath)
            try FileSystem.write(Array("64\n".utf8), to: Self.limitPath)
            do {
                try await sandbox.daemon.start()
                try FileSystem.write(original, to: Self.limitPath)
            } catch {
                try FileSystem.write(original, to: Self.limitPath)
                throw error
            }

            // Stopped, the daemon reads no event while 1,500 files arrive (3,000 events or more).
            let count = 1_500
            sandbox.daemon.send(SIGSTOP)
            var dropped: [DroppedFile] = []
            for index in 0..<count {
                let page = TestPages.page(serial: 10_000 + index, paragraphCount: 2)
                let path = index % 3 == 0 ? "site-\(index % 5)/page-\(index).txt" : "page-\(index).txt"
                if index < 5 { try FileSystem.makeDirectories(sandbox.inbox + "/site-\(index)") }
                try FileSystem.write(page, to: sandbox.inbox + "/" + path)
                dropped.append(DroppedFile(path: Array(path.utf8), bytes: page, expected: .document))
            }
            sandbox.daemon.send(SIGCONT)
            let processed = await sandbox.waitUntilProcessed(count, timeout: .seconds(90))
            #expect(await sandbox.daemon.terminate() == 0)
            #expect(processed, "\(sandbox.daemon.journalTail())")
            #expect(sandbox.daemon.journal().contains("inotify queue overflowed"), "the queue did not overflow: the test proved nothing")
            let problems = sandbox.invariants.violations(of: sandbox.daemon.eventLog.read(), dropped: dropped)
            #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
        }
    }
}
