import Glibc
import Testing

extension Reliability {
    /// FIFOs, sockets and device nodes are rejected as `not_regular_file` and quarantined as
    /// they are; opening none of them blocks the daemon (it examines through `O_PATH`).
    @Suite struct SpecialFiles {
        /// Whether this process may create device nodes (root with CAP_MKNOD, outside a
        /// restricted container).
        static let canMakeDeviceNodes: Bool = {
            guard let scratch = try? ScratchDirectory(label: "mknod") else { return false }
            defer { scratch.remove() }
            return mknod(scratch.appending("null"), S_IFCHR | 0o600, Self.device(1, 3)) == 0
        }()

        @Test func fifosAndSocketsDoNotBlockTheDaemon() async throws {
            try await checkSpecials { directory in
                #expect(mkfifo(directory + "/pipe.txt", 0o644) == 0)
                try Self.bindSocket(at: directory + "/socket")
                return ["pipe.txt", "socket"]
            }
        }

        @Test(.enabled(if: canMakeDeviceNodes, "mknod is not permitted here (needs root with CAP_MKNOD): device nodes are not tested"))
        func deviceNodesAreRejectedUnread() async throws {
            try await checkSpecials { directory in
                #expect(mknod(directory + "/zero.txt", S_IFCHR | 0o644, Self.device(1, 5)) == 0)  // /dev/zero: reading never ends
                #expect(mknod(directory + "/tty", S_IFCHR | 0o600, Self.device(5, 0)) == 0)  // /dev/tty: opening may attach a terminal
                #expect(mknod(directory + "/loop", S_IFBLK | 0o600, Self.device(7, 0)) == 0)
                return ["zero.txt", "tty", "loop"]
            }
        }

        /// Starts a daemon, makes the special files (in the inbox before start-up, found by the
        /// scan; in a subdirectory after, seen by inotify), then drops a page: the page must be
        /// ingested, each special rejected. `make` returns the names it made in a directory.
        private func checkSpecials(_ make: (String) throws -> [String]) async throws {
            let sandbox = try DaemonSandbox(label: "specials", settings: ["intake.settle_ms": "50"])
            defer { sandbox.remove() }
            try FileSystem.makeDirectories(sandbox.inbox + "/site")
            var specials = try make(sandbox.inbox)
            try await sandbox.daemon.start()
            specials += try make(sandbox.inbox + "/site").map { "site/" + $0 }
            let page = TestPages.page(serial: 31)
            try await sandbox.writer.write(page, to: "after.txt")
            let dropped = specials.map { DroppedFile(path: Array($0.utf8), content: .special, expected: .rejected("not_regular_file")) }
                + [DroppedFile(path: Array("after.txt".utf8), bytes: page, expected: .document)]
            let processed = await sandbox.waitUntilProcessed(dropped.count, timeout: .seconds(15))
            #expect(processed, "the daemon stalled:\n\(sandbox.daemon.journalTail())")
            #expect(await sandbox.daemon.terminate(timeout: .seconds(10)) == 0, "the daemon did not stop on SIGTERM")
            let problems = sandbox.invariants.violations(of: sandbox.daemon.eventLog.read(), dropped: dropped)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }

        /// `makedev(major, minor)` (a C macro Swift does not import), for small numbers.
        static func device(_ major: UInt, _ minor: UInt) -> dev_t { dev_t((major & 0xFFF) << 8 | (minor & 0xFF)) }

        private static func bindSocket(at path: String) throws {
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { buffer in
                for (index, byte) in path.utf8.prefix(buffer.count - 1).enumerated() { buffer[index] = byte }
            }
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard result == 0 else { throw HarnessError("bind \(path): \(String(cString: strerror(errno)))") }
        }
    }
}
