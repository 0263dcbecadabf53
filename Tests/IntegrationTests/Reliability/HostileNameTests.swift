import Foundation
import Testing

extension Reliability {
    /// Names no scraper should produce but some will: every one is taken, reported byte for
    /// byte (`path_b64` when not UTF-8), archived or quarantined, and never read as an option.
    @Suite struct HostileNames {
        static let names: [[UInt8]] = [
            Array("ligne\nsuivante.txt".utf8),
            Array("retour\rchariot.txt".utf8),
            Array("tab\tulation.txt".utf8),
            [0x66, 0xFF, 0xFE, 0x2E, 0x74, 0x78, 0x74],  // "f\xff\xfe.txt": not UTF-8
            Array("d".utf8) + [0xE9] + Array("p".utf8) + [0xEA] + Array("che.txt".utf8),  // Latin-1 "dépêche.txt"
            Array(String(repeating: "a", count: 251).utf8) + Array(".txt".utf8),  // NAME_MAX, 255 bytes
            Array(String(repeating: "é", count: 125).utf8) + Array(".html".utf8),  // 255 bytes of UTF-8
            Array("-rf.txt".utf8),
            Array("--help".utf8),
            Array("-".utf8),
            Array("espaces 'simples' \"doubles\" \\ $HOME `id` ;|&.txt".utf8),
            Array("*?[a-z].txt".utf8),
            Array("خبر عاجل.txt".utf8),
            Array("🗞️ une.txt".utf8),
            Array("\u{202E}txt.exe".utf8),  // right-to-left override
        ]

        @Test func everyNameIsReportedExactlyAndStoredSafely() async throws {
            let sandbox = try DaemonSandbox(label: "names", settings: ["intake.settle_ms": "50"])
            defer { sandbox.remove() }
            try FileSystem.makeDirectories(sandbox.inbox + "/-site")
            try FileSystem.makeDirectories(sandbox.inbox + "/sous\nrépertoire")
            try FileSystem.makeDirectories(Array(sandbox.inbox.utf8) + [UInt8(ascii: "/"), 0xC0, 0xAF])
            var dropped: [DroppedFile] = []
            for (index, name) in Self.names.enumerated() {
                dropped.append(DroppedFile(path: name, bytes: TestPages.page(serial: 7000 + index), expected: .document))
            }
            for (index, directory) in [Array("-site".utf8), Array("sous\nrépertoire".utf8), [0xC0, 0xAF]].enumerated() {
                let page = directory + Array("/-n page.txt".utf8)
                dropped.append(DroppedFile(path: page, bytes: TestPages.page(serial: 7100 + index), expected: .document))
                let bad = TestPages.bad(serial: index)
                dropped.append(DroppedFile(path: directory + [UInt8(ascii: "/"), 0xFF] + Array("\nvide".utf8), bytes: bad.bytes, expected: .rejected(bad.reason)))
            }
            let longBad = Array(String(repeating: "z", count: 255).utf8)
            dropped.append(DroppedFile(path: longBad, bytes: [], expected: .rejected("empty")))
            dropped.append(DroppedFile(path: Self.names[0] + [0xFF], bytes: TestPages.page(serial: 7000), expected: .document))

            try await sandbox.daemon.start()
            for file in dropped {
                guard case .bytes(let bytes) = file.content else { continue }
                try sandbox.writer.moveIn(bytes, to: file.path)
            }
            let processed = await sandbox.waitUntilProcessed(dropped.count)
            let status = await sandbox.daemon.terminate()
            let log = sandbox.daemon.eventLog.read()
            #expect(processed, "not every file was processed:\n\(sandbox.daemon.journalTail())")
            #expect(status == 0)
            let problems = sandbox.invariants.violations(of: log, dropped: dropped)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))\n\(sandbox.daemon.journalTail())")
            for event in log.events {
                let valid = String(validating: event.path, as: UTF8.self) != nil
                #expect((event.string("path_b64") != nil) == !valid, "path_b64 present/absent wrongly for \(event.displayPath)")
            }
            #expect(try sandbox.daemon.check().status == 0)
        }
    }
}
