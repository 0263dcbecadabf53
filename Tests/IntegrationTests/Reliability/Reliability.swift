import Glibc
import Testing

/// The reliability suites (issue 5) share the machine's inotify limits and two cores, so they
/// run one at a time.
@Suite(.serialized) enum Reliability {
    /// An integer from the environment (the long runs in `scripts/` raise the defaults).
    static func environment(_ name: String, default value: Int) -> Int {
        getenv(name).flatMap { Int(String(cString: $0)) } ?? value
    }
}
