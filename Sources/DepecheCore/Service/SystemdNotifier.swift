import Glibc
import Logging

/// `sd_notify(3)` without libsystemd: each call sends one datagram to `$NOTIFY_SOCKET`.
///
/// Made from the environment systemd gives a `Type=notify` service: `NOTIFY_SOCKET`
/// (a path, or an abstract name starting with `@`), `WATCHDOG_USEC` and `WATCHDOG_PID`
/// (`sd_watchdog_enabled(3)`). Without `NOTIFY_SOCKET` every send is a no-op, so the same
/// daemon runs in a terminal, under `make run` and under systemd.
///
/// ```swift
/// let notifier = SystemdNotifier.fromProcessEnvironment()
/// notifier.notify(.ready, .status("watching /var/lib/depeche/inbox"), logger: logger)
/// ```
public struct SystemdNotifier: Sendable {
    /// The environment variables this type reads.
    public static let environmentNames = ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"]

    /// `$NOTIFY_SOCKET`, or nil when the process was not started by systemd as `Type=notify`.
    public let socket: String?
    /// `$WATCHDOG_USEC`, when systemd expects `WATCHDOG=1` from this process at least that
    /// often: nil when unset, zero, or meant for another process (`$WATCHDOG_PID`).
    public let watchdogTimeout: Duration?

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from `environment`.
    public init(environment: [String: String]) {
        socket = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        watchdogTimeout = Self.watchdogTimeout(in: environment, pid: getpid())
    }

    /// A notifier for this process, from its own environment.
    public static func fromProcessEnvironment() -> SystemdNotifier {
        SystemdNotifier(environment: ProcessEnvironment.values(environmentNames))
    }

    /// Whether notifications go anywhere (`$NOTIFY_SOCKET` is set).
    public var isEnabled: Bool { socket != nil }

    /// Sends `notifications` in one datagram; does nothing when `$NOTIFY_SOCKET` is unset.
    public func send(_ notifications: [SystemdNotification]) throws(SystemdNotifyError) {
        guard let socket, !notifications.isEmpty else { return }
        guard let address = UnixSocketAddress(socket) else {
            throw SystemdNotifyError(code: .unsupportedAddress, socket: socket, errno: nil)
        }
        let microseconds = MonotonicTime.nanoseconds() / 1000
        let message = notifications.flatMap { $0.lines(monotonicMicroseconds: microseconds) }.joined(separator: "\n")

        let fd = Glibc.socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemdNotifyError(code: .socketFailed, socket: socket, errno: errno) }
        defer { close(fd) }
        var bytes = Array(message.utf8)
        let sent = address.withSockaddr { sockaddr, length in
            repeat {
                let result = sendto(fd, &bytes, bytes.count, Int32(MSG_NOSIGNAL), sockaddr, length)
                if result >= 0 || errno != EINTR { return result }
            } while true
        }
        guard sent >= 0 else { throw SystemdNotifyError(code: .sendFailed, socket: socket, errno: errno) }
    }

    /// Sends `notifications` in one datagram; does nothing when `$NOTIFY_SOCKET` is unset.
    public func send(_ notifications: SystemdNotification...) throws(SystemdNotifyError) {
        try send(notifications)
    }

    /// Sends `notifications` and logs a warning instead of throwing if systemd cannot be
    /// reached: a lost notification must not stop the daemon.
    public func notify(_ notifications: SystemdNotification..., logger: Logger) {
        notify(notifications, logger: logger)
    }

    /// Sends `notifications` and logs a warning instead of throwing if systemd cannot be
    /// reached.
    public func notify(_ notifications: [SystemdNotification], logger: Logger) {
        do {
            try send(notifications)
        } catch {
            logger.warning("systemd notification failed", metadata: ["error": "\(error)"])
        }
    }

    /// `sd_watchdog_enabled(3)`: `WATCHDOG_USEC` if positive and, when `WATCHDOG_PID` is
    /// set, only if it names `pid`.
    private static func watchdogTimeout(in environment: [String: String], pid: pid_t) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let microseconds = Int64(text), microseconds > 0 else {
            return nil
        }
        if let owner = environment["WATCHDOG_PID"], owner != String(pid) { return nil }
        return .microseconds(microseconds)
    }
}
