import Configuration
@testable import DepecheCore

/// The built-in defaults as a provider, for tests that need a ``DepecheConfig``.
enum InMemoryDefaults {
    static var provider: InMemoryProvider {
        InMemoryProvider(values: Dictionary(uniqueKeysWithValues: ConfigLoader.defaults.map {
            (AbsoluteConfigKey(ConfigKey($0.key)), $0.value)
        }))
    }

    /// A configuration with the defaults, an inbox and a state directory.
    static func config(inbox: String, state: String) -> DepecheConfig {
        var config = try! DepecheConfig(reader: .init(provider: provider))
        config.inbox = inbox
        config.stateDirectory = state
        config.logPath = state + "/events.jsonl"
        return config
    }
}

import Logging

extension Logger {
    /// A logger that drops everything (stage tests check events, not log lines).
    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
}
