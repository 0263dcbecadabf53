import Foundation
import Testing

/// `depeche check` is the unit's `ExecStartPre`: what it passes, `depeche run` must start with.
@Suite struct CheckCommandTests {
    /// A configuration the daemon refuses at start-up, and what the refusal says.
    struct Refusal: CustomTestStringConvertible, Sendable {
        var name: String
        /// Settings relative to the sandbox's scratch directory (`{}` stands for it).
        var settings: [String: String]
        var message: String
        var testDescription: String { name }
    }

    static let refusals = [
        Refusal(name: "a malformed gazetteer", settings: ["extract.gazetteer_dir": "{}/gaz"],
                message: "config: extract.gazetteer_dir: {}/gaz/bad.tsv:1: expected `name<TAB>type"),
        Refusal(name: "missing NATS credentials", settings: ["sink.kind": "nats", "sink.nats.credentials": "{}/user.creds"],
                message: "config: sink.nats.credentials: {}/user.creds: no such file or directory"),
    ]

    @Test(arguments: refusals)
    func checkRefusesWhatRunRefusesAtStartUp(_ refusal: Refusal) async throws {
        let run = try DaemonSandbox(label: "check-startup", settings: ["intake.settle_ms": "50"])
        defer { run.remove() }
        try FileSystem.makeDirectories(run.scratch.appending("gaz"))
        try FileSystem.write(Array("a name without its type\n".utf8), to: run.scratch.appending("gaz/bad.tsv"))
        for (key, value) in refusal.settings { run.daemon.settings[key] = value.replacingOccurrences(of: "{}", with: run.scratch.path) }
        let message = refusal.message.replacingOccurrences(of: "{}", with: run.scratch.path)

        let check = try run.daemon.check()
        #expect(check.status == 1 && check.stdout.contains(message), "\(check.stdout)\(check.stderr)")
        #expect(!check.stdout.contains("config: ok"))
        await #expect(throws: HarnessError.self) { try await run.daemon.start(timeout: .seconds(15)) }
        #expect(run.daemon.journal().contains(message), "\(run.daemon.journalTail())")
    }
}
