import Testing

/// `--from` and `--until` of `tail` and `reextract` take a `seq`, 1 or more: anything else is a
/// usage error that says so, before any log is read.
@Suite struct SeqOptionTests {
    /// `depeche arguments…` on an empty state directory of its own.
    private func depeche(_ arguments: [String]) throws -> Command.Result {
        let scratch = try ScratchDirectory(label: "seq-option")
        defer { scratch.remove() }
        return try Command.run(DaemonProcess.binary, arguments + ["--state-dir", scratch.path], dropping: DaemonProcess.isDepecheVariable)
    }

    @Test(arguments: ["0", "-5"])
    func tailRefusesAFromBelowOne(_ from: String) throws {
        let tail = try depeche(["tail", "--from", from])
        #expect(tail.status == 64, "\(tail.stderr)")
        #expect(tail.stderr.contains("--from takes a seq, 1 or more (the log's first event is seq 1), got \(from)"), "\(tail.stderr)")
        #expect(try depeche(["tail", "--from", "1"]).status == 0)
    }

    @Test func reextractRefusesAFromBelowOne() throws {
        let reextract = try depeche(["reextract", "--from", "-5"])
        #expect(reextract.status == 64 && reextract.stderr.contains("--from must be at least 1"), "\(reextract.stderr)")
    }

    @Test func reextractsHelpGivesUntilsDefaultOnce() throws {
        let help = try depeche(["reextract", "--help"])
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("The last seq to re-extract (default: the last one logged)."), "\(help.stdout)")
        #expect(!text.contains("9223372036854775807"), "\(help.stdout)")
    }
}
