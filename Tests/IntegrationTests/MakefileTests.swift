import Foundation
import Testing

/// The Makefile's own help.
@Suite struct MakefileTests {
    /// `make help` lists every target once, with its `##` comment, and nothing else.
    @Test func helpListsEveryTargetWithItsComment() throws {
        let root = SystemdUnitTests.repository.path
        let makefile = try String(contentsOfFile: root + "/Makefile", encoding: .utf8).split(separator: "\n")
        let targets = makefile.compactMap { line -> String? in
            guard let colon = line.firstIndex(of: ":"), line.first?.isLowercase == true, !line.contains("=") else { return nil }
            return String(line[..<colon])
        }
        let help = try Command.run("make", ["-s", "--no-print-directory", "-C", root, "help"], dropping: { $0.hasPrefix("MAKE") })
        #expect(help.status == 0, "\(help.stderr)")
        let named = help.stdout.split(separator: "\n").filter { $0.first != " " }.compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(named == targets, "every target, in the Makefile's order, and only targets")
        #expect(help.stdout.contains("test               the whole suite (unit and integration tests against the real binary). One test at a time:\n"
            + "                   the integration tests start daemons"), "\(help.stdout)")
    }
}
