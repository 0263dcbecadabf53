import Glibc
import Testing

extension Reliability {
    /// Links out of the inbox are rejected and quarantined as links; nothing they point at is
    /// read, moved or changed. Also where `openat2` cannot run.
    @Suite struct Symlinks {
        /// How the daemon meets `openat2`: as this kernel gives it, or refused as a kernel before
        /// Linux 5.6 (ENOSYS) or a container's seccomp profile (EPERM) refuses it, the error put in
        /// the kernel's answer by strace (which stops the daemon only at that call).
        enum Openat2: String, CaseIterable {
            case available, ENOSYS, EPERM

            var runUnder: [String] {
                self == .available ? [] : [
                    "strace", "-f", "-qq", "-o", "/dev/null", "--seccomp-bpf",
                    "-e", "trace=openat2", "-e", "inject=openat2:error=\(rawValue)",
                ]
            }

            /// Starts the daemon this way and checks that it says how it opens paths.
            func start(_ daemon: DaemonProcess) async throws {
                daemon.runUnder = runUnder
                try await daemon.start()
                #expect(daemon.journal().contains("openat2 cannot run here") == (self != .available))
            }
        }

        /// The files outside the inbox, with their bytes and `stat` before the run.
        private struct OutsideSnapshot: Equatable {
            var files: [String: [UInt8]]
            var stats: [String: [Int]]

            init(_ outside: String) {
                files = [:]
                stats = [:]
                for relative in FileSystem.nonDirectories(below: outside).map(FileSystem.display) {
                    let path = outside + "/" + relative
                    files[relative] = try? FileSystem.read(path)
                    var info = stat()
                    lstat(path, &info)
                    stats[relative] = [Int(info.st_ino), Int(info.st_size), Int(info.st_mtim.tv_nsec), Int(info.st_mtim.tv_sec), Int(info.st_nlink)]
                }
            }
        }

        @Test(arguments: Openat2.allCases)
        func linksAreRejectedAndTheirTargetsUntouched(openat2: Openat2) async throws {
            let sandbox = try DaemonSandbox(label: "symlinks", settings: ["intake.settle_ms": "50"])
            defer { sandbox.remove() }
            let secret = Array("Note interne : ne pas publier.\n".utf8)
            try FileSystem.makeDirectories(sandbox.outside + "/dir")
            try FileSystem.write(secret, to: sandbox.outside + "/secret.txt")
            try FileSystem.write(TestPages.page(serial: 1), to: sandbox.outside + "/dir/inner.txt")
            try FileSystem.makeDirectories(sandbox.inbox + "/site")
            let before = OutsideSnapshot(sandbox.outside)

            // Some links exist before start-up (found by the scan), others appear while it runs.
            let early: [(String, String)] = [("link-file", sandbox.outside + "/secret.txt"), ("link-dir", sandbox.outside + "/dir")]
            let late: [(String, String)] = [
                ("link-relative.txt", "../outside/secret.txt"),
                ("site/link-up.txt", "../../outside/dir/inner.txt"),
                ("site/link-dir-relative", "../../outside/dir"),
                ("dangling.txt", "/nonexistent/depeche"),
                ("self-loop", "self-loop"),
            ]
            for (name, target) in early { #expect(symlink(target, sandbox.inbox + "/" + name) == 0) }
            try await openat2.start(sandbox.daemon)
            for (name, target) in late { #expect(symlink(target, sandbox.inbox + "/" + name) == 0) }
            let page = DroppedFile(path: Array("site/page.txt".utf8), bytes: TestPages.page(serial: 2), expected: .document)
            try await sandbox.writer.write(TestPages.page(serial: 2), to: "site/page.txt")

            let dropped = (early + late).map { DroppedFile(path: Array($0.0.utf8), content: .symlink($0.1), expected: .rejected("not_regular_file")) } + [page]
            let processed = await sandbox.waitUntilProcessed(dropped.count)
            #expect(await sandbox.daemon.terminate() == 0)
            let log = sandbox.daemon.eventLog.read()
            #expect(processed, "\(sandbox.daemon.journalTail())")
            let problems = sandbox.invariants.violations(of: log, dropped: dropped)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
            #expect(OutsideSnapshot(sandbox.outside) == before, "a file outside the inbox was read into the log, moved or changed")
            let secretID = DroppedFile(path: [], bytes: secret, expected: .document).id
            #expect(!log.events.contains { $0.id == secretID }, "the content behind a link was read")
        }

        /// A subdirectory swapped for a link to the outside while its files are being taken:
        /// openat2 (or the walk that stands in for it) refuses to follow it, so nothing outside is
        /// read or moved.
        @Test(arguments: Openat2.allCases)
        func aDirectorySwappedForALinkLeadsNowhere(openat2: Openat2) async throws {
            let sandbox = try DaemonSandbox(label: "swap", settings: ["intake.settle_ms": "20"])
            defer { sandbox.remove() }
            try FileSystem.makeDirectories(sandbox.outside + "/victim")
            for index in 0..<5 { try FileSystem.write(TestPages.page(serial: 900 + index), to: sandbox.outside + "/victim/page-\(index).txt") }
            let before = OutsideSnapshot(sandbox.outside)
            try await openat2.start(sandbox.daemon)
            for round in 0..<20 {
                let directory = sandbox.inbox + "/swap-\(round)"
                try FileSystem.makeDirectories(directory)
                for index in 0..<5 { try FileSystem.write(TestPages.page(serial: round * 10 + index), to: directory + "/page-\(index).txt") }
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...40)))
                #expect(rename(directory, directory + "-real") == 0)
                #expect(symlink(sandbox.outside + "/victim", directory) == 0)
            }
            _ = await sandbox.daemon.waitUntil(timeout: .seconds(20)) {
                FileSystem.nonDirectories(below: sandbox.inbox).allSatisfy { FileSystem.kind(bytes: Array(sandbox.inbox.utf8) + [UInt8(ascii: "/")] + $0) == .symlink }
            }
            #expect(await sandbox.daemon.terminate() == 0)
            let log = sandbox.daemon.eventLog.read()
            #expect(OutsideSnapshot(sandbox.outside) == before, "a file outside the inbox was moved or changed")
            let outsideIDs = Set((0..<5).compactMap { DroppedFile(path: [], bytes: TestPages.page(serial: 900 + $0), expected: .document).id })
            #expect(!log.events.contains { outsideIDs.contains($0.id ?? "") }, "a file behind the swapped link was read")
            let problems = log.problems + sandbox.invariants.storageViolations(log.events)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
    }
}
