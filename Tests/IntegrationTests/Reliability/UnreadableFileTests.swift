import Glibc
import Testing

extension Reliability {
    /// A file depeche's user may not read (a scraper running as another user, a wrong umask):
    /// rejected as `unreadable`, quarantined, and described in its event like any other file.
    @Suite struct UnreadableFile {
        /// Whether the daemon can run as another user here (root, with `setpriv`).
        static let canRunAsNobody = getuid() == 0 && access("/usr/bin/setpriv", X_OK) == 0

        /// `nobody`, whom the daemon runs as.
        static let nobody: uid_t = 65534

        @Test(.enabled(if: canRunAsNobody, "needs root and setpriv to run the daemon as another user"))
        func anUnreadableFileIsRejectedWithItsSizeAndVersion() async throws {
            let sandbox = try DaemonSandbox(label: "unreadable", settings: ["intake.settle_ms": "50"])
            defer { sandbox.remove() }
            // The daemon, as nobody, needs to reach its directories, its configuration and its
            // binary: a copy in the sandbox (the build directory may lie in a private one).
            #expect(chmod(sandbox.scratch.path, 0o755) == 0)
            #expect(chmod(sandbox.daemon.configPath, 0o644) == 0)
            for directory in [sandbox.inbox, sandbox.state] { #expect(chown(directory, Self.nobody, gid_t(Self.nobody)) == 0) }
            let binary = sandbox.scratch.appending("depeche")
            try Command.succeed("cp", [DaemonProcess.binary, binary])
            #expect(chmod(binary, 0o755) == 0)
            // A shell between setpriv and the daemon keeps the daemon a child, as `runUnder`
            // expects; it runs the copy in place of the binary it is given.
            sandbox.daemon.runUnder = [
                "setpriv", "--reuid=\(Self.nobody)", "--regid=\(Self.nobody)", "--clear-groups",
                "/bin/sh", "-c", "shift; \"\(binary)\" \"$@\"; exit $?", "sh",
            ]
            try await sandbox.daemon.start()

            let page = TestPages.page(serial: 7, paragraphCount: 3)
            let staged = sandbox.scratch.appending("staging/secret.txt")
            try FileSystem.write(page, to: staged)
            #expect(chmod(staged, 0o600) == 0)
            #expect(rename(staged, sandbox.inbox + "/secret.txt") == 0)

            #expect(await sandbox.waitUntilProcessed(1), "the file was not taken:\n\(sandbox.daemon.journalTail())")
            let event = try #require(sandbox.daemon.eventLog.events.first)
            #expect(event.type == "document.rejected" && event.string("reason") == "unreadable", "\(event.fields)")
            #expect(event.fields["size"] as? Int == page.count, "no size in \(event.fields)")
            let file = event.fields["file"] as? [String: Any]
            #expect(file?["ino"] is Int && file?["mtime_ns"] is Int, "no file version in \(event.fields)")
            #expect(await sandbox.daemon.terminate() == 0)
        }
    }
}
