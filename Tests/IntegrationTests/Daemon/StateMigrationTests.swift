import Foundation
import Glibc
import Testing
@testable import DepecheCore

/// A state directory written by a depeche from before the store (`index.snapshot` format 2 and
/// `near.index`) is migrated into the store at the first start, once, with a journal line.
@Suite struct StateMigrationTests {
    @Test func snapshotsOfAnEarlierDepecheAreMigratedOnce() async throws {
        let run = try DaemonSandbox(label: "migrate", settings: ["intake.settle_ms": "50"])
        defer { run.remove() }
        try await run.daemon.start()
        for serial in 1...3 { try await run.writer.write(TestPages.page(serial: serial), to: "p\(serial).txt") }
        #expect(await run.waitUntilProcessed(3))
        #expect(await run.daemon.terminate() == 0)
        let events = run.daemon.eventLog.events
        // Two workers: page 1's event need not be the first logged.
        let first = try #require(events.first { $0.displayPath == "p1.txt" })
        try writeLegacySnapshots(of: events, in: run.state)
        try Command.succeed("rm", ["-rf", run.state + "/store"])

        try await run.daemon.start()
        #expect(run.daemon.journal().contains("migrated the index snapshots into the state store"), "\(run.daemon.journalTail())")
        #expect(FileSystem.kind(run.state + "/index.snapshot") == nil && FileSystem.kind(run.state + "/near.index") == nil)
        try await run.writer.write(TestPages.page(serial: 1), to: "again.txt")
        let edited = String(decoding: TestPages.page(serial: 1), as: UTF8.self).replacingOccurrences(of: "4,5 %", with: "4,7 %")
        try await run.writer.write(Array(edited.utf8), to: "edited.txt")
        #expect(await run.waitUntilProcessed(5))
        let after = run.daemon.eventLog.events
        let again = try #require(after.first { $0.displayPath == "again.txt" })
        #expect(again.type == "document.duplicate" && again.int("of_seq") == first.seq)
        let near = try #require(after.first { $0.displayPath == "edited.txt" })
        #expect(near.string("near_duplicate_of") == first.id, "\(near.fields)")
        #expect(await run.daemon.terminate() == 0)

        try await run.daemon.start()
        #expect(await run.daemon.terminate() == 0)
        #expect(run.daemon.journal().components(separatedBy: "migrated the index snapshots").count == 2, "migrated more than once")
        let check = try run.daemon.check()
        #expect(check.status == 0 && check.stdout.contains("state store: ok"), "\(check.stdout)")
    }

    /// What a depeche from before the store would have left after logging `events`: the
    /// exact index and the near-duplicate index as of the last event.
    private func writeLegacySnapshots(of events: [LogEvent], in state: String) throws {
        var index = DedupIndex()
        var near = NearDuplicateIndex()
        for event in events where event.type == "document.ingested" {
            let id = try #require(event.id)
            index.insert(id: id, textHash: event.string("text_sha256"), seq: event.seq)
            let simhash = try #require(event.string("simhash").flatMap(ArticleFingerprint.simhash(fromHex:)))
            let sketch = try #require(event.string("minhash").flatMap(MinHashSketch.init(hex:)))
            near.insert(simhash: simhash, sketch: sketch, id: id)
        }
        let seq = try #require(events.last?.seq)
        near.seq = seq
        try IndexSnapshot(seq: seq, index: index, ledger: DispositionLedger()).write(to: state + "/index.snapshot")
        try near.save(to: state + "/near.index")
    }
}
