import Glibc
import Testing

extension Reliability {
    /// Directories that disappear and come back under the watcher: a site folder, and the
    /// inbox itself. The daemon keeps running and takes the files dropped after they return.
    @Suite struct InboxChurn {
        @Test func aSubdirectoryDeletedAndRecreatedIsWatchedAgain() async throws {
            let sandbox = try DaemonSandbox(label: "churn", settings: ["intake.settle_ms": "50"])
            defer { sandbox.remove() }
            try await sandbox.daemon.start()
            var dropped: [DroppedFile] = []
            for round in 0..<8 {
                let site = sandbox.inbox + "/site"
                try FileSystem.makeDirectories(site)
                // Written at once after mkdir: before or after the new watch, it must be seen.
                let page = TestPages.page(serial: 300 + round)
                try FileSystem.write(page, to: site + "/page-\(round).txt")
                dropped.append(DroppedFile(path: Array("site/page-\(round).txt".utf8), bytes: page, expected: .document))
                #expect(await sandbox.waitUntilProcessed(dropped.count), "round \(round):\n\(sandbox.daemon.journalTail())")
                try Command.succeed("rm", ["-rf", site])
                if round % 2 == 1 { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(await sandbox.daemon.terminate() == 0)
            let problems = sandbox.invariants.violations(of: sandbox.daemon.eventLog.read(), dropped: dropped)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
            // Every journal line is depeche's own (a level, a message): libinotifytools prints a bare
            // line to stderr when asked to remove a watch the kernel has already dropped.
            #expect(!sandbox.daemon.journal().contains("Failed to remove watch"), "\(sandbox.daemon.journalTail())")
        }

        /// The inbox is deleted, then made again (empty, then files dropped in), and deleted
        /// again and replaced by a directory that already holds files (renamed into place).
        @Test func theInboxRemovedAndRecreatedIsTakenFromAgain() async throws {
            let sandbox = try DaemonSandbox(label: "inbox-gone", settings: ["intake.settle_ms": "50"])
            defer { sandbox.remove() }
            try await sandbox.daemon.start()
            var dropped: [DroppedFile] = []
            func drop(_ name: String, serial: Int, into directory: String? = nil) throws {
                let page = TestPages.page(serial: serial)
                let target = (directory ?? sandbox.inbox) + "/" + name
                try FileSystem.makeDirectories(String(target[..<target.lastIndex(of: "/")!]))
                try FileSystem.write(page, to: target)
                dropped.append(DroppedFile(path: Array(name.utf8), bytes: page, expected: .document))
            }
            try drop("before.txt", serial: 400)
            #expect(await sandbox.waitUntilProcessed(1))

            try Command.succeed("rm", ["-rf", sandbox.inbox])
            try await Task.sleep(for: .milliseconds(300))
            try FileSystem.makeDirectories(sandbox.inbox)
            try drop("after-mkdir.txt", serial: 401)
            try drop("site/after-mkdir.txt", serial: 402)
            let back = await sandbox.waitUntilProcessed(dropped.count, timeout: .seconds(15))
            #expect(back, "files dropped into the recreated inbox were not taken:\n\(sandbox.daemon.journalTail())")

            try Command.succeed("rm", ["-rf", sandbox.inbox])
            let ready = sandbox.scratch.appending("staging/ready-inbox")
            try drop("moved-in.txt", serial: 403, into: ready)
            try drop("site/moved-in.txt", serial: 404, into: ready)
            try await Task.sleep(for: .milliseconds(300))
            #expect(rename(ready, sandbox.inbox) == 0)
            let again = await sandbox.waitUntilProcessed(dropped.count, timeout: .seconds(15))
            #expect(again, "files of an inbox renamed into place were not taken:\n\(sandbox.daemon.journalTail())")

            #expect(sandbox.daemon.isRunning)
            #expect(await sandbox.daemon.terminate() == 0)
            #expect(sandbox.daemon.journal().contains("the inbox was removed"))
            let problems = sandbox.invariants.violations(of: sandbox.daemon.eventLog.read(), dropped: dropped)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }

        /// The inbox configured as a symlink, re-pointed at another directory while the daemon
        /// runs (a new volume): files dropped there are taken within seconds, not after the next
        /// restart. Re-pointed at a directory that holds the state directory, the daemon stops
        /// with the same refusal as at start, rather than take its own files as pages.
        @Test func anInboxLinkRepointedIsFollowed() async throws {
            let sandbox = try DaemonSandbox(label: "inbox-link", settings: ["intake.settle_ms": "50"])
            defer { sandbox.remove() }
            let (first, second) = (sandbox.scratch.appending("volume-a"), sandbox.scratch.appending("volume-b"))
            for directory in [first, second] { try FileSystem.makeDirectories(directory) }
            try Command.succeed("rmdir", [sandbox.inbox])
            func point(at target: String) {
                #expect(symlink(target, sandbox.inbox + ".next") == 0 && rename(sandbox.inbox + ".next", sandbox.inbox) == 0)
            }
            point(at: first)
            try await sandbox.daemon.start()
            try FileSystem.write(TestPages.page(serial: 410), to: sandbox.inbox + "/a.txt")
            #expect(await sandbox.waitUntilProcessed(1))

            point(at: second)
            try FileSystem.write(TestPages.page(serial: 411), to: sandbox.inbox + "/b.txt")
            let taken = await sandbox.waitUntilProcessed(2, timeout: .seconds(15))
            #expect(taken, "a file in the directory the link now leads to was not taken:\n\(sandbox.daemon.journalTail())")
            #expect(sandbox.daemon.eventLog.events.map(\.type) == ["document.ingested", "document.ingested"])
            #expect(sandbox.daemon.journal().contains("the inbox's path now leads to another directory"))

            point(at: sandbox.scratch.path)
            let stopped = await sandbox.daemon.waitUntil(timeout: .seconds(15)) { !sandbox.daemon.isRunning }
            #expect(stopped, "the daemon went on with its state directory inside the inbox")
            #expect(sandbox.daemon.journal().contains("lies inside the inbox"), "\(sandbox.daemon.journalTail())")
            #expect(sandbox.daemon.eventLog.events.count == 2, "the daemon took its own files as pages")
        }
    }
}
