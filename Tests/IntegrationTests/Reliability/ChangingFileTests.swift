import Glibc
import Testing

extension Reliability {
    /// Files that change under the daemon: replaced after they were read, still growing, or
    /// too large to read at all.
    @Suite struct ChangingFiles {
        /// A page is replaced (renamed over) at several moments while the first version is
        /// being read, analysed or logged. The first version may be reported (its bytes were
        /// read) but only with its own bytes in the archive; the last version must always get
        /// its one event; nothing stays in the inbox.
        @Test func aFileReplacedWhileProcessedIsTakenAgain() async throws {
            let sandbox = try DaemonSandbox(label: "replaced", settings: ["intake.settle_ms": "50"])
            defer { sandbox.remove() }
            try await sandbox.daemon.start()
            let delays = [80, 200, 400, 700]
            var finals: [(path: [UInt8], id: String?)] = []
            for (index, delay) in delays.enumerated() {
                let path = "replaced-\(index).txt"
                // ~2 MB: reading and analysing it takes long enough to be caught in the middle.
                let first = TestPages.page(serial: 100 + index, paragraphCount: 10_000)
                try await sandbox.writer.write(first, to: path)
                try await Task.sleep(for: .milliseconds(delay))
                let last = TestPages.page(serial: 200 + index)
                try await sandbox.writer.write(last, to: path)
                finals.append((Array(path.utf8), DroppedFile(path: [], bytes: last, expected: .document).id))
            }
            // Generous: under ThreadSanitizer the analysis is some fifty times slower.
            let settled = await sandbox.daemon.waitUntil(timeout: .seconds(180)) {
                let ids = Set(sandbox.daemon.eventLog.events.compactMap(\.id))
                return finals.allSatisfy { ids.contains($0.id ?? "") } && FileSystem.nonDirectories(below: sandbox.inbox).isEmpty
            }
            #expect(await sandbox.daemon.terminate() == 0)
            let log = sandbox.daemon.eventLog.read()
            #expect(settled, "a last version was never reported, or a file stayed in the inbox:\n\(sandbox.daemon.journalTail())")
            let problems = log.problems + sandbox.invariants.storageViolations(log.events)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
            for (path, id) in finals {
                let events = log.events.filter { $0.path == path }
                #expect(events.last?.id == id && events.count <= 2, "\(FileSystem.display(path)): events \(events.map { ($0.seq, $0.id ?? "") })")
            }
        }

        /// A writer that appends a line every 30 ms for over a second (closing the file each
        /// time, like `echo >>`): taken once, whole, after it stops. The settle time is 400 ms,
        /// over ten times the writer's pause: at 150 ms a test process starved by a host load of 8
        /// once paused longer than that, and the daemon rightly took the file in between. The
        /// writer runs on a thread of its own: written from the test's task, its pauses twice
        /// stretched past 400 ms in a parallel run, the cooperative pool busy with other tests.
        @Test func aFileStillGrowingIsTakenOnceWhole() async throws {
            let sandbox = try DaemonSandbox(label: "growing", settings: ["intake.settle_ms": "400"])
            defer { sandbox.remove() }
            try await sandbox.daemon.start()
            let pieces = (0..<40).map { Array("Ligne \($0) : la dépêche continue d'arriver depuis Agadir.\n".utf8) }
            try await sandbox.writer.startAppending(pieces, to: "growing.txt", pause: .milliseconds(30)).wait()
            let dropped = [DroppedFile(path: Array("growing.txt".utf8), bytes: pieces.flatMap(\.self), expected: .document)]
            let processed = await sandbox.waitUntilProcessed(1)
            #expect(await sandbox.daemon.terminate() == 0)
            #expect(processed)
            let problems = sandbox.invariants.violations(of: sandbox.daemon.eventLog.read(), dropped: dropped)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }

        /// A download written in place that stalls, file open, while a rescan finds it: taken
        /// only once its writer closes it, whole (taken at the stall, its writer went on writing
        /// into the archived file and the event had half the page).
        @Test func aStalledWriterFoundByARescanIsWaitedFor() async throws {
            let sandbox = try DaemonSandbox(label: "stalled", settings: ["intake.settle_ms": "50", "intake.rescan_interval_s": "1"])
            defer { sandbox.remove() }
            try await sandbox.daemon.start()
            let halves = [TestPages.page(serial: 700), TestPages.page(serial: 701)]
            let fd = open(sandbox.inbox + "/download.txt", O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
            #expect(halves[0].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == halves[0].count)
            try await Task.sleep(for: .milliseconds(2500))
            #expect(halves[1].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == halves[1].count)
            close(fd)
            let processed = await sandbox.waitUntilProcessed(1)
            #expect(await sandbox.daemon.terminate() == 0)
            #expect(processed)
            let dropped = [DroppedFile(path: Array("download.txt".utf8), bytes: halves.flatMap(\.self), expected: .document)]
            let problems = sandbox.invariants.violations(of: sandbox.daemon.eventLog.read(), dropped: dropped)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }

        /// A 2 GiB sparse file is rejected as `too_large` at once, from its size alone: the
        /// daemon reads (almost) none of it.
        @Test func aTwoGigabyteSparseFileIsRejectedUnread() async throws {
            let sandbox = try DaemonSandbox(label: "sparse", settings: ["intake.settle_ms": "50"])
            defer { sandbox.remove() }
            try await sandbox.daemon.start()
            let staged = sandbox.scratch.appending("staging/huge.txt")
            let fd = open(staged, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
            #expect(ftruncate(fd, 2 << 30) == 0)
            close(fd)
            let readBefore = try #require(sandbox.daemon.pid.flatMap(Self.bytesRead))
            let dropped = ContinuousClock.now
            #expect(rename(staged, sandbox.inbox + "/huge.txt") == 0)
            let processed = await sandbox.waitUntilProcessed(1, timeout: .seconds(10))
            let elapsed = ContinuousClock.now - dropped
            let readAfter = try #require(sandbox.daemon.pid.flatMap(Self.bytesRead))
            #expect(await sandbox.daemon.terminate() == 0)
            #expect(processed)
            #expect(elapsed < .seconds(3), "rejecting took \(elapsed)")
            #expect(readAfter - readBefore < 16 << 20, "the daemon read \(readAfter - readBefore) bytes")
            let event = try #require(sandbox.daemon.eventLog.events.first)
            #expect(event.type == "document.rejected" && event.string("reason") == "too_large" && event.int("size") == 2 << 30)
            var info = stat()
            #expect(lstat(sandbox.state + "/quarantine/\(event.seq)/huge.txt", &info) == 0 && info.st_size == 2 << 30)
        }

        /// `rchar` of /proc/PID/io: bytes the process read through read(2) and friends.
        static func bytesRead(pid: pid_t) -> Int? {
            guard let text = try? FileSystem.read("/proc/\(pid)/io") else { return nil }
            let line = String(decoding: text, as: UTF8.self).split(separator: "\n").first { $0.hasPrefix("rchar:") }
            return line.flatMap { Int($0.dropFirst(6).trimmingPrefix(" ")) }
        }
    }
}
