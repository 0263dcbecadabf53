import Testing

/// `--from` and `--until` of `tail` and `reextract`.
@Suite struct SeqOptionTests {
    /// `depeche arguments…` on an empty state directory of its own.
    private func depeche(_ arguments: [String]) throws -> Command.Result {
        let scratch = try ScratchDirectory(label: "seq-option")
        defer { scratch.remove() }
        return try Command.run(DaemonProcess.binary, arguments + ["--state-dir", scratch.path], dropping: DaemonProcess.isDepecheVariable)
    }

    @Test func reextractsHelpGivesUntilsDefaultOnce() throws {
        let help = try depeche(["reextract", "--help"])
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("The last seq to re-extract (default: the last one logged)."), "\(help.stdout)")
        #expect(!text.contains("9223372036854775807"), "\(help.stdout)")
    }
}
