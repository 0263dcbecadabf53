import Foundation
import Glibc
import Testing

/// `depeche tail` behind `log.retain_segments`: events a consumer has not read yet are removed
/// with their segment, and tail says so instead of skipping them.
@Suite struct TailRetentionTests {
    /// Small segments, only the latest closed one kept.
    static let settings = ["intake.settle_ms": "50", "log.rotate_bytes": "8192", "log.retain_segments": "1"]

    private func tail(_ run: DaemonSandbox, _ arguments: [String]) throws -> Command.Result {
        try Command.run(DaemonProcess.binary, ["tail", "--config", run.daemon.configPath] + arguments)
    }

    private func seqs(_ text: String) -> [Int] {
        text.split(separator: "\n").compactMap { try? EventLogFile.parse(Array($0.utf8)).get().seq }
    }

    /// Writes pages `serials` and waits until the log's last `seq` is `total` and the inbox is
    /// empty (the log itself holds fewer: retention removes segments).
    private func ingest(_ run: DaemonSandbox, _ serials: Range<Int>, total: Int) async throws {
        for serial in serials { try await run.writer.write(TestPages.page(serial: serial, paragraphCount: 2), to: "p\(serial).txt") }
        let done = await run.daemon.waitUntil(timeout: .seconds(30)) {
            run.daemon.eventLog.events.last?.seq == total && FileSystem.nonDirectories(below: run.inbox).isEmpty
        }
        #expect(done, "\(run.daemon.journalTail())")
    }

    /// The oldest `seq` still in the log.
    private func oldestKept(_ run: DaemonSandbox) -> Int { run.daemon.eventLog.events.first?.seq ?? 0 }

    /// The `seq` a cursor file holds (`<seq> <ts>`), nil unless it holds one.
    private func cursorSeq(_ path: String) throws -> Int? {
        let text = String(decoding: try FileSystem.read(path), as: UTF8.self)
        guard text.hasSuffix("Z\n"), let seq = text.split(separator: " ").first else { return nil }
        return Int(seq)
    }

    @Test func aCursorOlderThanTheRetentionFailsLoudlyUnlessToldToSkip() async throws {
        let run = try DaemonSandbox(label: "tail-retain", settings: Self.settings)
        defer { run.remove() }
        try await run.daemon.start()
        try await ingest(run, 0..<3, total: 3)
        let cursor = run.scratch.appending("cursor")
        #expect(seqs(try tail(run, ["--cursor-file", cursor]).stdout) == [1, 2, 3])
        try await ingest(run, 3..<30, total: 30)
        #expect(await run.daemon.terminate() == 0)
        let oldest = oldestKept(run)
        try #require(oldest > 4, "retention removed nothing: the test proves nothing")

        let refused = try tail(run, ["--cursor-file", cursor])
        #expect(refused.status == 3)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("events 4–\(oldest - 1) are gone"), "\(refused.stderr)")
        #expect(try cursorSeq(cursor) == 3, "a refused tail leaves its cursor as it was")

        let fromOne = try tail(run, ["--from", "1"])
        #expect(fromOne.status == 3)
        #expect(fromOne.stderr.contains("events 1–\(oldest - 1) are gone"), "\(fromOne.stderr)")

        let skipped = try tail(run, ["--cursor-file", cursor, "--skip-missing"])
        #expect(skipped.status == 0)
        #expect(skipped.stderr.contains("warning: events 4–\(oldest - 1) are gone"), "\(skipped.stderr)")
        #expect(seqs(skipped.stdout) == Array(oldest...30))
        #expect(try cursorSeq(cursor) == 30)

        let everythingKept = try tail(run, [])
        #expect(everythingKept.status == 0 && everythingKept.stderr.isEmpty, "\(everythingKept.stderr)")
        #expect(seqs(everythingKept.stdout) == Array(oldest...30))
    }

    @Test func followFailsWhenItFallsBehindTheRetention() async throws {
        let run = try DaemonSandbox(label: "tail-follow-retain", settings: Self.settings)
        defer { run.remove() }
        try await run.daemon.start()
        try await ingest(run, 0..<3, total: 3)
        let output = run.scratch.appending("follow.out"), errors = run.scratch.appending("follow.err")
        let follower = try ChildProcess(
            DaemonProcess.binary, ["tail", "--config", run.daemon.configPath, "--follow"], stdout: output, stderr: errors)
        #expect(try await run.daemon.waitUntil(timeout: .seconds(10)) { seqs(String(decoding: try FileSystem.read(output), as: UTF8.self)).count == 3 })
        follower.send(SIGSTOP)
        try await ingest(run, 3..<30, total: 30)
        let oldest = oldestKept(run)
        try #require(oldest > 4, "retention removed nothing: the test proves nothing")
        follower.send(SIGCONT)
        let status = await follower.wait(timeout: .seconds(10))
        #expect(await run.daemon.terminate() == 0)
        #expect(status == 3)
        // The file it held open (rotated, then removed) still gave the events written to it;
        // those after it, in segments removed unread, are reported gone.
        let printed = seqs(String(decoding: try FileSystem.read(output), as: UTF8.self))
        let last = printed.last ?? 0
        #expect(printed == Array(1...max(last, 1)) && last >= 3 && last < oldest - 1, "\(printed)")
        let stderr = String(decoding: try FileSystem.read(errors), as: UTF8.self)
        #expect(stderr.contains("events \(last + 1)–\(oldest - 1) are gone"), "\(stderr)")
    }
}
