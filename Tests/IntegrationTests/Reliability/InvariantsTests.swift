import DepecheCore
import Testing

extension Reliability {
    /// The checker itself: a sound run passes, and each broken promise is reported (so the
    /// torture and hostile-input tests cannot pass by checking nothing).
    @Suite struct InvariantsChecker {
        let page = Array("Le port de Tanger Med a traité 9 millions de conteneurs.\n".utf8)
        let empty: [UInt8] = []

        /// A state directory holding a log of the given lines and a correct archive and quarantine.
        private func fixture(_ lines: [String], leaveInInbox: Bool = false) throws -> (ScratchDirectory, Invariants, EventLogFile.Contents) {
            let scratch = try ScratchDirectory(label: "invariants")
            for directory in ["inbox", "state/archive/\(hex.prefix(2))", "state/quarantine/3"] {
                try FileSystem.makeDirectories(scratch.appending(directory))
            }
            try FileSystem.write(page, to: scratch.appending("state/\(stored)"))
            try FileSystem.write(empty, to: scratch.appending("state/quarantine/3/c.txt"))
            if leaveInInbox { try FileSystem.write(page, to: scratch.appending("inbox/b.txt")) }
            try FileSystem.write(Array(lines.joined().utf8), to: scratch.appending("state/events.jsonl"))
            let log = EventLogFile(activePath: scratch.appending("state/events.jsonl")).read()
            return (scratch, Invariants(inbox: scratch.appending("inbox"), stateDirectory: scratch.appending("state")), log)
        }

        var id: String { ContentHash.id(of: page) }
        var hex: Substring { ContentHash.hexDigits(of: id) }
        var stored: String { "archive/\(hex.prefix(2))/\(hex).txt" }
        var dropped: [DroppedFile] {
            [
                DroppedFile(path: Array("a.txt".utf8), bytes: page, expected: .document),
                DroppedFile(path: Array("b.txt".utf8), bytes: page, expected: .document),
                DroppedFile(path: Array("c.txt".utf8), bytes: empty, expected: .rejected("empty")),
            ]
        }

        func ingested(_ seq: Int, _ path: String) -> String {
            #"{"v":1,"seq":\#(seq),"type":"document.ingested","id":"\#(id)","path":"\#(path)","stored":"\#(stored)"}"# + "\n"
        }
        func duplicate(_ seq: Int, _ path: String, ofSeq: Int = 1, stored: String? = nil) -> String {
            #"{"v":1,"seq":\#(seq),"type":"document.duplicate","id":"\#(id)","path":"\#(path)","stored":"\#(stored ?? self.stored)","#
                + #""of":"\#(id)","of_seq":\#(ofSeq)}"# + "\n"
        }
        func rejected(_ seq: Int, _ path: String, reason: String = "empty") -> String {
            #"{"v":1,"seq":\#(seq),"type":"document.rejected","path":"\#(path)","reason":"\#(reason)","quarantined":"quarantine/\#(seq)/\#(path)"}"# + "\n"
        }

        private func violations(_ lines: [String], leaveInInbox: Bool = false) throws -> [String] {
            let (scratch, invariants, log) = try fixture(lines, leaveInInbox: leaveInInbox)
            defer { scratch.remove() }
            return invariants.violations(of: log, dropped: dropped)
        }

        @Test func aSoundRunHasNoViolation() throws {
            #expect(try violations([ingested(1, "a.txt"), duplicate(2, "b.txt"), rejected(3, "c.txt")]) == [])
        }

        @Test func eachBrokenPromiseIsReported() throws {
            let cases: [(String, [String], Bool)] = [
                ("a lost file", [ingested(1, "a.txt"), rejected(2, "c.txt")], false),
                ("a file reported twice", [ingested(1, "a.txt"), duplicate(2, "b.txt"), rejected(3, "c.txt"), duplicate(4, "b.txt")], false),
                ("a content ingested twice", [ingested(1, "a.txt"), ingested(2, "b.txt"), rejected(3, "c.txt")], false),
                ("a gap in seq", [ingested(1, "a.txt"), duplicate(3, "b.txt"), rejected(3, "c.txt")], false),
                ("a duplicate pointing elsewhere", [ingested(1, "a.txt"), duplicate(2, "b.txt", ofSeq: 2), rejected(3, "c.txt")], false),
                ("a duplicate naming no archived bytes", [ingested(1, "a.txt"), duplicate(2, "b.txt", stored: "archive/00/none.txt"),
                                                         rejected(3, "c.txt")], false),
                ("a wrong reason", [ingested(1, "a.txt"), duplicate(2, "b.txt"), rejected(3, "c.txt", reason: "blank")], false),
                ("a torn line", [ingested(1, "a.txt"), duplicate(2, "b.txt"), String(rejected(3, "c.txt").dropLast())], false),
                ("a file left in the inbox", [ingested(1, "a.txt"), duplicate(2, "b.txt"), rejected(3, "c.txt")], true),
                ("an event for a file never dropped", [ingested(1, "a.txt"), duplicate(2, "b.txt"), rejected(3, "c.txt"), duplicate(4, "x.txt")], false),
            ]
            for (name, lines, leave) in cases {
                #expect(try !violations(lines, leaveInInbox: leave).isEmpty, "\(name) went unnoticed")
            }
        }

        @Test func aDamagedArchiveOrQuarantineIsReported() throws {
            let (scratch, invariants, log) = try fixture([ingested(1, "a.txt"), duplicate(2, "b.txt"), rejected(3, "c.txt")])
            defer { scratch.remove() }
            try FileSystem.write(Array("autre chose".utf8), to: scratch.appending("state/quarantine/3/c.txt"))
            #expect(invariants.violations(of: log, dropped: dropped).count == 1)
            try FileSystem.write(empty, to: scratch.appending("state/quarantine/3/c.txt"))
            try FileSystem.write(Array("tronqué".utf8), to: scratch.appending("state/\(stored)"))
            #expect(invariants.violations(of: log, dropped: dropped).count == 2, "the document and its byte copy")
        }
    }
}
