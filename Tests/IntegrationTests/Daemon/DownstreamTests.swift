import Foundation
import Glibc
import Testing

/// What downstream jobs do with the log: `tail -F | jq`, and `depeche tail --follow` with a
/// cursor, across a rotation.
@Suite struct DownstreamTests {
    /// Runs `script` under `sh` as the leader of a session of its own (so that stopping it, or
    /// the test ending, stops the whole pipeline), its output going to `output`.
    private func startPipeline(_ script: String, output: String) throws -> ChildProcess {
        try ChildProcess("sh", ["-c", script], stdout: output, ownSession: true)
    }

    /// The lines of `output` once there are `count`, or what there is at `timeout`; then the
    /// pipeline's whole session is stopped.
    private func lines(of pipeline: ChildProcess, output: String, count: Int, timeout: Duration) async -> [String] {
        var text = ""
        let deadline = ContinuousClock.now + timeout
        repeat {
            try? await Task.sleep(for: .milliseconds(50))
            text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        } while text.split(separator: "\n").count < count && ContinuousClock.now < deadline
        pipeline.send(SIGTERM)
        _ = await pipeline.wait(timeout: .seconds(5))
        return text.split(separator: "\n").map(String.init)
    }

    @Test func tailFollowPipedIntoJqSeesEverySeqInOrderAcrossRotation() async throws {
        let run = try DaemonSandbox(label: "tail-jq", settings: ["intake.settle_ms": "50", "log.rotate_bytes": "8192"])
        defer { run.remove() }
        try await run.daemon.start()
        let output = run.scratch.appending("jq.out")
        let tail = try startPipeline("tail -n +1 -F '\(run.state)/events.jsonl' | jq --unbuffered -c '[.seq, .type]'", output: output)
        for serial in 0..<40 { try await run.writer.write(TestPages.page(serial: serial, paragraphCount: 2), to: "d\(serial).txt") }
        let printed = await lines(of: tail, output: output, count: 40, timeout: .seconds(30))
        #expect(await run.daemon.terminate() == 0)
        #expect(printed.count == 40)
        #expect(printed.first == #"[1,"document.ingested"]"#)
        #expect(printed.last == #"[40,"document.ingested"]"#)
        #expect(run.daemon.eventLog.segmentPaths().count > 1, "the log did not rotate")
    }

    @Test func depecheTailResumesFromItsCursorWithoutLossOrRepeat() async throws {
        let run = try DaemonSandbox(label: "tail-cursor", settings: ["intake.settle_ms": "50", "log.rotate_bytes": "8192"])
        defer { run.remove() }
        try await run.daemon.start()
        for serial in 0..<15 { try await run.writer.write(TestPages.page(serial: serial, paragraphCount: 2), to: "a\(serial).txt") }
        #expect(await run.waitUntilProcessed(15))
        let cursor = run.scratch.appending("cursor")
        let first = try Command.run(DaemonProcess.binary, ["tail", "--config", run.daemon.configPath, "--cursor-file", cursor])
        for serial in 15..<30 { try await run.writer.write(TestPages.page(serial: serial, paragraphCount: 2), to: "b\(serial).txt") }
        #expect(await run.waitUntilProcessed(30))
        let second = try Command.run(DaemonProcess.binary, ["tail", "--config", run.daemon.configPath, "--cursor-file", cursor])
        #expect(await run.daemon.terminate() == 0)
        let seqs = (first.stdout + second.stdout).split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["seq"] as? Int
        }
        #expect(seqs == Array(1...30))
    }
}
