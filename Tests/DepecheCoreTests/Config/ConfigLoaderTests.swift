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

    @Test func anEmptyFileMeansTheDefaults() async throws {
        let defaults = try await load(nil)
        for yaml in ["", "# every key commented out\n# log:\n#   fsync: group\n", "---\n", "--- # none\n...\n"] {
            #expect(try await load(yaml) == defaults, "\(yaml)")
        }
    }

    @Test func aSectionIsAMappingOrEmpty() async throws {
        #expect(await error("log: 5\n") == ConfigurationError(
            key: "log", problem: "is a section: must be a mapping of its keys (log.fsync, log.group_commit_ms, log.path, "
                + "log.retain_segments, log.rotate_bytes)"))
        #expect(await error("intake:\n  settle_ms: 5\nsink: nats\n")?.key == "sink")
        #expect(await error("inbox:\n  path: /x\n") == ConfigurationError(key: "inbox", problem: "must be a value, not a mapping"))
        let commentedOut = try await load("log:\n  # fsync: always\nintake:\n  settle_ms: 5\nsink:\n  nats:\n")
        #expect(commentedOut.fsync == .group && commentedOut.settleMilliseconds == 5)
    }

    /// What the YAML reader refuses after the keys were checked is named with the file too.
    @Test func aValueTheReaderRefusesNamesTheFile() async {
        let refusal = await error("inbox: [a, {b: 1}]\n")
        #expect(refusal?.key == directory.url("depeche.yaml"))
        #expect(refusal?.problem.contains("non-scalar") == true, "\(String(describing: refusal))")
    }
}

extension String {
    /// The prefix of a path up to (not including) the component `name`.
    func components(upTo name: String) -> String {
        guard let range = range(of: "/\(name)/") else { return self }
        return String(self[...range.lowerBound])
    }
}
