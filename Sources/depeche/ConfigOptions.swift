import ArgumentParser
import DepecheCore
import Foundation

/// Options every command that reads the configuration shares.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The YAML configuration file.",
        discussion: "Without it: $DEPECHE_CONFIG, else ./config/depeche.yaml, else /etc/depeche/depeche.yaml, the first that exists."))
    var config: String?

    @Option(name: .long, help: "Override the inbox directory.")
    var inbox: String?

    @Option(name: .long, help: "Override the state directory.")
    var stateDir: String?

    @Option(name: .customLong("set"), help: "Override any key: --set log.fsync=always (repeatable).")
    var settings: [String] = []

    /// The configuration file that applies.
    var configFile: String? {
        ConfigFileSearch().file(explicit: config, environment: ProcessInfo.processInfo.environment)
    }

    /// Loads and validates the configuration; exits with a message naming the key on error.
    func load() async throws -> DepecheConfig {
        var overrides: [String: String] = [:]
        for setting in settings {
            guard let equals = setting.firstIndex(of: "=") else {
                throw ValidationError("--set takes KEY=VALUE, got \"\(setting)\"")
            }
            overrides[String(setting[..<equals])] = String(setting[setting.index(after: equals)...])
        }
        if let inbox { overrides["inbox"] = inbox }
        if let stateDir { overrides["state_dir"] = stateDir }
        // A ConfigurationError reads as a sentence ("config: KEY: problem"), printed without
        // the usage lines a ValidationError would add: the command line was not the problem.
        return try await ConfigLoader.load(file: configFile, overrides: overrides)
    }
}
