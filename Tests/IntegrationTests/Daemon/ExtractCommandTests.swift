import Foundation
import Testing

/// `depeche extract`: the event the daemon would log for a page, without the daemon.
@Suite struct ExtractCommandTests {
    /// The JSON objects of `output`'s lines.
    static func events(_ output: String) -> [[String: Any]] {
        output.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// A JSON value written again with its keys sorted, to compare two.
    static func json(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }

    /// One event per file named, numbered from 1; a file that does not exist is the user's
    /// mistake, not a page: it is named on stderr and the status is 64, the others still read.
    @Test func extractPrintsOneEventPerFileWithoutStateOrMoves() throws {
        let scratch = try ScratchDirectory(label: "extract")
        defer { scratch.remove() }
        let good = scratch.appending("page.txt")
        let empty = scratch.appending("empty.txt")
        try FileSystem.write(TestPages.page(serial: 1), to: good)
        try FileSystem.write([], to: empty)
        let (missing, nowhere) = (scratch.appending("missing.txt"), scratch.appending("nowhere/page.txt"))
        let result = try Command.run(DaemonProcess.binary, ["extract", missing, good, nowhere, empty])
        let events = Self.events(result.stdout)
        #expect(events.map { $0["seq"] as? Int } == [1, 2])
        #expect(events.map { $0["path"] as? String } == [good, empty])
        #expect(events[0]["type"] as? String == "document.ingested")
        #expect(events[0]["entities"] is [Any])
        #expect(events[1]["reason"] as? String == "empty")
        #expect(result.status == 64)
        #expect(result.stderr == "depeche extract: \(missing): no such file\ndepeche extract: \(nowhere): no such file\n")
        #expect(FileSystem.nonDirectories(below: scratch.path).count == 2, "extract moved or created files")
    }

    /// No configuration file, an empty working directory: the built-in gazetteers are used, and
    /// a user's list given by `extract.gazetteer_dir` adds its names to them.
    @Test func extractNeedsNoConfigurationAndReadsTheUsersLists() throws {
        let scratch = try ScratchDirectory(label: "extract-anywhere")
        defer { scratch.remove() }
        try FileSystem.write(Array("Selon Bank Al-Maghrib, la société Zorblax Analytics recrute à Rabat.\n".utf8), to: scratch.appending("page.txt"))
        try FileManager.default.createDirectory(atPath: scratch.appending("lists"), withIntermediateDirectories: false)
        try FileSystem.write(Array("Zorblax Analytics\tORG\n".utf8), to: scratch.appending("lists/watch.tsv"))
        /// The gazetteer names (`canonical`) the page's entities were found under.
        func known(_ settings: String) throws -> Set<String> {
            let result = try Command.run("/bin/sh", ["-c", "cd '\(scratch.path)' && exec '\(DaemonProcess.binary)' extract \(settings) page.txt"],
                                         dropping: { $0.hasPrefix("DEPECHE_") })
            #expect(result.status == 0, "\(result.stderr)")
            let event = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let entities = event?["entities"] as? [[String: Any]] ?? []
            return Set(entities.compactMap { $0["canonical"] as? String })
        }
        #expect(try known("") == ["Bank Al-Maghrib", "Rabat"])
        #expect(try known("--set extract.gazetteer_dir=lists") == ["Bank Al-Maghrib", "Zorblax Analytics", "Rabat"])
        let missing = try Command.run("/bin/sh", ["-c", "cd '\(scratch.path)' && exec '\(DaemonProcess.binary)' extract --set extract.gazetteer_dir=nowhere page.txt"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("extract.gazetteer_dir: nowhere: no such file or directory"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("NSCocoaErrorDomain"))
    }

    /// The daemon's event for a page and `extract`'s are the same but for what only the daemon
    /// can know: its `seq`, when it wrote and took the file, the file it took and where it stored it.
    @Test func extractPrintsTheEventTheDaemonLogs() async throws {
        let run = try DaemonSandbox(label: "extract-daemon", settings: ["intake.settle_ms": "50"])
        defer { run.remove() }
        try FileSystem.write(TestPages.page(serial: 4), to: run.outside + "/p.txt")
        try await run.daemon.start()
        try await run.writer.write(TestPages.page(serial: 4), to: "p.txt")
        #expect(await run.waitUntilProcessed(1))
        #expect(await run.daemon.terminate() == 0)
        let logged = try #require(run.daemon.eventLog.events.first?.fields)

        func extract(_ settings: [String]) throws -> [String: Any] {
            let result = try Command.run(
                "env", ["-C", run.outside, DaemonProcess.binary, "extract", "--config", run.daemon.configPath] + settings + ["p.txt"],
                dropping: DaemonProcess.isDepecheVariable)
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(Self.events(result.stdout).first)
        }
        let extracted = try extract([])
        let daemonsOwn: Set = ["seq", "ts", "received", "file", "stored"]
        #expect(Set(logged.keys).subtracting(daemonsOwn) == Set(extracted.keys).subtracting(daemonsOwn))
        for (key, value) in logged where !daemonsOwn.contains(key) {
            #expect(try Self.json(value) == Self.json(extracted[key] ?? NSNull()), "\(key)")
        }
        #expect(logged["text"] is String, "event.include_text is true by default")
        #expect(try extract(["--set", "event.include_text=false"])["text"] == nil)
    }

    /// `-` reads the page from standard input, a pipe or a file; `/dev/stdin`, a link, is
    /// refused with a pointer to `-`.
    @Test func aDashReadsStandardInput() throws {
        let scratch = try ScratchDirectory(label: "extract-stdin")
        defer { scratch.remove() }
        let page = TestPages.page(serial: 2)
        try FileSystem.write(page, to: scratch.appending("page.txt"))
        let file = try Command.run(DaemonProcess.binary, ["extract", scratch.appending("page.txt")])
        let expected = try #require(Self.events(file.stdout).first)
        for shell in ["exec '\(DaemonProcess.binary)' extract - < page.txt", "cat page.txt | '\(DaemonProcess.binary)' extract -"] {
            let result = try Command.run("/bin/sh", ["-c", "cd '\(scratch.path)' && \(shell)"], dropping: DaemonProcess.isDepecheVariable)
            #expect(result.status == 0, "\(shell): \(result.stderr)")
            let event = try #require(Self.events(result.stdout).first, "\(shell)")
            #expect(event["path"] as? String == "-")
            #expect(event["size"] as? Int == page.count)
            #expect(event["type"] as? String == "document.ingested")
            #expect(event["id"] as? String == expected["id"] as? String)
            #expect(try Self.json(event["entities"] ?? NSNull()) == Self.json(expected["entities"] ?? NSNull()))
        }
        let link = try Command.run("/bin/sh", ["-c", "exec '\(DaemonProcess.binary)' extract /dev/stdin < '\(scratch.appending("page.txt"))'"])
        #expect(link.status == 64 && link.stdout.isEmpty)
        #expect(link.stderr == "depeche extract: /dev/stdin: a symbolic link, not followed: give - to read standard input\n")
        let twice = try Command.run(DaemonProcess.binary, ["extract", "-", "-"])
        #expect(twice.status == 64 && twice.stderr.contains("- (standard input) can be given once"), "\(twice.stderr)")
    }
}
