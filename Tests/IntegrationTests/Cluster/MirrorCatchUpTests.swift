import DepecheNATS
import Foundation
import Glibc
import Testing

/// Start-up copies into the local log the events of this host that the stream holds and the
/// local log lacks (what `kill -9` between an acknowledgement and the local write leaves), so
/// the next event takes the next `seq` and no `Nats-Msg-Id` is reused.
@Suite struct MirrorCatchUpTests {
    /// A one-node server and host a's daemon (the caller removes it), stopped once it has
    /// published pages 0..<`count`.
    static func hostThatPublished(_ count: Int, label: String) async throws -> (NATSCluster, DaemonSandbox) {
        let server = try await NATSCluster.ready(label: "nats1", size: 1)
        let run = try await server.startDaemon(host: "a", label: label)
        try run.dropPages(0..<count) { TestPages.page(serial: $0, paragraphCount: 2) }
        #expect(await run.waitUntilProcessed(count))
        #expect(await run.daemon.terminate() == 0)
        return (server, run)
    }

    @Test func aLocalLogBehindTheStreamIsCaughtUpAtStartAndSeqGoesOn() async throws {
        let (server, run) = try await Self.hostThatPublished(25, label: "catch-up")
        defer { run.remove() }
        // The local state loses everything the stream holds: the worst a crash can do to the log
        // (the store, never ahead of it, goes with it; a store left ahead of an empty log would
        // mean the log was moved away, and the log would go on after the store's seq).
        for name in ["events.jsonl", "nats.cursor", "store/data.mdb", "store/lock.mdb"] { unlink(run.state + "/" + name) }

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

/// The local log moved away (`logrotate`) while the store and the cursor stay: the stream gets
/// this host's next `seq`, not its first again.
@Suite struct MovedLocalLogTests {
    @Test func aLocalLogMovedAwayGoesOnAfterTheStoresSeqInTheStream() async throws {
        let (server, run) = try await MirrorCatchUpTests.hostThatPublished(3, label: "moved-log")
        defer { run.remove() }
        #expect(rename(run.state + "/events.jsonl", run.state + "/events.jsonl.1") == 0)

        try await run.daemon.start()
        try run.writer.moveIn(TestPages.page(serial: 0, paragraphCount: 2), to: Array("again.txt".utf8))
        try run.writer.moveIn(TestPages.page(serial: 3, paragraphCount: 2), to: Array("p3.txt".utf8))
        #expect(await run.waitUntilProcessed(2))
        #expect(await run.daemon.terminate() == 0)
        let stream = try server.streamEvents().filter { $0.fields["host"] as? String == "a" }
        #expect(stream.map(\.seq) == [1, 2, 3, 4, 5], "\(run.daemon.journalTail())")
        #expect(run.daemon.eventLog.events.map(\.seq) == [4, 5])
        #expect(stream.first { $0.displayPath == "again.txt" }?.type == "document.duplicate")
    }
}

/// With several events in flight, a crash can leave the stream holding a later event of a host
/// and not an earlier one (a refused claim not yet replaced, a message lost with a connection).
/// The outbox written before each batch is sent fills the hole at start, under the same rules.
@Suite struct OutboxCatchUpTests {
    /// `line` as event `seq` of host `host` (the test rewrites another host's events).
    private static func rewrite(_ line: String, seq: Int, host: String) -> String {
        let object = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        var copy = object
        copy["seq"] = seq
        copy["host"] = host
        return String(decoding: try! JSONSerialization.data(withJSONObject: copy, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func aHoleInAHostsSeqIsFilledFromTheOutboxAtStart() async throws {
        let server = try await NATSCluster.ready(label: "nats1", size: 1)
        let a = try await server.startDaemon(host: "a", label: "outbox-a")
        defer { a.remove() }
        try a.writer.moveIn(TestPages.page(serial: 1, paragraphCount: 2), to: Array("p1.txt".utf8))
        try a.writer.moveIn([], to: Array("empty.txt".utf8))
        #expect(await a.waitUntilProcessed(2))
        #expect(await a.daemon.terminate() == 0)
        let aLines = try String(contentsOfFile: a.state + "/events.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
        guard let ingested = aLines.first(where: { $0.contains("\"document.ingested\"") }),
            let rejected = aLines.first(where: { $0.contains("\"document.rejected\"") })
        else {
            Issue.record("host a logged no ingested and rejected events: \(aLines)")
            return
        }
        // Host c crashed after sending a batch of two: its claim of a's content (seq 1) was
        // refused and not yet replaced, its rejection (seq 2) is stored.
        let c = try await server.startDaemon(host: "c", label: "outbox-c")
        defer { c.remove() }
        #expect(await c.daemon.terminate() == 0)
        let claim = Self.rewrite(ingested, seq: 1, host: "c")
        let stored = Self.rewrite(rejected, seq: 2, host: "c")
        try (claim + "\n" + stored + "\n").write(toFile: c.state + "/nats.outbox", atomically: false, encoding: .utf8)
        let connection = try JetStreamConnection(settings: server.settings(), name: "test")
        _ = try connection.publish(subject: "depeche.host.c", body: Array(stored.utf8), msgID: "c:2", expectNoMessage: false)

        try await c.daemon.start()
        try c.writer.moveIn(TestPages.page(serial: 2, paragraphCount: 2), to: Array("p2.txt".utf8))
        #expect(await c.waitUntilProcessed(3))
        let stream = try server.streamEvents()
        let own = stream.filter { $0.string("host") == "c" }
        #expect(own.map(\.seq) == [2, 1, 3], "the hole is filled after the event stored beyond it")
        #expect(own.map(\.type) == ["document.rejected", "document.duplicate", "document.ingested"])
        #expect(own.first { $0.seq == 1 }?.string("of_host") == "a")
        let problems = ClusterChecks.violations(of: stream, filesPerHost: ["a": ["p1.txt", "empty.txt"], "c": ["p2.txt"]])
        #expect(problems.isEmpty, "\(problems)")
        let mirror = ClusterChecks.mirrorViolations(local: c.daemon.eventLog.events, stream: stream, host: "c")
        #expect(mirror.isEmpty, "\(mirror)")
    }

    /// What the daemon is doing when it is told to stop while NATS does not answer.
    enum Backlog: CaseIterable, Sendable {
        /// 5 pages: their events are in flight.
        case inFlight
        /// 1,100 unrelated pages: more than the publisher's window of 1,024 events, so the
        /// committer is blocked waiting for room.
        case windowFull
        /// 300 near copies of each other: the committer is blocked until the sink decides the
        /// event its decision would name.
        case waitingForADecision

        var count: Int { [.inFlight: 5, .windowFull: 1_100, .waitingForADecision: 300][self]! }
        /// The events awaiting acknowledgement once the committer is blocked.
        var held: Int { self == .windowFull ? 1_024 : 1 }

        func page(_ serial: Int) -> [UInt8] {
            self == .windowFull ? TestPages.unrelated(serial: serial) : TestPages.page(serial: serial, paragraphCount: 2)
        }
    }

    @Test(arguments: Backlog.allCases)
    func aStopWhileNATSIsDownLeavesTheFilesAndTheNextStartPublishesThemOnce(backlog: Backlog) async throws {
        let server = try await NATSCluster.ready(label: "nats1", size: 1)
        let run = try await server.startDaemon(host: "a", label: "outbox-stop")
        defer { run.remove() }
        let total = 5 + backlog.count
        try run.dropPages(0..<5, backlog.page)
        #expect(await run.waitUntilProcessed(5))
        server.kill(0)
        try run.dropPages(5..<total, backlog.page)
        #expect(await run.daemon.waitUntil(timeout: .seconds(20)) { run.daemon.journal().contains("cannot reach NATS JetStream") })
        // 1,100 pages take a few seconds on an idle machine, much longer on a loaded one.
        #expect(await run.daemon.waitUntil(timeout: .seconds(120)) {
            (server.gauge("depeche_sink_events_awaiting_ack", host: "a") ?? 0) >= Double(backlog.held)
        }, "\(String(describing: server.gauge("depeche_sink_events_awaiting_ack", host: "a"))) events awaiting acknowledgement")

        let stopped = ContinuousClock.now
        #expect(await run.daemon.terminate(timeout: .seconds(15)) == 0, "SIGTERM while NATS is down: a prompt, clean exit")
        #expect(ContinuousClock.now - stopped < .seconds(10))
        #expect(run.daemon.journal().contains("they are published at the next start"))
        #expect(FileSystem.nonDirectories(below: run.inbox).count == backlog.count, "the unacknowledged files stay in the inbox")

        try server.start(0)
        try await run.daemon.start()
        #expect(await run.waitUntilProcessed(total, timeout: .seconds(180)))
        let stream = try server.streamEvents()
        let files = Set((0..<total).map { "p\($0).txt" })
        let problems = ClusterChecks.violations(of: stream, filesPerHost: ["a": files])
        #expect(stream.count == total && problems.isEmpty, "\(problems.prefix(5))")
        let mirror = ClusterChecks.mirrorViolations(local: run.daemon.eventLog.events, stream: stream, host: "a")
        #expect(mirror.isEmpty, "\(mirror.prefix(5))")
    }
}

extension DaemonSandbox {
    /// Moves test pages `serials` into the inbox as `p<serial>.txt`, made by `page`.
    fileprivate func dropPages(_ serials: Range<Int>, _ page: (Int) -> [UInt8]) throws {
        for serial in serials { try writer.moveIn(page(serial), to: Array("p\(serial).txt".utf8)) }
    }
}
