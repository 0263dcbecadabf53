import Glibc
import Testing

/// Start-up copies into the local log the events of this host that the stream holds and the
/// local log lacks (what `kill -9` between an acknowledgement and the local write leaves), so
/// the next event takes the next `seq` and no `Nats-Msg-Id` is reused.
@Suite struct MirrorCatchUpTests {
    @Test func aLocalLogBehindTheStreamIsCaughtUpAtStartAndSeqGoesOn() async throws {
        let server = try await NATSCluster.ready(label: "nats1", size: 1)
        let run = try await server.startDaemon(host: "a", label: "catch-up")
        defer { run.remove() }
        for serial in 0..<25 { try run.writer.moveIn(TestPages.page(serial: serial, paragraphCount: 2), to: Array("p\(serial).txt".utf8)) }
        #expect(await run.waitUntilProcessed(25))
        #expect(await run.daemon.terminate() == 0)
        // The local log loses everything the stream holds: the worst a crash can do to it.
        for name in ["events.jsonl", "nats.cursor", "index.snapshot", "near.index"] { unlink(run.state + "/" + name) }

        try await run.daemon.start()
        #expect(run.daemon.eventLog.events.map(\.seq) == Array(1...25))
        try run.writer.moveIn(TestPages.page(serial: 100, paragraphCount: 2), to: Array("late.txt".utf8))
        #expect(await run.waitUntilProcessed(26))
        let stream = try server.streamEvents()
        #expect(stream.map(\.seq) == Array(1...26))
        #expect(stream.last?.displayPath == "late.txt")
        let mirror = ClusterChecks.mirrorViolations(local: run.daemon.eventLog.events, stream: stream, host: "a")
        #expect(mirror.isEmpty, "\(mirror.prefix(5))")
    }
}
