import Configuration
import Foundation
import Glibc
import SystemPackage
import Yams

/// Builds a ``DepecheConfig`` from, in order of precedence: command-line overrides,
/// `DEPECHE_…` environment variables, the YAML file, and the built-in defaults.
///
/// Unknown keys in the file or in `DEPECHE_…` variables are errors, so a typo never goes
/// unnoticed.
public enum ConfigLoader {
    /// Every key with its default, as documented in `config/depeche.yaml`.
    public static let defaults: [String: ConfigValue] = [
        "inbox": "./var/inbox",
        "state_dir": "./var/state",
        "log.path": "",
        "log.fsync": "group",
        "log.group_commit_ms": 50,
        "log.rotate_bytes": 268_435_456,
        "log.retain_segments": 0,
        "intake.settle_ms": 200,
        "intake.rescan_interval_s": 300,
        "intake.max_file_size": 16_777_216,
        "intake.workers": 2,
        "dispose.mode": "archive",
        "extract.gazetteer_dir": "",
        "event.include_text": true,
        "near_duplicate.threshold": 0.84,
        "store.map_size": 68_719_476_736,
        "metrics.textfile": "",
        "metrics.interval_s": 15,
        "sink.kind": "jsonl",
        "sink.nats.servers": "nats://127.0.0.1:4222",
        "sink.nats.stream": "DEPECHE",
        "sink.nats.subject_prefix": "depeche",
        "sink.nats.replicas": 1,
        "sink.nats.credentials": "",
        "sink.nats.host_id": "",
    ]

    /// Loads the configuration.
    /// - Parameters:
    ///   - file: the YAML file, or nil for defaults and environment only.
    ///   - environment: the process environment (only `DEPECHE_…` names are read).
    ///   - overrides: values given on the command line, by dotted key.
    public static func load(
        file: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        overrides: [String: String] = [:]
    ) async throws -> DepecheConfig {
        var providers: [any ConfigProvider] = []
        for key in overrides.keys where defaults[key] == nil {
            throw ConfigurationError(key: key, problem: "unknown key (command line)")
        }
        providers.append(InMemoryProvider(name: "command line", values: typed(overrides)))
        let ours = environment.filter { $0.key.hasPrefix("DEPECHE_") }
        let knownVariables = Set(defaults.keys.map(environmentName))
        for name in ours.keys.sorted() where !knownVariables.contains(name) && !processVariables.contains(name) {
            throw ConfigurationError(key: name, problem: "unknown environment variable")
        }
        providers.append(EnvironmentVariablesProvider(environmentVariables: ours).prefixKeys(with: "depeche"))
        // An empty file (or one of comments alone) holds no key: the defaults apply.
        if let file, try validateKeys(ofYAMLFile: file) {
            do { providers.append(try await FileProvider<YAMLSnapshot>(filePath: FilePath(file))) } catch {
                throw ConfigurationError(key: file, problem: "\(error)")
            }
        }
        providers.append(InMemoryProvider(name: "defaults", values: Dictionary(uniqueKeysWithValues: defaults.map {
            (AbsoluteConfigKey(ConfigKey($0.key)), $0.value)
        })))
        return try DepecheConfig(reader: ConfigReader(providers: providers))
    }

    /// Keys of earlier versions that are accepted and ignored, so that a configuration file
    /// written for them still loads (`snapshot.every_events`: index snapshots gave way to the
    /// state store).
    static let retiredKeys: Set<String> = ["snapshot.every_events"]

    /// `DEPECHE_…` variables that are not configuration keys but are read by the daemon itself.
    static let processVariables: Set<String> = ["DEPECHE_CONFIG"]

    /// `log.group_commit_ms` → `DEPECHE_LOG_GROUP_COMMIT_MS`.
    static func environmentName(_ key: String) -> String {
        "DEPECHE_" + key.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }

    /// Command-line values arrive as strings; give them the type of the key's default.
    private static func typed(_ overrides: [String: String]) -> [AbsoluteConfigKey: ConfigValue] {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, text) in overrides {
            let content: ConfigContent
            switch defaults[key]?.content {
            case .int: content = Int(text).map { .int($0) } ?? .string(text)
            case .double: content = Double(text).map { .double($0) } ?? .string(text)
            case .bool: content = Bool(text).map { .bool($0) } ?? .string(text)
            default: content = .string(text)
            }
            values[AbsoluteConfigKey(ConfigKey(key))] = ConfigValue(content, isSecret: false)
        }
        return values
    }

    /// Walks the YAML file's mappings and fails on the first key depeche does not know, or a
    /// section that is not a mapping (an empty one is); returns whether the file holds a mapping
    /// (false when it is empty, comments alone, or an empty document).
    static func validateKeys(ofYAMLFile path: String) throws -> Bool {
        let text: String
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = access(path, R_OK) == 0 ? "it is not a readable file" : String(cString: strerror(errno)).lowercased()
            throw ConfigurationError(key: path, problem: "cannot read the file: \(reason)")
        }
        text = String(decoding: data, as: UTF8.self)
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw ConfigurationError(key: path, problem: "not valid YAML: \(error)")
        }
        guard let root, root.null == nil else { return false }
        guard let mapping = root.mapping else {
            throw ConfigurationError(key: path, problem: "the top level must be a mapping of keys")
        }
        try validate(mapping, prefix: "")
        return true
    }

    private static func validate(_ mapping: Node.Mapping, prefix: String) throws {
        for (keyNode, valueNode) in mapping {
            let key = prefix + (keyNode.string ?? "")
            let sectionKeys = (Array(defaults.keys) + retiredKeys).filter { $0.hasPrefix(key + ".") }.sorted()
            let isKey = defaults[key] != nil || retiredKeys.contains(key)
            if let nested = valueNode.mapping {
                guard !sectionKeys.isEmpty else {
                    throw ConfigurationError(key: key, problem: isKey ? "must be a value, not a mapping" : "unknown section")
                }
                try validate(nested, prefix: key + ".")
            } else if !isKey {
                guard !sectionKeys.isEmpty else { throw ConfigurationError(key: key, problem: "unknown key") }
                // A section whose keys are all commented out is empty: its defaults apply.
                if valueNode.null != nil { continue }
                throw ConfigurationError(key: key, problem: "is a section: must be a mapping of its keys (\(sectionKeys.joined(separator: ", ")))")
            }
        }
    }
}
