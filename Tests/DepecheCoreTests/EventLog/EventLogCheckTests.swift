import Testing
@testable import DepecheCore

@Suite struct EventLogCheckTests {
    let directory = TemporaryDirectory()

    func line(_ seq: Int) -> String { #"{"v":1,"seq":\#(seq),"ts":"2026-01-01T00:00:00.000Z","type":"document.ingested"}"# + "\n" }

    /// The corruption the check of the directory's log finds; nil (and an issue recorded) when it
    /// finds none or fails otherwise.
    func corruption() -> EventLogCorruption? {
        do {
            _ = try EventLogCheck.run(activePath: directory.url("events.jsonl"))
            Issue.record("expected a corruption")
        } catch let error as EventLogCorruption {
            return error
        } catch { Issue.record("unexpected \(error)") }
        return nil
    }

    @Test func acceptsAGapFreeLog() throws {
        directory.write("events.jsonl", line(1) + line(2) + line(3))
        let summary = try EventLogCheck.run(activePath: directory.url("events.jsonl"))
        #expect(summary == .init(events: 3, firstSeq: 1, lastSeq: 3, segments: 1))
    }

    @Test func findsAGap() {
        directory.write("events.jsonl", line(1) + line(3))
        #expect(throws: EventLogCorruption.self) { try EventLogCheck.run(activePath: directory.url("events.jsonl")) }
    }

    @Test func findsInvalidJSONAndNamesTheLine() throws {
        directory.write("events.jsonl", line(1) + "{not json\n")
        let error = try #require(corruption())
        #expect(error.lineNumber == 2)
        #expect(error.problem == "not valid JSON")
    }

    @Test func findsATornLastLine() {
        directory.write("events.jsonl", line(1) + #"{"v":1,"se"#)
        #expect(throws: EventLogCorruption.self) { try EventLogCheck.run(activePath: directory.url("events.jsonl")) }
    }

    @Test func followsSeqAcrossSegments() throws {
        directory.write("events.1.jsonl", line(1) + line(2))
        directory.write("events.jsonl", line(3))
        #expect(try EventLogCheck.run(activePath: directory.url("events.jsonl")).lastSeq == 3)
        directory.write("events.jsonl", line(4))
        #expect(throws: EventLogCorruption.self) { try EventLogCheck.run(activePath: directory.url("events.jsonl")) }
    }

    /// Readers find an event's segment by the names: one that begins elsewhere than its name
    /// says hides its events from them.
    @Test func findsASegmentNotNamedByItsFirstSeq() throws {
        directory.write("events.1.jsonl", line(4) + line(5))
        directory.write("events.jsonl", line(6))
        let error = try #require(corruption())
        #expect(error.lineNumber == 1)
        #expect(error.problem == "the segment begins with seq 4, not the seq 1 its name says")
    }
}
