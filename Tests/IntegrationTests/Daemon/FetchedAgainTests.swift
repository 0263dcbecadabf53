import Testing

/// A scraper's second pass: pages the store already holds come back, byte for byte or re-saved.
@Suite struct FetchedAgainTests {
    /// After a restart (the store then holds every document), an exact copy is a duplicate that is
    /// not analysed again (the first copy's decoding repair is not told twice), and a copy
    /// re-saved with CRLF line ends is a duplicate of the same article.
    @Test func aPageFetchedAgainIsADuplicateOfTheStoredOne() async throws {
        let run = try DaemonSandbox(label: "again", settings: ["intake.settle_ms": "50"])
        defer { run.remove() }
        // A stray Latin-1 byte: decoding repairs it, and says so in the journal.
        let page = TestPages.page(serial: 7) + Array("Fin de la dépêche \u{FFFD}".utf8).dropLast(3) + [0xE9, 0x0A]
        try await run.daemon.start()
        try await run.writer.write(page, to: "first.txt")
        #expect(await run.waitUntilProcessed(1))
        #expect(await run.daemon.terminate() == 0)
        let repairs = { run.daemon.journal().components(separatedBy: "decoding repaired the file").count - 1 }
        #expect(repairs() == 1, "\(run.daemon.journalTail())")

        try await run.daemon.start()
        try await run.writer.write(page, to: "again.txt")
        let crlf = page.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
        try await run.writer.write(crlf, to: "resaved.txt")
        #expect(await run.waitUntilProcessed(3))
        #expect(await run.daemon.terminate() == 0)
        let events = run.daemon.eventLog.events
        let first = try #require(events.first { $0.displayPath == "first.txt" })
        let again = try #require(events.first { $0.displayPath == "again.txt" })
        let resaved = try #require(events.first { $0.displayPath == "resaved.txt" })
        #expect(first.type == "document.ingested")
        #expect(again.type == "document.duplicate" && again.string("match") == "exact" && again.string("of") == first.string("id"))
        #expect(resaved.type == "document.duplicate" && resaved.string("match") == "content" && resaved.int("of_seq") == first.seq)
        #expect(repairs() == 2, "the exact copy is not decoded again; the re-saved one is\n\(run.daemon.journalTail())")
        let unstored = run.invariants.storageViolations(events)
        #expect(unstored.isEmpty, "each copy's event says where its bytes are: \(unstored)")
    }
}
