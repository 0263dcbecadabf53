import Glibc
import Testing

extension Reliability {
    /// The state directory fills up: the daemon stops taking files without losing any, says
    /// why, and resumes by itself once there is room again.
    @Suite struct DiskFull {
        /// Whether this process may mount a tmpfs (root, outside a restricted container).
        static let canMountTmpfs: Bool = {
            guard let scratch = try? ScratchDirectory(label: "mount") else { return false }
            defer { scratch.remove() }
            guard mount("tmpfs", scratch.path, "tmpfs", 0, "size=1m") == 0 else { return false }
            umount(scratch.path)
            return true
        }()

        /// What is full: the whole state directory (the event log cannot be appended to), or
        /// only the archive (the log lives elsewhere: events are logged, but the files cannot
        /// be stored and must stay in the inbox).
        enum Full: CaseIterable { case stateDirectory, archiveOnly }

        @Test(
            .enabled(if: canMountTmpfs, "cannot mount a tmpfs (needs root with CAP_SYS_ADMIN): disk full is not tested"),
            arguments: Full.allCases)
        func aFullStateDirectoryPausesIntakeAndLosesNothing(full: Full) async throws {
            let mountPoint = try ScratchDirectory(label: "small-state")
            #expect(mount("tmpfs", mountPoint.path, "tmpfs", 0, "size=4m") == 0)
            let logElsewhere = try ScratchDirectory(label: "log")
            var settings = ["intake.settle_ms": "50"]
            if full == .archiveOnly { settings["log.path"] = logElsewhere.appending("events.jsonl") }
            let sandbox = try DaemonSandbox(label: "disk-full", settings: settings, stateDirectory: mountPoint.path)
            defer {
                sandbox.remove()
                umount2(mountPoint.path, Int32(MNT_DETACH))
                mountPoint.remove()
                logElsewhere.remove()
            }
            try await sandbox.daemon.start()
            var dropped: [DroppedFile] = []
            func drop(_ count: Int) async throws {
                for _ in 0..<count {
                    let page = TestPages.page(serial: 500 + dropped.count, paragraphCount: 8)
                    let path = "page-\(dropped.count).txt"
                    try await sandbox.writer.write(page, to: path)
                    dropped.append(DroppedFile(path: Array(path.utf8), bytes: page, expected: .document))
                }
            }
            try await drop(10)
            #expect(await sandbox.waitUntilProcessed(10))

            let filler = mountPoint.appending("filler")
            try Self.fill(filler)
            try await drop(30)
            try await Task.sleep(for: .seconds(3))
            #expect(sandbox.daemon.isRunning, "the daemon stopped on a full disk:\n\(sandbox.daemon.journalTail())")
            let journal = sandbox.daemon.journal()
            #expect(journal.contains("No space left on device"), "the journal does not say why:\n\(sandbox.daemon.journalTail())")
            // One line a pause (1 s, then 2 s …), not one a file: 30 files are waiting.
            let pauses = journal.split(separator: "\n").filter { $0.contains("not taking files for a while") }
            #expect((1...6).contains(pauses.count), "\(pauses.count) lines for pauses in 3 s:\n\(pauses.joined(separator: "\n"))")
            #expect(!pauses.contains { $0.contains("event log") && $0.contains("mdb_") }, "the store's failure is told as the log's")
            let reported = Set(sandbox.daemon.eventLog.events.map(\.path))
            let waiting = Set(FileSystem.nonDirectories(below: sandbox.inbox))
            let lost = dropped.filter { !reported.contains($0.path) && !waiting.contains($0.path) }
            #expect(lost.isEmpty, "lost while the disk was full: \(lost.map { FileSystem.display($0.path) })")
            #expect(waiting.count > 0, "every file went through although the state directory was full: the test proved nothing")
            let check = try sandbox.daemon.check()
            #expect(check.status == 0, "the event log or the store is damaged: \(check.stdout)")

            // A few seconds of failures: the back-off (1, 2, 4 … 30 s) has not grown past 8 s.
            #expect(unlink(filler) == 0)
            let resumed = await sandbox.waitUntilProcessed(dropped.count, timeout: .seconds(20))
            #expect(resumed, "intake did not resume once there was room:\n\(sandbox.daemon.journalTail())")
            #expect(await sandbox.daemon.terminate() == 0)
            let problems = sandbox.invariants.violations(of: sandbox.daemon.eventLog.read(), dropped: dropped)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }

        /// Writes zeros to `path` until the file system is full.
        static func fill(_ path: String) throws {
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw HarnessError("open \(path): \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            let chunk = [UInt8](repeating: 0, count: 4096)
            while write(fd, chunk, chunk.count) > 0 {}
            guard errno == ENOSPC else { throw HarnessError("filling \(path): \(String(cString: strerror(errno)))") }
        }
    }
}
