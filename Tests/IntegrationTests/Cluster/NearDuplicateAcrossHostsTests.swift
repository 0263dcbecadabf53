import Glibc
import Testing
@testable import DepecheCore

/// Near duplicates across hosts: each daemon's near-duplicate index follows the other hosts'
/// `document.ingested` events in the stream (a 3-node cluster, R3 stream, real `nats-server`s).
@Suite(.serialized) struct NearDuplicateAcrossHostsTests {
    /// An article of 200 words drawn at random (seeded by `serial`), unlike any other; with
    /// `edited`, every 50th word changed: the same story, a few words edited.
    private static func article(_ serial: Int, edited: Bool = false) -> [UInt8] {
        var generator = SeededGenerator(seed: UInt64(serial))
        let words = (0..<200).map { index in
            let word = "mot\(generator.next() % 5000)"
            return edited && index % 50 == 49 ? "modifié" : word
        }
        return Array("Dépêche \(serial)\n\n\(words.joined(separator: " "))\n".utf8)
    }

    /// The other hosts' documents the store in `state` holds, read beside its daemon.
    private static func foreignDocuments(in store: StateStore) -> Int {
        (try? store.read { try $0.foreignDocumentCount() }) ?? -1
    }

    /// Polls (every 200 µs) until `condition` holds or `timeout` passes.
    private static func poll(timeout: Duration, _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .microseconds(200))
        }
        return true
    }

    /// Bytes in the active event log at `path` (its lines are written after the server's
    /// acknowledgement).
    private static func size(_ path: String) -> Int {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : 0
    }

    /// A ready 3-node cluster with daemons `a` and `b` on it (the caller removes them), and B's
    /// store, opened read-only beside its daemon.
    private static func startTwoHosts(label: String) async throws -> (NATSCluster, DaemonSandbox, DaemonSandbox, StateStore) {
        let cluster = try await NATSCluster.ready(label: label, size: 3)
        let a = try await cluster.startDaemon(host: "a", label: "\(label)-a")
        let b = try await cluster.startDaemon(host: "b", label: "\(label)-b")
        return (cluster, a, b, try StateStore(directory: b.state + "/store", mapSize: 1 << 30, readOnly: true))
    }

    @Test func aNearCopyOnHostBOfAnArticleIngestedOnHostANamesIt() async throws {
        let (cluster, a, b, storeB) = try await Self.startTwoHosts(label: "near")
        defer { withExtendedLifetime(cluster) { [a, b].forEach { $0.remove() } } }

        // The lag: from the moment A's event is in A's local log (written after the server's
        // acknowledgement) to the moment B's store holds the document.
        let articles = 20
        var lags: [Duration] = []
        let logA = a.state + "/events.jsonl"
        for serial in 0..<articles {
            let before = Self.size(logA)
            try a.writer.moveIn(Self.article(500 + serial), to: Array("p\(serial).txt".utf8))
            let logged = await Self.poll(timeout: .seconds(30)) { Self.size(logA) > before }
            #expect(logged, "\(a.daemon.journalTail())")
            let acknowledged = ContinuousClock.now
            let known = await Self.poll(timeout: .seconds(30)) { Self.foreignDocuments(in: storeB) > serial }
            #expect(known, "\(b.daemon.journalTail())")
            lags.append(.now - acknowledged)
        }
        let sorted = lags.sorted()
        print("near-duplicate index lag, A's acknowledgement → B's store (\(articles) articles): "
            + "p50 \(sorted[articles / 2]), max \(sorted[articles - 1])")

        // A near copy of A's first article, dropped on B afterwards, names it and its host.
        let first = try #require(a.daemon.eventLog.events.first { $0.path == Array("p0.txt".utf8) })
        try b.writer.moveIn(Self.article(500, edited: true), to: Array("copy.txt".utf8))
        #expect(await b.waitUntilProcessed(1), "\(b.daemon.journalTail())")
        let copy = try #require(b.daemon.eventLog.events.first)
        #expect(copy.type == "document.ingested")
        #expect(copy.string("near_duplicate_of") == first.id)
        #expect(copy.string("near_duplicate_host") == "a")
        #expect((copy.fields["similarity"] as? Double ?? 0) > 0.84)

        // A's events never name a host: its own near copies are found as in the file mode.
        try a.writer.moveIn(Self.article(501, edited: true), to: Array("own-copy.txt".utf8))
        #expect(await a.waitUntilProcessed(articles + 1), "\(a.daemon.journalTail())")
        let own = try #require(a.daemon.eventLog.events.last)
        #expect(own.string("near_duplicate_of") == a.daemon.eventLog.events[1].id)
        #expect(own.string("near_duplicate_host") == nil)

        // The foreign documents do not upset `depeche check`.
        #expect(await b.daemon.terminate() == 0)
        let check = try b.daemon.check()
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // 20 or 21 documents of other hosts (A's own near copy may have reached B before it stopped).
        #expect(check.stdout.contains("(1 documents and 2"), "\(check.stdout)")
    }

    /// A host killed while others ingest resumes following from the position its store saved:
    /// it learns what it missed, each document once, and names it in its next near copy.
    @Test func aHostKilledAndRestartedFollowsOnFromWhereItLeftOff() async throws {
        let (cluster, a, b, storeB) = try await Self.startTwoHosts(label: "near-restart")
        defer { withExtendedLifetime(cluster) { [a, b].forEach { $0.remove() } } }
        for serial in 0..<10 { try a.writer.moveIn(Self.article(700 + serial), to: Array("p\(serial).txt".utf8)) }
        #expect(await Self.poll(timeout: .seconds(30)) { Self.foreignDocuments(in: storeB) == 10 }, "\(b.daemon.journalTail())")
        let positionBefore = try storeB.foreignPosition()
        #expect(positionBefore > 0)

        b.daemon.kill()
        for serial in 10..<20 { try a.writer.moveIn(Self.article(700 + serial), to: Array("p\(serial).txt".utf8)) }
        #expect(await a.waitUntilProcessed(20), "\(a.daemon.journalTail())")
        try await b.daemon.start()
        #expect(await Self.poll(timeout: .seconds(30)) { Self.foreignDocuments(in: storeB) == 20 }, "\(b.daemon.journalTail())")
        #expect(try storeB.foreignPosition() > positionBefore)

        try b.writer.moveIn(Self.article(715, edited: true), to: Array("copy.txt".utf8))
        #expect(await b.waitUntilProcessed(1), "\(b.daemon.journalTail())")
        let original = try #require(a.daemon.eventLog.events.first { $0.path == Array("p15.txt".utf8) })
        let copy = try #require(b.daemon.eventLog.events.first)
        #expect(copy.string("near_duplicate_of") == original.id)
        #expect(copy.string("near_duplicate_host") == "a")
        #expect(Self.foreignDocuments(in: storeB) == 20, "each document once")
    }
}
