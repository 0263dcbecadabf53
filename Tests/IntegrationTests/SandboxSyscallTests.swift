import Foundation
import Glibc
import TestSupport
import Testing

/// The unit's `SystemCallFilter=` against the system calls `depeche run` really makes, traced
/// with strace through start-up, ingesting, rejecting, rotating, a reload and a stop: a call
/// outside the filter would fail with EPERM under systemd, where nothing else would show it.
@Suite struct SandboxSyscallTests {
    /// The system calls in `group` (`@system-service`), its nested groups expanded.
    static func syscalls(in group: String) throws -> Set<String> {
        let listing = try SystemdUnitTests.run("systemd-analyze", ["syscall-filter", "--no-pager", group])
        var calls: Set<String> = []
        for line in listing.output.split(separator: "\n").dropFirst() {
            let name = line.trimmingCharacters(in: .whitespaces)
            if name.isEmpty || name.hasPrefix("#") { continue }
            if name.hasPrefix("@") { calls.formUnion(try syscalls(in: name)) } else { calls.insert(name) }
        }
        return calls
    }

    /// What the unit's `SystemCallFilter=` lines allow: the allow lists, minus the `~` lists.
    static func allowedByUnit() throws -> Set<String> {
        let unit = try String(
            contentsOf: SystemdUnitTests.repository.appendingPathComponent("systemd/depeche.service"), encoding: .utf8)
        var allowed: Set<String> = []
        var denied: Set<String> = []
        for line in unit.split(separator: "\n") where line.hasPrefix("SystemCallFilter=") {
            var value = line.dropFirst("SystemCallFilter=".count)
            let deny = value.hasPrefix("~")
            if deny { value = value.dropFirst() }
            for entry in value.split(separator: " ") {
                let calls = entry.hasPrefix("@") ? try syscalls(in: String(entry)) : [String(entry)]
                if deny { denied.formUnion(calls) } else { allowed.formUnion(calls) }
            }
        }
        return allowed.subtracting(denied)
    }

    @Test func everySystemCallOfTheDaemonPassesTheUnitsFilter() async throws {
        let allowed = try Self.allowedByUnit()
        #expect(allowed.contains("inotify_add_watch") && !allowed.contains("setuid"))

        let socket = try NotifySocket()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("depeche-strace-\(UUID().uuidString)")
        let inbox = directory.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let trace = directory.appendingPathComponent("trace").path

        let strace = Process()
        strace.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
        strace.arguments = [
            "-f", "-qq", "-o", trace, BuiltBinary.depeche.path, "run", "--inbox", inbox.path,
            "--state-dir", directory.appendingPathComponent("state").path, "--set", "intake.settle_ms=50",
            "--set", "log.rotate_bytes=4096", "--set", "metrics.textfile=\(directory.path)/depeche.prom",
            "--set", "metrics.interval_s=1",
        ]
        strace.currentDirectoryURL = directory
        // LeakSanitizer cannot run under ptrace and would fail the exit of an ASan build.
        strace.environment = [
            "PATH": "/usr/bin:/bin", "NOTIFY_SOCKET": socket.name, "WATCHDOG_USEC": "2000000",
            "ASAN_OPTIONS": "detect_leaks=0",
        ]
        strace.standardError = FileHandle.nullDevice
        try strace.run()
        defer { if strace.isRunning { strace.terminate() } }

        let startup = await socket.receive(until: "READY=1", timeout: .seconds(60))
        try #require(startup.last?.hasLine("READY=1") == true, "the daemon did not start under strace")
        let daemonPID = try #require(
            (try? String(contentsOfFile: "/proc/\(strace.processIdentifier)/task/\(strace.processIdentifier)/children", encoding: .utf8))
                .flatMap { Int32($0.split(separator: " ").first ?? "") })
        for index in 1...30 {
            try "Dépêche \(index) : le port de Tanger Med a traité un volume record de conteneurs.".write(
                to: inbox.appendingPathComponent("page\(index).txt"), atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: inbox.appendingPathComponent("site"), withIntermediateDirectories: true)
        try Data([0x00, 0x01, 0x02, 0xFF]).write(to: inbox.appendingPathComponent("site/noise.bin"))
        _ = await socket.receive(until: "STATUS=30 ingested, 0 duplicates, 1 rejected, inbox empty", timeout: .seconds(30))
        kill(daemonPID, SIGHUP)
        _ = await socket.receive(until: "READY=1", timeout: .seconds(30))
        kill(daemonPID, SIGTERM)
        await strace.exited()
        #expect(strace.terminationStatus == 0)

        let calls = Set(
            try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").compactMap { line -> String? in
                // strace pads the pid column: "7838  execve(" has two spaces, "12345 execve(" one.
                guard let call = line.split(separator: " ", maxSplits: 1).last?.drop(while: { $0 == " " }),
                    let paren = call.firstIndex(of: "(")
                else {
                    return nil
                }
                let name = call[..<paren]
                return name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) && !name.isEmpty ? String(name) : nil
            })
        #expect(calls.contains("inotify_add_watch") && calls.contains("renameat2"), "the trace is incomplete: \(calls.sorted())")
        let outside = calls.subtracting(allowed)
        #expect(outside.isEmpty, "system calls the unit's SystemCallFilter= would refuse: \(outside.sorted())")
    }
}
