import Glibc

/// Reads variables of this process's environment (`getenv(3)`), for the types that take an
/// `environment` dictionary so that tests can hand them their own.
public enum ProcessEnvironment {
    /// The values of `names` that are set in this process's environment.
    public static func values(_ names: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for name in names {
            if let value = getenv(name) { values[name] = String(cString: value) }
        }
        return values
    }
}
