import Foundation
import Glibc
import Logging
import Testing
@testable import DepecheCore

@Suite struct JSONLEventLogTests {
    let directory = TemporaryDirectory()
    var path: String { directory.url("events.jsonl") }

    func options(fsync: DepecheConfig.FsyncPolicy = .never, rotateBytes: Int = 1 << 30, retain: Int = 0) -> JSONLEventLog.Options {
        var config = InMemoryDefaults.config(inbox: directory.url("inbox"), state: directory.path)
        config.fsync = fsync
        config.rotateBytes = rotateBytes
        config.retainSegments = retain
        return JSONLEventLog.Options(config)
    }

    static func event(_ name: String) -> DocumentEvent {
        let receipt = Receipt(path: InboxPath(name), identity: nil, received: Timestamp(nanoseconds: 0))
        return .rejected(RejectedDocument(id: nil, receipt: receipt, rejection: Rejection(.empty, "empty"), quarantined: nil))
    }

    func lines() -> [[String: Any]] {
        var found: [[String: Any]] = []
        try! EventLogReader(activePath: path).forEach { found.append($0.fields) }
        return found
    }

    @Test func appendsGapFreeSeqAcrossReopen() throws {
        do {
            let log = try JSONLEventLog(options: options(), logger: Logger.quiet)
            #expect(try log.append(Self.event("a")) == 1)
            #expect(try log.append(Self.event("b")) == 2)
        }
        let reopened = try JSONLEventLog(options: options(), logger: Logger.quiet)
        #expect(reopened.lastSeq == 2)
        #expect(try reopened.append(Self.event("c")) == 3)
        let parsed = lines()
        #expect(parsed.map { $0["seq"] as? Int } == [1, 2, 3])
        #expect(parsed.allSatisfy { $0["v"] as? Int == 1 && $0["type"] as? String == "document.rejected" })
    }

    @Test func cutsATornLastLineOnOpen() throws {
        do {
            let log = try JSONLEventLog(options: options(), logger: Logger.quiet)
            _ = try log.append(Self.event("a"))
        }
        let handle = FileHandle(forWritingAtPath: path)!
        handle.seekToEndOfFile()
        handle.write(Data(#"{"v":1,"seq":2,"ts":"x","ty"#.utf8))
        handle.closeFile()
        let log = try JSONLEventLog(options: options(), logger: Logger.quiet)
        #expect(log.lastSeq == 1)
        #expect(try log.append(Self.event("b")) == 2)
        #expect(try EventLogCheck.run(activePath: path).lastSeq == 2)
    }

    /// A daemon killed after writing lines it had not synced yet leaves them in the page cache
    /// only; the next one takes them for durable (and moves their files out of the inbox), so
    /// opening the log syncs it.
    @Test(.enabled(if: PageCache.dirtyPages(of: "/etc/passwd") != nil, "needs /proc/kpageflags (root)"))
    func openingSyncsWhatAnEarlierWriterLeftUnsynced() throws {
        do {
            let log = try JSONLEventLog(options: options(fsync: .never), logger: Logger.quiet)
            for name in 0..<200 { _ = try log.append(Self.event("page-\(name).txt")) }
        }
        let unsynced = try #require(PageCache.dirtyPages(of: path))
        #expect(unsynced > 0, "the lines just written are not on the disk yet")
        let log = try JSONLEventLog(options: options(fsync: .group), logger: Logger.quiet)
        #expect(log.durableSeq == 200)
        #expect(PageCache.dirtyPages(of: path) == 0)
    }

    @Test func rotatesKeepingTheActiveNameAndReadsAcrossSegments() throws {
        do {
            let log = try JSONLEventLog(options: options(rotateBytes: 4096), logger: Logger.quiet)
            for index in 0..<100 { _ = try log.append(Self.event("file-\(index)")) }
        }
        let segments = EventLogSegments(activePath: path).closed()
        #expect(segments.count >= 2)
        #expect(segments.first?.firstSeq == 1)
        #expect(lines().map { $0["seq"] as? Int } == Array(1...100))
        var tail: [Int] = []
        try EventLogReader(activePath: path).forEach(from: 90) { tail.append($0.seq!) }
        #expect(tail == Array(90...100))
        let reopened = try JSONLEventLog(options: options(rotateBytes: 4096), logger: Logger.quiet)
        #expect(reopened.lastSeq == 100)
    }

    /// `forEach(from:)` enters the segment where `from` starts: every start point gives the
    /// events from there, and a line before it that is not valid JSON is never parsed.
    @Test func readingFromASeqSeeksInsteadOfParsingTheLinesBefore() throws {
        let log = try JSONLEventLog(options: options(), logger: Logger.quiet)
        for index in 0..<60 { _ = try log.append(Self.event(String(repeating: "x", count: index * 37 % 500))) }
        for from in 1...61 {
            var seqs: [Int] = []
            try EventLogReader(activePath: path).forEach(from: from) { seqs.append($0.seq!) }
            #expect(seqs == Array(from..<61))
        }
        var bytes = try Posix.readFile(path)
        let secondLine = bytes.firstIndex(of: UInt8(ascii: "\n"))! + 1
        let broken = Array(#"{"v":1,"seq":2,"ts":"#.utf8)
        bytes.replaceSubrange(secondLine..<secondLine + broken.count + 1, with: broken + [UInt8(ascii: "!")])
        directory.write("events.jsonl", bytes: bytes)
        var seqs: [Int] = []
        try EventLogReader(activePath: path).forEach(from: 30) { seqs.append($0.seq!) }
        #expect(seqs == Array(30...60))
        #expect(throws: EventLogCorruption.self) { try EventLogReader(activePath: path).forEach { _ in } }
    }

    /// A log whose last event's line is longer than the 64 KiB once read back from its end (a
    /// page of many entities) opens where it left off, its `seq` going on from that event's.
    @Test func aLogEndingInALongLineOpensWhereItLeftOff() throws {
        do {
            let log = try JSONLEventLog(options: options(), logger: Logger.quiet)
            _ = try log.append(Self.event("short"))
            _ = try log.append(Self.event(String(repeating: "z", count: 100_000)))
        }
        let reopened = try JSONLEventLog(options: options(), logger: Logger.quiet)
        #expect(reopened.lastSeq == 2)
        #expect(try reopened.append(Self.event("next")) == 3)
    }

    /// `logrotate`'s `copytruncate` empties the active file under the daemon: the segment it
    /// closes next is still named by its own first line's `seq`, not the emptied file's.
    @Test func aSegmentEmptiedUnderTheLogIsNamedByItsFirstLineWhenItRotates() throws {
        let log = try JSONLEventLog(options: options(fsync: .group, rotateBytes: 4_096), logger: Logger.quiet)
        for name in 0..<3 { _ = try log.append(Self.event("before-\(name).txt")) }
        #expect(truncate(path, 0) == 0)
        var seq = 3
        while EventLogSegments(activePath: path).closed().isEmpty {
            seq = try log.append(Self.event("after-\(seq).txt"))
        }
        try log.flush()
        let closed = EventLogSegments(activePath: path).closed()
        #expect(closed.map(\.firstSeq) == [4], "\(closed.map(\.path))")
        #expect(try EventLogCheck.run(activePath: path).firstSeq == 4)
    }

    /// `logrotate` without a reload renames the active file: the log follows its name to a new
    /// file; a file deleted instead is not "moved" (a flush says it was deleted).
    @Test func aRenamedActiveFileIsFollowedToANewOne() throws {
        let log = try JSONLEventLog(options: options(fsync: .group), logger: Logger.quiet)
        _ = try log.append(Self.event("a.txt"))
        #expect(try !log.reopenIfMoved())
        #expect(rename(path, path + ".1") == 0)
        #expect(try log.reopenIfMoved())
        #expect(try !log.reopenIfMoved())
        _ = try log.append(Self.event("b.txt"))
        #expect(lines().map { $0["seq"] as? Int } == [2])
        #expect(try EventLogReader(activePath: path + ".1").lastSeq() == 1)
        #expect(unlink(path) == 0)
        #expect(try !log.reopenIfMoved())
    }

    /// An active file whose first line is longer than 64 KiB, reopened, is still named by that
    /// line's `seq` when it rotates (named by seq 1, it took the first segment's name and
    /// replaced it).
    @Test func aLongFirstLineNamesItsSegmentAfterAReopen() throws {
        let long = { (tag: String) in Self.event(tag + String(repeating: "w", count: 100_000)) }
        do {
            let log = try JSONLEventLog(options: options(rotateBytes: 300_000), logger: Logger.quiet)
            _ = try log.append(Self.event("short"))
            for tag in ["a", "b", "c", "d"] { _ = try log.append(long(tag)) }
        }
        let log = try JSONLEventLog(options: options(rotateBytes: 300_000), logger: Logger.quiet)
        for tag in ["e", "f"] { _ = try log.append(long(tag)) }
        #expect(EventLogSegments(activePath: path).closed().map(\.firstSeq) == [1, 5])
        #expect(lines().map { $0["seq"] as? Int } == Array(1...7))
    }

    /// One event is found by its `seq` in whichever segment holds it, whatever its line's length
    /// (some far longer than the first read); a `seq` the log does not hold is nil.
    @Test func oneEventIsFoundByItsSeq() throws {
        do {
            let log = try JSONLEventLog(options: options(rotateBytes: 40_000, retain: 2), logger: Logger.quiet)
            for index in 0..<60 { _ = try log.append(Self.event(String(repeating: "y", count: index * 997 % 9_000))) }
        }
        let reader = EventLogReader(activePath: path)
        let oldest = try #require(EventLogSegments(activePath: path).closed().first?.firstSeq)
        #expect(oldest > 1, "retention removed nothing: the test proves less")
        for seq in oldest...60 {
            let event = try reader.event(atSeq: seq)
            #expect(event?.seq == seq && event?.line.count ?? 0 > 100)
        }
        #expect(try reader.event(atSeq: oldest - 1) == nil)
        #expect(try reader.event(atSeq: 61) == nil)
    }

    /// With closed segments, the last one's end is not known without reading it: a start
    /// after it must still be sought in the active segment, not found by parsing it (a restart
    /// with 100,000 events took 13 s, every line of a 227 MB active segment parsed).
    @Test func aSeqInTheActiveSegmentIsSoughtWhenSegmentsAreClosed() throws {
        let log = try JSONLEventLog(options: options(rotateBytes: 4096), logger: Logger.quiet)
        for index in 0..<100 { _ = try log.append(Self.event("file-\(index)")) }
        let activeFirst = try #require(try EventLogReader.parse(
            Array(try Posix.readFile(path).split(separator: UInt8(ascii: "\n")).first!), path: path, lineNumber: 1).seq)
        #expect(activeFirst > 2 && activeFirst < 100)
        var bytes = try Posix.readFile(path)
        let broken = Array(#"{"v":1,"seq":"#.utf8)
        bytes.replaceSubrange(0..<broken.count + 1, with: broken + [UInt8(ascii: "!")])
        directory.write("events.jsonl", bytes: bytes)
        var seqs: [Int] = []
        try EventLogReader(activePath: path).forEach(from: 100) { seqs.append($0.seq!) }
        #expect(seqs == [100])
        seqs = []
        try EventLogReader(activePath: path).forEach(from: 101) { seqs.append($0.seq!) }
        #expect(seqs.isEmpty)
    }

    @Test func retentionKeepsTheNewestSegments() throws {
        let log = try JSONLEventLog(options: options(rotateBytes: 4096, retain: 2), logger: Logger.quiet)
        for index in 0..<200 { _ = try log.append(Self.event("file-\(index)")) }
        let segments = EventLogSegments(activePath: path).closed()
        #expect(segments.count == 2)
        let summary = try EventLogCheck.run(activePath: path)
        #expect(summary.lastSeq == 200 && summary.firstSeq > 1)
    }

    @Test func groupCommitMakesEventsDurable() async throws {
        let log = try JSONLEventLog(options: options(fsync: .group), logger: Logger.quiet)
        let seq = try log.append(Self.event("a"))
        let committer = Task { try await log.runGroupCommit() }
        await log.waitUntilDurable(seq)
        committer.cancel()
        #expect(seq == 1)
    }

    /// A second writer of the same log (another daemon given the same `log.path`) is refused,
    /// naming the holder, also after a rotation (the new active file is locked) and a reopen of
    /// the same file; once the first is gone, the log opens.
    @Test func aSecondWriterOfTheLogIsRefused() throws {
        var log: JSONLEventLog? = try JSONLEventLog(options: options(rotateBytes: 4096), logger: Logger.quiet)
        let refused = { () -> EventLogBusyError? in
            do { _ = try JSONLEventLog(options: self.options(), logger: Logger.quiet) } catch let busy as EventLogBusyError { return busy } catch {}
            return nil
        }
        #expect(refused()?.description.hasPrefix("event log \(path) is written by another depeche (pid \(getpid()))") == true)
        for index in 0..<50 { _ = try log?.append(Self.event("file-\(index)")) }
        #expect(EventLogSegments(activePath: path).closed().count >= 1)
        #expect(refused() != nil, "after a rotation")
        try log?.reopen()
        #expect(refused() != nil, "after a reopen of the same file")
        #expect(rename(path, path + ".moved") == 0)
        try log?.reopen()
        _ = try log?.append(Self.event("after the move"))
        #expect(refused() != nil, "after a reopen of a new file")
        log = nil
        #expect(try JSONLEventLog(options: options(), logger: Logger.quiet).lastSeq == 51)
    }

    /// Events appended after the file was deleted are never made durable: the group commit
    /// stops with ``EventLogDeleted``, whoever waits for them is let go short of it, and nothing
    /// more is appended.
    @Test func aDeletedFileMakesNothingDurableAgain() async throws {
        let log = try JSONLEventLog(options: options(fsync: .group), logger: Logger.quiet)
        let first = try log.append(Self.event("a"))
        try log.flush()
        #expect(unlink(path) == 0)
        let second = try log.append(Self.event("b"))
        let groupCommit = Task { try await log.runGroupCommit() }
        await log.waitUntilDurable(second)
        let madeDurable = log.durableSeq != first
        if madeDurable { groupCommit.cancel() }  // so that a failure here does not wait forever below
        #expect(!madeDurable)
        await #expect(throws: EventLogDeleted.self) { try await groupCommit.value }
        #expect(throws: EventLogDeleted.self) { try log.append(Self.event("c")) }
        await log.waitUntilDurable(second)
        #expect(log.lastSeq == second && log.durableSeq == first)
    }

    /// With an fsync an event, the event appended to a deleted file is refused at once.
    @Test func aDeletedFileRefusesTheEventSyncedIntoIt() throws {
        let log = try JSONLEventLog(options: options(fsync: .always), logger: Logger.quiet)
        _ = try log.append(Self.event("a"))
        #expect(unlink(path) == 0)
        #expect(throws: EventLogDeleted.self) { try log.append(Self.event("b")) }
        #expect(log.durableSeq == 1)
    }

    @Test func everyLineIsOneCompleteObject() throws {
        let log = try JSONLEventLog(options: options(fsync: .always), logger: Logger.quiet)
        for index in 0..<20 { _ = try log.append(Self.event("name with \"quotes\"\nand newline \(index)")) }
        let text = String(decoding: directory.read("events.jsonl")!, as: UTF8.self)
        #expect(text.split(separator: "\n").count == 20)
        #expect(text.hasSuffix("\n"))
    }
}
