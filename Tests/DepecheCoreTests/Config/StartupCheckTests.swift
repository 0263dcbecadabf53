import Testing
@testable import DepecheCore

@Suite struct StartupCheckTests {
    let directory = TemporaryDirectory()

    /// The first problem `StartupCheck` finds with the defaults, an inbox and a state directory
    /// of the test's own, and `overrides`; nil when it passes.
    func problem(_ overrides: [String: String]) async throws -> ConfigurationError? {
        let settings = ["inbox": directory.url("inbox"), "state_dir": directory.url("state")].merging(overrides) { $1 }
        let config = try await ConfigLoader.load(file: nil, environment: [:], overrides: settings)
        do {
            try StartupCheck.check(config)
            return nil
        } catch let error as ConfigurationError { return error }
    }

    @Test func theDefaultsPass() async throws {
        #expect(try await problem([:]) == nil)
    }

    @Test func aMalformedGazetteerIsRefusedNamingItsLine() async throws {
        directory.write("gaz/good.tsv", "Zorblax Analytics\tORG\n")
        let bad = directory.write("gaz/bad.tsv", "a name without its type\n")
        let refusal = try await problem(["extract.gazetteer_dir": directory.url("gaz")])
        #expect(refusal?.key == "extract.gazetteer_dir")
        #expect(refusal?.problem.hasPrefix("\(bad):1: expected `name<TAB>type") == true, "\(String(describing: refusal))")
    }

    @Test func aLayoutProblemIsRefused() async throws {
        let refusal = try await problem(["state_dir": directory.url("inbox/state")])
        #expect(refusal?.key == "state_dir")
    }

    /// The NATS client would read the file only as it connects: the check reads it first, in
    /// cluster mode only (the file mode never reads it).
    @Test func anUnreadableCredentialsFileIsRefusedInClusterModeOnly() async throws {
        let missing = directory.url("missing.creds")
        let refusal = try await problem(["sink.kind": "nats", "sink.nats.credentials": missing])
        #expect(refusal == ConfigurationError(key: "sink.nats.credentials", problem: "\(missing): no such file or directory"))
        let folder = try await problem(["sink.kind": "nats", "sink.nats.credentials": directory.path])
        #expect(folder?.problem == "\(directory.path): is a directory")
        #expect(try await problem(["sink.kind": "jsonl", "sink.nats.credentials": missing]) == nil)
        let present = directory.write("user.creds", "-----BEGIN NATS USER JWT-----\n")
        #expect(try await problem(["sink.kind": "nats", "sink.nats.credentials": present]) == nil)
    }
}
