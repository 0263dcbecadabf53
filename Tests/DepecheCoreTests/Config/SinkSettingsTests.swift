import Testing
@testable import DepecheCore

/// `sink.kind` and `sink.nats.*`: from the file, `DEPECHE_SINK_…` variables and `--set`, each
/// bad value named by its key.
@Suite struct SinkSettingsTests {
    let directory = TemporaryDirectory()

    func load(_ yaml: String? = nil, environment: [String: String] = [:], overrides: [String: String] = [:]) async throws -> DepecheConfig {
        try await ConfigLoader.load(file: yaml.map { directory.write("depeche.yaml", $0) }, environment: environment, overrides: overrides)
    }

    func errorKey(_ yaml: String? = nil, overrides: [String: String] = [:]) async -> String? {
        do {
            _ = try await load(yaml, overrides: overrides)
            return nil
        } catch let error as ConfigurationError { return error.key } catch { return nil }
    }

    @Test func theFileModeIsTheDefaultAndTheHostIdIsTheHostName() async throws {
        let config = try await load()
        #expect(config.sink.kind == .jsonl)
        #expect(config.sink.nats.servers == ["nats://127.0.0.1:4222"])
        #expect(config.sink.nats.stream == "DEPECHE")
        #expect(config.sink.nats.subjectPrefix == "depeche")
        #expect(config.sink.nats.replicas == 1)
        #expect(config.sink.nats.credentials == nil)
        #expect(config.sink.nats.hostID == SinkSettings.hostName())
        #expect(SinkSettings.isToken(config.sink.nats.hostID))
    }

    @Test func theNestedSectionIsReadFromTheFileTheEnvironmentAndTheCommandLine() async throws {
        let yaml = """
            sink:
              kind: nats
              nats:
                servers: "nats://a:4222, nats://b:4222"
                replicas: 3
                host_id: news1
            """
        let config = try await load(
            yaml, environment: ["DEPECHE_SINK_NATS_SUBJECT_PREFIX": "press.fr"], overrides: ["sink.nats.stream": "PRESS"])
        #expect(config.sink.kind == .nats)
        #expect(config.sink.nats.servers == ["nats://a:4222", "nats://b:4222"])
        #expect(config.sink.nats.replicas == 3)
        #expect(config.sink.nats.hostID == "news1")
        #expect(config.sink.nats.subjectPrefix == "press.fr")
        #expect(config.sink.nats.stream == "PRESS")
    }

    @Test func badValuesNameTheirKey() async {
        #expect(await errorKey(overrides: ["sink.kind": "kafka"]) == "sink.kind")
        #expect(await errorKey(overrides: ["sink.nats.servers": " , "]) == "sink.nats.servers")
        #expect(await errorKey(overrides: ["sink.nats.stream": "A.B"]) == "sink.nats.stream")
        #expect(await errorKey(overrides: ["sink.nats.subject_prefix": "depeche.>"]) == "sink.nats.subject_prefix")
        #expect(await errorKey(overrides: ["sink.nats.subject_prefix": "a..b"]) == "sink.nats.subject_prefix")
        #expect(await errorKey(overrides: ["sink.nats.host_id": "news1.example.org"]) == "sink.nats.host_id")
        #expect(await errorKey(overrides: ["sink.nats.replicas": "0"]) == "sink.nats.replicas")
        #expect(await errorKey("sink:\n  nats:\n    server: x\n") == "sink.nats.server")
        #expect(await errorKey("sink:\n  natz:\n    servers: x\n") == "sink.natz")
    }
}
