import Glibc

/// The lines `depeche status` prints above its figures, so that the figures a stopped daemon
/// left behind are not read as live ones: whether a daemon runs on the state directory, and
/// when the metrics textfile was written.
///
/// ```
/// daemon: not running on /var/lib/depeche/state
/// metrics: /var/lib/prometheus/node-exporter/depeche.prom, written 2 h 13 min ago (when the daemon stopped)
/// ```
public enum StatusHeader {
    /// `daemon: running (pid 4242) on /var/lib/depeche/state`, `daemon: not running on …`.
    public static func daemon(_ presence: DaemonPresence, stateDirectory: String) -> String {
        switch presence {
        case .running(let pid): "daemon: running (\(pid.map { "pid \($0)" } ?? "pid not visible here")) on \(stateDirectory)"
        case .stopped: "daemon: not running on \(stateDirectory)"
        case .unknown: "daemon: cannot tell whether one runs on \(stateDirectory) (its lock file or /proc/locks cannot be read)"
        }
    }

    /// `metrics: /…/depeche.prom, written 12 s ago`, and when no daemon runs that these are the
    /// last it wrote; nil when the file cannot be examined.
    public static func metrics(textfile: String, presence: DaemonPresence, now: Timestamp = .now()) -> String? {
        var info = stat()
        guard stat(textfile, &info) == 0 else { return nil }
        let written = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        let age = "metrics: \(textfile), written \(elapsed(seconds: Int(max(0, now.nanoseconds - written) / 1_000_000_000))) ago"
        return presence == .stopped ? age + " (the last the daemon wrote before it stopped)" : age
    }

    /// `12 s`, `3 min 5 s`, `2 h 13 min`, `4 d 2 h`: the two largest units.
    static func elapsed(seconds: Int) -> String {
        let units = [("d", 86_400), ("h", 3_600), ("min", 60), ("s", 1)]
        guard let first = units.firstIndex(where: { seconds >= $0.1 }), first < units.count - 1 else { return "\(seconds) s" }
        let (big, small) = (units[first], units[first + 1])
        let rest = seconds % big.1 / small.1
        return "\(seconds / big.1) \(big.0)" + (rest > 0 ? " \(rest) \(small.0)" : "")
    }
}
