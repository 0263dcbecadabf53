import Foundation
import Testing

/// `depeche reextract` after a gazetteer change, while the daemon runs.
@Suite struct ReextractTests {
    static let page = Array("""
        Le groupe Zorblax investit à Tanger

        Rabat, le 3 mars — Le groupe Zorblax a annoncé mardi l'ouverture d'une usine à Tanger, \
        un investissement de 200 millions de dirhams selon le ministère de l'Industrie.

        Zorblax emploiera 400 personnes dès l'année prochaine, a précisé la direction.

        """.utf8)

    private func lines(_ text: String) -> [[String: Any]] {
        text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    private func canonicalNames(_ event: [String: Any]) -> [String] {
        ((event["entities"] as? [[String: Any]]) ?? []).compactMap { $0["canonical"] as? String }
    }

    /// Every file of the event log, concatenated.
    private func logBytes(_ run: DaemonSandbox) throws -> [UInt8] {
        try (run.daemon.eventLog.segmentPaths() + [run.daemon.eventLog.activePath]).flatMap { try FileSystem.read($0) }
    }

    @Test func aChangedGazetteerYieldsTheNewEntityForAnAlreadyIngestedPage() async throws {
        let gazetteer = try ScratchDirectory(label: "reextract-gazetteer")
        defer { gazetteer.remove() }
        let setting = "extract.gazetteer_dir=\(gazetteer.path)"
        let run = try DaemonSandbox(label: "reextract", settings: ["intake.settle_ms": "50", "extract.gazetteer_dir": gazetteer.path])
        defer { run.remove() }
        try await run.daemon.start()
        try await run.writer.write(Self.page, to: "zorblax.txt")
        try await run.writer.write(TestPages.page(serial: 1), to: "other.txt")
        #expect(await run.waitUntilProcessed(2))
        let logged = lines(String(decoding: try logBytes(run), as: UTF8.self))
        let original = try #require(logged.first { $0["path"] as? String == "zorblax.txt" })
        #expect(!canonicalNames(original).contains("Zorblax Holding"))

        try FileSystem.write(Array("Zorblax Holding\tORG\tZorblax|Groupe Zorblax\tfr\n".utf8), to: gazetteer.appending("watch.tsv"))
        let other = try #require(logged.first { $0["path"] as? String == "other.txt" })
        try FileManager.default.removeItem(atPath: run.state + "/" + (try #require(other["stored"] as? String)))
        let before = try logBytes(run)
        let result = try Command.run(DaemonProcess.binary, ["reextract", "--config", run.daemon.configPath, "--set", setting])
        #expect(try logBytes(run) == before, "reextract wrote to the live log")
        #expect(await run.daemon.terminate() == 0)

        #expect(result.status == 0, "\(result.stderr)")
        let redone = lines(result.stdout)
        #expect(redone.count == 1)
        let line = try #require(redone.first)
        for key in ["seq", "ts", "id", "path", "received", "stored", "type"] {
            #expect("\(line[key] ?? "nil")" == "\(original[key] ?? "nil")", "\(key) differs")
        }
        #expect(line["reextracted"] is String)
        #expect(canonicalNames(line).contains("Zorblax Holding"), "\(line["entities"] ?? "none")")
        #expect(result.stderr.contains("seq \(other["seq"] ?? 0) other.txt: no archived copy"), "\(result.stderr)")
        #expect(result.stderr.contains("1 re-extracted, 1 without an archived copy"), "\(result.stderr)")

        let onTerminal = try Command.run(
            "script", ["-qec", "\(DaemonProcess.binary) reextract --config \(run.daemon.configPath) --set \(setting)", "/dev/null"])
        #expect(onTerminal.stdout.contains("] 2/2"), "no progress bar on a terminal: \(onTerminal.stdout)")

        let seq = try #require(original["seq"] as? Int)
        let one = try Command.run(
            DaemonProcess.binary, ["reextract", "--config", run.daemon.configPath, "--set", setting, "--from", "\(seq)", "--until", "\(seq)"])
        #expect(lines(one.stdout).map { $0["seq"] as? Int } == [seq])
    }

    @Test func documentsThatWereNeverArchivedAreCountedAndNamed() async throws {
        let run = try DaemonSandbox(label: "reextract-delete", settings: ["intake.settle_ms": "50", "dispose.mode": "delete"])
        defer { run.remove() }
        try await run.daemon.start()
        try await run.writer.write(TestPages.page(serial: 2), to: "gone.txt")
        #expect(await run.waitUntilProcessed(1))
        #expect(await run.daemon.terminate() == 0)
        let result = try Command.run(DaemonProcess.binary, ["reextract", "--config", run.daemon.configPath])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("seq 1 gone.txt: no archived copy (dispose.mode delete or keep)"), "\(result.stderr)")
        #expect(result.stderr.contains("0 re-extracted, 1 without an archived copy"), "\(result.stderr)")
    }
}
