import Testing
@testable import DepecheCore

@Suite struct EventTailTests {
    let directory = TemporaryDirectory()

    func line(_ seq: Int) -> String { #"{"v":1,"seq":\#(seq),"ts":"2026-01-01T00:00:00.000Z","type":"document.ingested"}"# + "\n" }

    func seqs(_ output: [[UInt8]]) -> [Int] {
        output.compactMap { try? EventLogReader.parse(Array($0.dropLast()), path: "", lineNumber: 0).seq }
    }

    @Test func printsFromASeqAcrossSegments() async throws {
        directory.write("events.1.jsonl", line(1) + line(2))
        directory.write("events.jsonl", line(3) + line(4))
        var printed: [[UInt8]] = []
        try await EventTail(activePath: directory.url("events.jsonl"), cursorFile: nil).run(from: 2, follow: false) { printed.append($0) }
        #expect(seqs(printed) == [2, 3, 4])
    }

    @Test func resumesAfterTheCursor() async throws {
        directory.write("events.jsonl", line(1) + line(2))
        let cursor = directory.url("cursor")
        var first: [[UInt8]] = []
        try await EventTail(activePath: directory.url("events.jsonl"), cursorFile: cursor).run(from: 1, follow: false) { first.append($0) }
        directory.write("events.jsonl", line(1) + line(2) + line(3))
        var second: [[UInt8]] = []
        try await EventTail(activePath: directory.url("events.jsonl"), cursorFile: cursor).run(from: 1, follow: false) { second.append($0) }
        #expect(seqs(first) == [1, 2])
        #expect(seqs(second) == [3])
    }

    @Test func followsAppendsAndRotation() async throws {
        let path = directory.url("events.jsonl")
        directory.write("events.jsonl", line(1))
        let printed = Locked<[Int]>([])
        let tail = EventTail(activePath: path, cursorFile: nil, pollInterval: .milliseconds(20))
        let follower = Task {
            try await tail.run(from: 1, follow: true) { bytes in
                let seq = try? EventLogReader.parse(Array(bytes.dropLast()), path: "", lineNumber: 0).seq
                printed.withLock { $0.append(seq ?? -1) }
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        directory.write("events.jsonl", line(1) + line(2))
        try await Task.sleep(for: .milliseconds(100))
        directory.write("events.1.jsonl", line(1) + line(2) + line(3))
        directory.write("events.jsonl", line(4))
        for _ in 0..<100 where printed.withLock({ $0.count }) < 4 { try await Task.sleep(for: .milliseconds(20)) }
        follower.cancel()
        #expect(printed.withLock { $0 } == [1, 2, 3, 4])
    }
}
