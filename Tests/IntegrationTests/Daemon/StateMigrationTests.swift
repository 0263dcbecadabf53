import Foundation
import Testing

/// A state directory written by a depeche from before the store (`index.snapshot` format 2 and
/// `near.index`) is migrated into the store at the first start, once, with a journal line.
@Suite struct StateMigrationTests {
    /// What such a depeche left after ingesting three pages (Fixtures/legacy-state/README.md).
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/legacy-state").path

    @Test func snapshotsOfAnEarlierDepecheAreMigratedOnce() async throws {
        let run = try DaemonSandbox(label: "migrate", settings: ["intake.settle_ms": "50"])
        defer { run.remove() }
        for name in ["events.jsonl", "index.snapshot", "near.index"] {
            try FileSystem.write(try FileSystem.read(Self.fixtures + "/" + name), to: run.state + "/" + name)
        }

        try await run.daemon.start()
        #expect(run.daemon.journal().contains("migrated the index snapshots into the state store"), "\(run.daemon.journalTail())")
        #expect(FileSystem.kind(run.state + "/index.snapshot") == nil && FileSystem.kind(run.state + "/near.index") == nil)
        try await Self.expectPage1Known(run)
        #expect(await run.daemon.terminate() == 0)

        try await run.daemon.start()
        #expect(await run.daemon.terminate() == 0)
        #expect(run.daemon.journal().components(separatedBy: "migrated the index snapshots").count == 2, "migrated more than once")
        let check = try run.daemon.check()
        #expect(check.status == 0 && check.stdout.contains("state store: ok"), "\(check.stdout)")
    }

    /// A store of format 2 (SimHash tables) or 3 (10-byte bands), written by the release
    /// before the next format (Fixtures/format2-store/README.md, Fixtures/format3-store/README.md),
    /// is converted in place at the first start: the three documents it knows are still an exact
    /// and a near duplicate's originals, and `check` is ok.
    @Test(arguments: [2, 3]) func aStoreOfAnEarlierFormatIsConvertedInPlace(format: Int) async throws {
        let run = try DaemonSandbox(label: "upgrade", settings: ["intake.settle_ms": "50"])
        defer { run.remove() }
        let store = URL(fileURLWithPath: Self.fixtures).deletingLastPathComponent().appendingPathComponent("format\(format)-store").path
        try FileSystem.write(try FileSystem.read(Self.fixtures + "/events.jsonl"), to: run.state + "/events.jsonl")
        try FileManager.default.createDirectory(atPath: run.state + "/store", withIntermediateDirectories: true)
        try FileSystem.write(try FileSystem.read(store + "/data.mdb"), to: run.state + "/store/data.mdb")

        try await run.daemon.start()
        let journal = run.daemon.journal()
        #expect(journal.contains("converting the state store from format \(format) to 4"), "\(run.daemon.journalTail())")
        #expect(journal.contains("the state store was converted in place to the current format") && journal.contains("store.simhashes=3"))
        #expect(!journal.contains("rebuilding"), "nothing is read again from the log")
        try await Self.expectPage1Known(run)
        #expect(await run.daemon.terminate() == 0)
        let check = try run.daemon.check()
        #expect(check.status == 0 && check.stdout.contains("state store: ok"), "\(check.stdout)")
    }

    /// Drops page 1 again and an edited copy of it: an exact duplicate of its `seq` and a near
    /// duplicate of its id.
    static func expectPage1Known(_ run: DaemonSandbox) async throws {
        let first = try #require(run.daemon.eventLog.events.first { $0.displayPath == "p1.txt" })
        let page = try FileSystem.read(fixtures + "/p1.txt")
        try await run.writer.write(page, to: "again.txt")
        let edited = String(decoding: page, as: UTF8.self).replacingOccurrences(of: "4,5 %", with: "4,7 %")
        try await run.writer.write(Array(edited.utf8), to: "edited.txt")
        #expect(await run.waitUntilProcessed(5))
        let after = run.daemon.eventLog.events
        let again = try #require(after.first { $0.displayPath == "again.txt" })
        #expect(again.type == "document.duplicate" && again.int("of_seq") == first.seq)
        let near = try #require(after.first { $0.displayPath == "edited.txt" })
        #expect(near.string("near_duplicate_of") == first.id, "\(near.fields)")
    }
}
