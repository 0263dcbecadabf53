import Glibc
import Testing

/// depeche daemons on a 3-node JetStream cluster (real `nats-server` processes on loopback,
/// stream with 3 replicas): each content once across hosts, no loss and no repeat through
/// `kill -9` of a daemon and of NATS nodes.
@Suite(.serialized) struct ClusterTests {
    /// A 3-node cluster ready for an R3 stream, and started daemons named `hosts` on it, each
    /// with its own inbox (the caller removes them).
    private static func start(_ hosts: [String]) async throws -> (NATSCluster, [String: DaemonSandbox]) {
        let cluster = try await NATSCluster.ready(label: "nats3", size: 3)
        var runs: [String: DaemonSandbox] = [:]
        for host in hosts { runs[host] = try await cluster.startDaemon(host: host, label: "cluster-\(host)") }
        return (cluster, runs)
    }

    /// Drops page `serial` as `name` into every host's inbox at once and notes it in `files`.
    private static func dropEverywhere(
        _ serial: Int, as name: String, paragraphs: Int, runs: [String: DaemonSandbox], files: inout [String: Set<String>]
    ) throws {
        for (host, run) in runs {
            try run.writer.moveIn(TestPages.page(serial: serial, paragraphCount: paragraphs), to: Array(name.utf8))
            files[host, default: []].insert(name)
        }
    }

    /// Reads the whole stream and checks it holds `total` events, `contents` of them ingested,
    /// and the cluster invariants (``ClusterChecks``).
    private static func checkedStream(_ cluster: NATSCluster, total: Int, contents: Int, files: [String: Set<String>]) throws -> [LogEvent] {
        let events = try cluster.settledStreamEvents()
        #expect(events.count == total)
        #expect(events.filter { $0.type == "document.ingested" }.count == contents)
        let problems = ClusterChecks.violations(of: events, filesPerHost: files)
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
        return events
    }

    /// Waits until every inbox is empty and the stream holds `count` events.
    private static func waitUntilStreamHolds(_ count: Int, runs: [DaemonSandbox], cluster: NATSCluster, timeout: Duration = .seconds(90)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let inboxesEmpty = runs.allSatisfy { FileSystem.nonDirectories(below: $0.inbox).isEmpty }
            if inboxesEmpty, let events = try? cluster.streamEvents(), events.count >= count { return true }
            try? await Task.sleep(for: .milliseconds(250))
        }
        return false
    }

    /// The value of an unlabelled metric in a Prometheus textfile.
    @Test func theSameFilesOnThreeHostsAreIngestedOnceAcrossTheCluster() async throws {
        let (cluster, runs) = try await Self.start(["a", "b", "c"])
        defer { runs.values.forEach { $0.remove() } }
        var files: [String: Set<String>] = [:]
        // The same 80 pages on the three hosts at once; every fifth page is also dropped a
        // second time under another name on the same host.
        for serial in 0..<80 {
            try Self.dropEverywhere(serial, as: "p\(serial).txt", paragraphs: 3, runs: runs, files: &files)
            if serial % 5 == 0 { try Self.dropEverywhere(serial, as: "again\(serial).txt", paragraphs: 3, runs: runs, files: &files) }
        }
        let total = files.values.map(\.count).reduce(0, +)
        let done = await Self.waitUntilStreamHolds(total, runs: Array(runs.values), cluster: cluster)
        #expect(done, "\(runs.values.map { $0.daemon.journalTail(lines: 10) }.joined(separator: "\n"))")
        let events = try Self.checkedStream(cluster, total: total, contents: 80, files: files)
        for (host, run) in runs {
            #expect(await run.daemon.terminate() == 0)
            let mirror = ClusterChecks.mirrorViolations(local: run.daemon.eventLog.events, stream: events, host: host)
            #expect(mirror.isEmpty, "\(mirror.prefix(5))")
        }
    }

    @Test func theSameFilesOnThreeHostsAreIngestedOnceThroughALeaderChange() async throws {
        let (cluster, runs) = try await Self.start(["a", "b", "c"])
        defer { runs.values.forEach { $0.remove() } }
        var files: [String: Set<String>] = [:]
        for serial in 0..<200 { try Self.dropEverywhere(serial, as: "p\(serial).txt", paragraphs: 2, runs: runs, files: &files) }
        _ = await runs["a"]!.daemon.waitUntil(timeout: .seconds(30)) { runs["a"]!.daemon.eventLog.events.count >= 40 }
        let leader = try #require(try cluster.streamLeader())
        cluster.kill(leader)
        try await Task.sleep(for: .seconds(2))
        try cluster.start(leader)
        let done = await Self.waitUntilStreamHolds(600, runs: Array(runs.values), cluster: cluster, timeout: .seconds(120))
        #expect(done, "\(runs.values.map { $0.daemon.journalTail(lines: 10) }.joined(separator: "\n"))")
        _ = try Self.checkedStream(cluster, total: 600, contents: 200, files: files)
    }

    @Test func killNineOfADaemonMidBurstLosesAndRepeatsNothing() async throws {
        let (cluster, runs) = try await Self.start(["a", "b"])
        defer { runs.values.forEach { $0.remove() } }
        var files: [String: Set<String>] = [:]
        for serial in 0..<300 { try Self.dropEverywhere(serial, as: "p\(serial).txt", paragraphs: 2, runs: runs, files: &files) }
        let victim = runs["a"]!
        _ = await victim.daemon.waitUntil(timeout: .seconds(30)) { victim.daemon.eventLog.events.count >= 60 }
        victim.daemon.kill()
        try await victim.daemon.start()
        let done = await Self.waitUntilStreamHolds(600, runs: Array(runs.values), cluster: cluster)
        #expect(done, "\(victim.daemon.journalTail())")
        let events = try Self.checkedStream(cluster, total: 600, contents: 300, files: files)
        #expect(await victim.daemon.terminate() == 0)
        let mirror = ClusterChecks.mirrorViolations(local: victim.daemon.eventLog.events, stream: events, host: "a")
        #expect(mirror.isEmpty, "\(mirror.prefix(5))")
    }

    @Test func oneNodeDownLosesNothingAndTwoDownPauseIntakeUntilTheyAreBack() async throws {
        let (cluster, runs) = try await Self.start(["a"])
        let run = runs["a"]!
        defer { run.remove() }
        var files: [String: Set<String>] = [:]
        func drop(_ serials: Range<Int>) throws {
            for serial in serials { try Self.dropEverywhere(serial, as: "p\(serial).txt", paragraphs: 2, runs: runs, files: &files) }
        }
        try drop(0..<150)
        _ = await run.daemon.waitUntil(timeout: .seconds(30)) { run.daemon.eventLog.events.count >= 30 }
        cluster.kill(0)
        #expect(await Self.waitUntilStreamHolds(150, runs: [run], cluster: cluster), "\(run.daemon.journalTail())")

        cluster.kill(1)
        try drop(150..<200)
        try await Task.sleep(for: .seconds(8))
        #expect(!FileSystem.nonDirectories(below: run.inbox).isEmpty, "files stay in the inbox without quorum")
        #expect(run.daemon.journal().contains("cannot reach NATS JetStream"))
        let metrics = cluster.metricsPath(host: "a")
        let paused = String(decoding: (try? FileSystem.read(metrics)) ?? [], as: UTF8.self)
        #expect(paused.contains("depeche_sink_available 0"))
        // The events of the files being committed wait for their acknowledgement (one per worker at most).
        let awaiting = NATSCluster.gauge("depeche_sink_events_awaiting_ack", in: paused)
        #expect(awaiting.map { $0 >= 1 } == true, "\(paused)")
        try cluster.start(0)
        try cluster.start(1)
        #expect(await Self.waitUntilStreamHolds(200, runs: [run], cluster: cluster, timeout: .seconds(120)), "\(run.daemon.journalTail())")
        #expect(run.daemon.journal().contains("NATS answers again"))
        try await Task.sleep(for: .milliseconds(1500))
        let resumed = String(decoding: (try? FileSystem.read(metrics)) ?? [], as: UTF8.self)
        #expect(resumed.contains("depeche_sink_available 1"))
        #expect(NATSCluster.gauge("depeche_sink_events_awaiting_ack", in: resumed) == 0, "\(resumed)")
        _ = try Self.checkedStream(cluster, total: 200, contents: 200, files: files)
    }
}
