/// One state change that a service reports to systemd on its notification socket
/// (`sd_notify(3)`). Several can travel in one datagram, one assignment per line.
public enum SystemdNotification: Sendable, Equatable {
    /// `READY=1`: start-up is finished (the watch is up and the start-up scan done), or a
    /// reload is.
    case ready
    /// `RELOADING=1`, sent with `MONOTONIC_USEC=` as systemd wants it: a reload has begun.
    /// A `ready` ends it.
    case reloading
    /// `STOPPING=1`: shutdown has begun; systemd stops expecting watchdog pings.
    case stopping
    /// `WATCHDOG=1`: the service is alive; resets the `WatchdogSec=` timer.
    case watchdog
    /// `STATUS=…`: the one line `systemctl status` shows. Line breaks become spaces.
    case status(String)
    /// `EXTEND_TIMEOUT_USEC=…`: start-up needs up to this much longer than `TimeoutStartSec=`.
    case extendTimeout(Duration)

    /// The assignment lines for this notification; `monotonicMicroseconds` is the reading of
    /// `CLOCK_MONOTONIC` that `RELOADING=1` carries.
    func lines(monotonicMicroseconds: UInt64) -> [String] {
        switch self {
        case .ready: return ["READY=1"]
        case .reloading: return ["RELOADING=1", "MONOTONIC_USEC=\(monotonicMicroseconds)"]
        case .stopping: return ["STOPPING=1"]
        case .watchdog: return ["WATCHDOG=1"]
        case .status(let text):
            var line = "STATUS="
            line.unicodeScalars.append(contentsOf: text.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
            return [line]
        case .extendTimeout(let allowance):
            let (seconds, attoseconds) = allowance.components
            return ["EXTEND_TIMEOUT_USEC=\(seconds * 1_000_000 + attoseconds / 1_000_000_000_000)"]
        }
    }
}
