import Foundation
import Testing

/// Every command finds its configuration the same way: `--config`, then `$DEPECHE_CONFIG`, then
/// `./config/depeche.yaml` (the `/etc/depeche/depeche.yaml` fallback is checked in the library's
/// tests through an injected search list, and in the package's check).
@Suite struct ConfigSearchTests {
    /// Runs `depeche arguments…` in `directory`, with `DEPECHE_CONFIG` set to `environment` or unset.
    private func depeche(_ arguments: [String], in directory: String, environment: String?) throws -> Command.Result {
        let setting = environment.map { ["DEPECHE_CONFIG=\($0)"] } ?? []
        return try Command.run(
            "env", ["-C", directory, "-u", "DEPECHE_CONFIG"] + setting + [DaemonProcess.binary] + arguments,
            dropping: DaemonProcess.isDepecheVariable)
    }

    @Test func flagThenEnvironmentThenTheWorkingDirectorysConfigForEveryCommand() async throws {
        let run = try DaemonSandbox(label: "config-search", settings: ["intake.settle_ms": "50"])
        defer { run.remove() }
        try await run.daemon.start()
        for serial in 0..<2 { try await run.writer.write(TestPages.page(serial: serial), to: "p\(serial).txt") }
        #expect(await run.waitUntilProcessed(2))
        #expect(await run.daemon.terminate() == 0)
        // The daemon's configuration as ./config/depeche.yaml; another, with an empty state, elsewhere.
        try FileSystem.makeDirectories(run.scratch.appending("config"))
        try FileSystem.write(try FileSystem.read(run.daemon.configPath), to: run.scratch.appending("config/depeche.yaml"))
        let other = run.scratch.appending("other.yaml")
        try FileSystem.write(Array("inbox: \(run.outside)\nstate_dir: \(run.scratch.appending("empty-state"))\n".utf8), to: other)

        let local = try depeche(["status"], in: run.scratch.path, environment: nil)
        #expect(local.stdout.contains("\(run.state)/events.jsonl: last seq 2"), "\(local.stdout)\(local.stderr)")
        let tail = try depeche(["tail"], in: run.scratch.path, environment: nil)
        #expect(tail.stdout.split(separator: "\n").count == 2, "\(tail.stderr)")
        let check = try depeche(["check"], in: run.scratch.path, environment: nil)
        #expect(check.stdout.contains("state \(run.state)"), "\(check.stdout)\(check.stderr)")

        let environment = try depeche(["status"], in: run.scratch.path, environment: other)
        #expect(environment.status != 0 && environment.stderr.contains("no event log at \(run.scratch.appending("empty-state"))/events.jsonl"),
                "\(environment.stdout)\(environment.stderr)")
        let flag = try depeche(["status", "--config", run.daemon.configPath], in: run.outside, environment: other)
        #expect(flag.stdout.contains("\(run.state)/events.jsonl: last seq 2"), "\(flag.stdout)\(flag.stderr)")

        let missing = try depeche(["check"], in: run.scratch.path, environment: run.scratch.appending("nowhere.yaml"))
        #expect(missing.status != 0, "a missing $DEPECHE_CONFIG must not fall back to another file")
    }

    @Test func helpNamesTheSearchOrder() throws {
        let help = try Command.run(DaemonProcess.binary, ["--help"])
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("--config, else $DEPECHE_CONFIG, else ./config/depeche.yaml, else /etc/depeche/depeche.yaml"), "\(help.stdout)")
    }
}
