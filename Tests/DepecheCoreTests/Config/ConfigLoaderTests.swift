import Foundation
import Testing
@testable import DepecheCore

@Suite struct ConfigLoaderTests {
    let directory = TemporaryDirectory()

    func load(_ yaml: String?, environment: [String: String] = [:], overrides: [String: String] = [:]) async throws -> DepecheConfig {
        let file = yaml.map { directory.write("depeche.yaml", $0) }
        return try await ConfigLoader.load(file: file, environment: environment, overrides: overrides)
    }

    func error(_ yaml: String?, environment: [String: String] = [:], overrides: [String: String] = [:]) async -> ConfigurationError? {
        do {
            _ = try await load(yaml, environment: environment, overrides: overrides)
            return nil
        } catch let error as ConfigurationError { return error } catch { return nil }
    }

    @Test func defaultsApplyWithoutAFile() async throws {
        let config = try await load(nil)
        #expect(config.inbox == "./var/inbox")
        #expect(config.logPath == "./var/state/events.jsonl")
        #expect(config.fsync == .group)
        #expect(config.settleMilliseconds == 200)
        #expect(config.maxFileSize == 16 << 20)
        #expect(config.dispose == .archive)
        #expect(config.metricsTextfile == nil)
    }

    @Test func theShippedFileIsValidAndMatchesTheDefaults() async throws {
        let shipped = try await ConfigLoader.load(file: #filePath.components(upTo: "Tests") + "config/depeche.yaml", environment: [:])
        #expect(shipped == (try await load(nil)))
    }

    @Test func precedenceIsFlagsThenEnvironmentThenFileThenDefaults() async throws {
        let yaml = "inbox: /file/inbox\nlog:\n  fsync: always\n  group_commit_ms: 20\n"
        let config = try await load(
            yaml, environment: ["DEPECHE_LOG_FSYNC": "never", "DEPECHE_INTAKE_SETTLE_MS": "500"],
            overrides: ["log.fsync": "group"])
        #expect(config.inbox == "/file/inbox")
        #expect(config.fsync == .group)
        #expect(config.groupCommitMilliseconds == 20)
        #expect(config.settleMilliseconds == 500)
    }

    @Test func unknownKeysAreNamed() async {
        #expect(await error("inbox: /x\nlog:\n  fsinc: always\n")?.key == "log.fsinc")
        #expect(await error("inboxx: /x\n")?.key == "inboxx")
        #expect(await error("nope:\n  a: 1\n")?.key == "nope")
        #expect(await error(nil, environment: ["DEPECHE_INBOXX": "/x"])?.key == "DEPECHE_INBOXX")
        #expect(await error(nil, overrides: ["log.level": "x"])?.key == "log.level")
    }

    @Test func badValuesAreNamed() async {
        let fsync = await error("log:\n  fsync: sometimes\n")
        #expect(fsync?.key == "log.fsync")
        #expect(fsync?.problem.contains("always, group, never") == true)
        #expect(await error("intake:\n  settle_ms: soon\n")?.key == "intake.settle_ms")
        #expect(await error("intake:\n  workers: 0\n")?.key == "intake.workers")
        #expect(await error("near_duplicate:\n  threshold: 2\n")?.key == "near_duplicate.threshold")
        #expect(await error(": : :\n  - [")?.problem.contains("YAML") == true)
    }
}

extension String {
    /// The prefix of a path up to (not including) the component `name`.
    func components(upTo name: String) -> String {
        guard let range = range(of: "/\(name)/") else { return self }
        return String(self[...range.lowerBound])
    }
}
