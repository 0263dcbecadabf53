import Glibc

/// What `depeche run` reads of its configuration at start-up, before it takes a file, and
/// refuses when it is wrong: where the inbox and the state directory lie
/// (``StateLayoutCheck``), the user's gazetteers in `extract.gazetteer_dir`, and in cluster mode
/// (`sink.kind: nats`) the `sink.nats.credentials` file. The daemon and `depeche check` (the
/// unit's `ExecStartPre`) both run it, so a configuration `check` passes is never one the
/// daemon stops on at start. (The event log and the state store, which `run` also opens, are
/// checked on their own: ``EventLogCheck``, ``StoreCheck``.)
public enum StartupCheck {
    /// Throws a ``ConfigurationError`` naming the key at fault; returns the analysis stages
    /// with the gazetteers loaded (the daemon's).
    @discardableResult
    public static func check(_ config: DepecheConfig) throws -> DocumentAnalyzer {
        try StateLayoutCheck.check(config)
        let analyzer = try Daemon.analyzer(for: config)
        if config.sink.kind == .nats, let credentials = config.sink.nats.credentials {
            try readable(credentials, key: "sink.nats.credentials")
        }
        return analyzer
    }

    /// The NATS client reads the credentials only as it connects; a file it cannot read then
    /// keeps the daemon waiting at start-up instead of stopping it, so it is read here first.
    private static func readable(_ path: String, key: String) throws {
        do { _ = try Posix.readFile(path) } catch {
            throw ConfigurationError(key: key, problem: "\(path): \(String(cString: strerror(error.errno)).lowercased())")
        }
    }
}
