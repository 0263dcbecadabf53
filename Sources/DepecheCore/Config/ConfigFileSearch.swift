import Glibc

/// Which configuration file a command reads, for every command alike: the file named with
/// `--config`, else `$DEPECHE_CONFIG`, else the first of ``candidates`` that exists
/// (`./config/depeche.yaml` in a source tree, then `/etc/depeche/depeche.yaml` on an
/// installed system); none when no candidate exists (built-in defaults apply).
public struct ConfigFileSearch: Sendable {
    /// The files tried in order after `--config` and `$DEPECHE_CONFIG`.
    public static let standardCandidates = ["config/depeche.yaml", "/etc/depeche/depeche.yaml"]

    /// The files tried, in order, when neither `--config` nor `$DEPECHE_CONFIG` names one.
    public var candidates: [String]

    /// A search through `candidates` (the standard list unless a test gives another).
    public init(candidates: [String] = Self.standardCandidates) { self.candidates = candidates }

    /// The file to read: `explicit` (`--config`), else `DEPECHE_CONFIG` from `environment`, else
    /// the first candidate that exists. A file named explicitly or by the environment is
    /// returned whether or not it exists, so that loading it reports it missing.
    public func file(explicit: String?, environment: [String: String]) -> String? {
        if let explicit { return explicit }
        if let named = environment["DEPECHE_CONFIG"], !named.isEmpty { return named }
        return candidates.first { access($0, F_OK) == 0 }
    }
}
