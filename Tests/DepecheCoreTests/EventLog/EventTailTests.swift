import Testing
import Glibc
@testable import DepecheCore

@Suite struct EventTailTests {
    let directory = TemporaryDirectory()

    func line(_ seq: Int) -> String { #"{"v":1,"seq":\#(seq),"ts":"2026-01-01T00:00:00.000Z","type":"document.ingested"}"# + "\n" }

    /// For logs that have every event: a gap fails the test.
    static func noGap(_ range: ClosedRange<Int>) throws { Issue.record("unexpected gap \(range)") }

    /// Writes the active file under another inode, as a rotation does.
    func replaceActive(_ contents: String) {
        directory.write("events.new", contents)
        #expect(rename(directory.url("events.new"), directory.url("events.jsonl")) == 0)
    }

    /// Runs `tail` once, which must fail before it prints anything: the error (nil if it did not fail).
    func refusal(of tail: EventTail) async -> (any Error)? {
        var output: [[UInt8]] = []
        do { try await tail.run(from: nil, follow: false, missing: Self.noGap) { output.append($0) } } catch {
            #expect(output.isEmpty, "printed before failing")
            return error
        }
        return nil
    }

    func seqs(_ output: [[UInt8]]) -> [Int] {
        output.compactMap { try? EventLogReader.parse(Array($0.dropLast()), path: "", lineNumber: 0).seq }
    }

    /// Follows `tail` from seq 1 in a task of its own: each printed line's `seq` (-1 for none)
    /// goes into `printed`, then to `each`.
    func follow(
        _ tail: EventTail, into printed: Locked<[Int]>, missing: @escaping @Sendable (ClosedRange<Int>) throws -> Void = Self.noGap,
        each: @escaping @Sendable (Int) -> Void = { _ in }
    ) -> Task<Void, any Error> {
        Task {
            try await tail.run(from: 1, follow: true, missing: missing) { bytes in
                let seq = (try? EventLogReader.parse(Array(bytes.dropLast()), path: "", lineNumber: 0).seq) ?? -1
                printed.withLock { $0.append(seq) }
                each(seq)
            }
        }
    }

    @Test func printsFromASeqAcrossSegments() async throws {
        directory.write("events.1.jsonl", line(1) + line(2))
        directory.write("events.jsonl", line(3) + line(4))
        var printed: [[UInt8]] = []
        try await EventTail(activePath: directory.url("events.jsonl"), cursorFile: nil).run(from: 2, follow: false, missing: Self.noGap) { printed.append($0) }
        #expect(seqs(printed) == [2, 3, 4])
    }

    @Test func resumesAfterTheCursor() async throws {
        directory.write("events.jsonl", line(1) + line(2))
        let cursor = directory.url("cursor")
        var first: [[UInt8]] = []
        try await EventTail(activePath: directory.url("events.jsonl"), cursorFile: cursor).run(from: 1, follow: false, missing: Self.noGap) { first.append($0) }
        directory.write("events.jsonl", line(1) + line(2) + line(3))
        var second: [[UInt8]] = []
        try await EventTail(activePath: directory.url("events.jsonl"), cursorFile: cursor).run(from: 1, follow: false, missing: Self.noGap) { second.append($0) }
        #expect(seqs(first) == [1, 2])
        #expect(seqs(second) == [3])
    }

    @Test func followsAppendsAndRotation() async throws {
        let path = directory.url("events.jsonl")
        directory.write("events.jsonl", line(1))
        let printed = Locked<[Int]>([])
        let tail = EventTail(activePath: path, cursorFile: nil, pollInterval: .milliseconds(20))
        let follower = follow(tail, into: printed)
        try await Task.sleep(for: .milliseconds(100))
        directory.write("events.jsonl", line(1) + line(2))
        try await Task.sleep(for: .milliseconds(100))
        directory.write("events.1.jsonl", line(1) + line(2) + line(3))
        directory.write("events.jsonl", line(4))
        for _ in 0..<100 where printed.withLock({ $0.count }) < 4 { try await Task.sleep(for: .milliseconds(20)) }
        follower.cancel()
        #expect(printed.withLock { $0 } == [1, 2, 3, 4])
    }

    /// What it prints is on the disk: lines the daemon wrote and had not synced yet (dirty in the
    /// page cache, lost in a power failure) are synced before they are printed, caught up and
    /// followed alike.
    @Test(.enabled(if: PageCache.dirtyPages(of: "/etc/passwd") != nil, "needs /proc/kpageflags (root)"))
    func whatItPrintsIsOnTheDisk() async throws {
        let path = directory.url("events.jsonl")
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        defer { close(fd) }
        func append(_ seqs: ClosedRange<Int>) {
            let text = Array(seqs.map(line).joined().utf8)
            #expect(text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == text.count)
        }
        append(1...100)
        #expect((PageCache.dirtyPages(of: path) ?? 0) > 0, "the lines just written are not on the disk yet")
        let printed = Locked<[Int]>([])
        let dirtyAtPrint = Locked<[Int]>([])
        let tail = EventTail(activePath: path, cursorFile: nil, pollInterval: .milliseconds(20))
        let follower = follow(tail, into: printed, each: { seq in
            if seq % 100 == 0 { dirtyAtPrint.withLock { $0.append(PageCache.dirtyPages(of: path) ?? -1) } }
        })
        for _ in 0..<200 where printed.withLock({ $0.count }) < 100 { try await Task.sleep(for: .milliseconds(10)) }
        append(101...200)
        for _ in 0..<200 where printed.withLock({ $0.count }) < 200 { try await Task.sleep(for: .milliseconds(10)) }
        follower.cancel()
        #expect(printed.withLock { $0 } == Array(1...200))
        #expect(dirtyAtPrint.withLock { $0 } == [0, 0])
    }

    /// `logrotate` renames the active file right after the daemon appended to it, and the daemon
    /// starts a new one: what the renamed file got since the last poll is still printed (from the
    /// descriptor held on it), then the new file, with no gap reported.
    @Test func followsALogMovedAwayWithoutLosingItsLastLines() async throws {
        let path = directory.url("events.jsonl")
        directory.write("events.jsonl", line(1) + line(2) + line(3))
        let printed = Locked<[Int]>([])
        let tail = EventTail(activePath: path, cursorFile: nil, pollInterval: .milliseconds(300))
        let follower = follow(tail, into: printed)
        for _ in 0..<100 where printed.withLock({ $0.count }) < 3 { try await Task.sleep(for: .milliseconds(5)) }
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        let four = Array(line(4).utf8)
        #expect(four.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == four.count)
        close(fd)
        #expect(rename(path, path + ".1") == 0)
        directory.write("events.jsonl", line(5))
        for _ in 0..<200 where printed.withLock({ $0.count }) < 5 { try await Task.sleep(for: .milliseconds(10)) }
        follower.cancel()
        #expect(printed.withLock { $0 } == [1, 2, 3, 4, 5])
    }

    @Test func failsBeforePrintingWhenEventsAfterTheCursorAreGone() async throws {
        directory.write("events.10.jsonl", line(10) + line(11))
        directory.write("events.jsonl", line(12))
        let cursor = directory.write("cursor", "3\n")
        var printed: [[UInt8]] = []
        await #expect(throws: MissingEvents(range: 4...9)) {
            try await EventTail(activePath: directory.url("events.jsonl"), cursorFile: cursor).run(
                from: nil, follow: false, missing: { throw MissingEvents(range: $0) }) { printed.append($0) }
        }
        #expect(printed.isEmpty)
        #expect(directory.read("cursor") == Array("3\n".utf8), "the cursor moved past events never printed")
    }

    @Test func skipsMissingEventsOnlyWhenToldAndSaysWhich() async throws {
        directory.write("events.10.jsonl", line(10) + line(11))
        directory.write("events.jsonl", line(12))
        var gaps: [ClosedRange<Int>] = []
        var printed: [[UInt8]] = []
        try await EventTail(activePath: directory.url("events.jsonl"), cursorFile: nil).run(
            from: 5, follow: false, missing: { gaps.append($0) }) { printed.append($0) }
        #expect(gaps == [5...9])
        #expect(seqs(printed) == [10, 11, 12])
    }

    @Test func withoutFromOrCursorStartsAtTheOldestEventKept() async throws {
        directory.write("events.10.jsonl", line(10) + line(11))
        directory.write("events.jsonl", line(12))
        var printed: [[UInt8]] = []
        try await EventTail(activePath: directory.url("events.jsonl"), cursorFile: nil).run(from: nil, follow: false, missing: Self.noGap) {
            printed.append($0)
        }
        #expect(seqs(printed) == [10, 11, 12])
    }

    @Test func followFailsWhenItFallsBehindTheRetention() async throws {
        directory.write("events.jsonl", line(1))
        let printed = Locked<[Int]>([])
        let tail = EventTail(activePath: directory.url("events.jsonl"), cursorFile: nil, pollInterval: .milliseconds(20))
        let follower = follow(tail, into: printed, missing: { throw MissingEvents(range: $0) })
        for _ in 0..<100 where printed.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(20)) }
        // Two rotations while the follower slept: events 2–3 went into a segment retention removed.
        directory.write("events.4.jsonl", line(4) + line(5))
        replaceActive(line(6))
        let deadline = Task {
            try await Task.sleep(for: .seconds(5))
            follower.cancel()
        }
        let outcome = await follower.result
        deadline.cancel()
        #expect(throws: MissingEvents(range: 2...3)) { try outcome.get() }
        #expect(printed.withLock { $0 } == [1])
    }

    /// A cursor file that could not be written (a directory, a missing directory, a file on its
    /// way) stops the tail naming what is wrong, before it prints anything.
    @Test(arguments: [
        ("cursors", "it is a directory, not a file"),
        ("gone/cursor", "its directory DIR/gone does not exist"),
        ("events.jsonl/cursor", "it cannot be created: DIR/events.jsonl is a regular file"),
    ])
    func aCursorFileThatCannotBeWrittenStopsItBeforePrinting(name: String, problem: String) async throws {
        directory.write("events.jsonl", line(1) + line(2))
        #expect(mkdir(directory.url("cursors"), 0o755) == 0)
        let tail = EventTail(activePath: directory.url("events.jsonl"), cursorFile: directory.url(name))
        let error = await refusal(of: tail) as? CursorFileError
        #expect(error?.description == "cursor file \(directory.url(name)): \(problem.replacingOccurrences(of: "DIR", with: directory.path))")
    }

    /// A cursor past the log's end (the log started anew) stops the tail before it prints
    /// anything, naming both `seq`s; a cursor at the end waits for what comes next.
    @Test func aCursorPastTheLogsEndStopsItBeforePrinting() async throws {
        directory.write("events.1.jsonl", line(1) + line(2))
        directory.write("events.jsonl", line(3))
        directory.write("cursor", "40\n")
        let tail = EventTail(activePath: directory.url("events.jsonl"), cursorFile: directory.url("cursor"))
        #expect((await refusal(of: tail) as? CursorMismatchError)?.problem == "is at seq 40, but the log ends at seq 3")
        var output: [[UInt8]] = []
        directory.write("cursor", "3\n")
        try await tail.run(from: nil, follow: false, missing: Self.noGap) { output.append($0) }
        #expect(output.isEmpty)
    }

    /// The last `seq` is read from the files' ends: past a torn last line, across lines longer
    /// than the first window, and from the newest closed segment when the active file is empty.
    @Test func theLastSeqIsTheLastCompleteLines() throws {
        let reader = EventLogReader(activePath: directory.url("events.jsonl"))
        #expect(try reader.lastSeq() == 0)
        let long = #"{"v":1,"seq":7,"text":""# + String(repeating: "x", count: 70_000) + "\"}\n"
        directory.write("events.1.jsonl", line(1) + line(6) + long)
        directory.write("events.jsonl", "")
        #expect(try reader.lastSeq() == 7)
        directory.write("events.jsonl", line(8) + long.replacingOccurrences(of: "\"seq\":7", with: "\"seq\":9") + #"{"v":1,"seq":10,"te"#)
        #expect(try reader.lastSeq() == 9)
    }

    /// The cursor holds the `ts` of its event: a log started anew, whose event at that `seq` is
    /// another, stops the tail before it prints anything; the log it was saved for resumes, and
    /// a cursor of an earlier depeche (a `seq` alone) still works.
    @Test func aCursorOfAnotherLogStopsItBeforePrinting() async throws {
        directory.write("events.jsonl", line(1) + line(2) + line(3))
        let tail = EventTail(activePath: directory.url("events.jsonl"), cursorFile: directory.url("cursor"))
        var output: [[UInt8]] = []
        try await tail.run(from: nil, follow: false, missing: Self.noGap) { output.append($0) }
        #expect(seqs(output) == [1, 2, 3])
        #expect(directory.read("cursor") == Array("3 2026-01-01T00:00:00.000Z\n".utf8))

        let anew = { (seq: Int) in line(seq).replacingOccurrences(of: "2026-01-01T00:00:00.000Z", with: "2026-02-0\(seq)T00:00:00.000Z") }
        directory.write("events.jsonl", anew(1) + anew(2) + anew(3) + anew(4))
        output = []
        #expect((await refusal(of: tail) as? CursorMismatchError)?.problem
            == "is at seq 3 of 2026-01-01T00:00:00.000Z, but the log's seq 3 is of 2026-02-03T00:00:00.000Z")

        directory.write("cursor", "2 2026-02-02T00:00:00.000Z\n")
        try await tail.run(from: nil, follow: false, missing: Self.noGap) { output.append($0) }
        #expect(seqs(output) == [3, 4])
        #expect(directory.read("cursor") == Array("4 2026-02-04T00:00:00.000Z\n".utf8))
        directory.write("cursor", "3\n")
        output = []
        try await tail.run(from: nil, follow: false, missing: Self.noGap) { output.append($0) }
        #expect(seqs(output) == [4])
    }
}
