import Logging
import ServiceLifecycle

/// The daemon's side of systemd's watchdog and status line, as a swift-service-lifecycle
/// `Service`.
///
/// Every tick (half of `WATCHDOG_USEC`, or ``statusInterval`` if that is shorter) it sends
/// `STATUS=` with the live counts of ``PipelineCounters`` and, only while every
/// ``Heartbeat`` is idle or has beaten within ``maximumSilence``, `WATCHDOG=1`. A wedged
/// loop therefore stops the pings and systemd restarts the service (`WatchdogSec=`,
/// `Restart=on-failure`); a busy or quiet one does not. When graceful shutdown begins it
/// sends `STOPPING=1` and returns.
///
/// List it **last** in the `ServiceGroup`: the group shuts services down in reverse order,
/// so this one hears of shutdown first and `STOPPING=1` reaches systemd before the pipeline
/// drains (systemd stops watching the watchdog once the unit is stopping).
///
/// Without `NOTIFY_SOCKET` (not under systemd) it only waits for shutdown.
public final class Watchdog: Service {
    /// Where notifications go.
    public let notifier: SystemdNotifier
    /// The loops that must keep beating for the watchdog to be fed.
    public var heartbeats: [Heartbeat] { monitored.withLock { $0 } }
    /// Where the status line's counts come from.
    public let counters: PipelineCounters
    /// How often `STATUS=` is refreshed at most.
    public let statusInterval: Duration
    /// How long a heartbeat may stay silent (and not idle) before pings stop: by default half
    /// of `WATCHDOG_USEC`, so systemd gives up at most 1.5 × `WatchdogSec=` after a wedge.
    public let maximumSilence: Duration
    private let logger: Logger
    private let monitored: Locked<[Heartbeat]>

    /// A watchdog for `heartbeats` (more can join with ``watch(_:)``), reporting `counters`,
    /// through `notifier`.
    public init(
        notifier: SystemdNotifier,
        heartbeats: [Heartbeat] = [],
        counters: PipelineCounters,
        logger: Logger,
        statusInterval: Duration = .seconds(5),
        maximumSilence: Duration? = nil
    ) {
        self.notifier = notifier
        monitored = Locked(heartbeats)
        self.counters = counters
        self.logger = logger
        self.statusInterval = statusInterval
        self.maximumSilence = maximumSilence ?? (notifier.watchdogTimeout ?? statusInterval) / 2
    }

    /// From now on the watchdog is fed only while `heartbeat` is alive too (a loop that
    /// starts after the watchdog, such as the watcher thread).
    public func watch(_ heartbeat: Heartbeat) {
        monitored.withLock { $0.append(heartbeat) }
    }

    /// The time between two ticks.
    public var tickInterval: Duration {
        guard let timeout = notifier.watchdogTimeout else { return statusInterval }
        return min(timeout / 2, statusInterval)
    }

    /// Ticks until graceful shutdown or cancellation, then sends `STOPPING=1`.
    public func run() async throws {
        guard notifier.isEnabled else {
            try await gracefulShutdown()
            return
        }
        try? await cancelWhenGracefulShutdown {
            var withheld = false
            while true {
                withheld = self.tick(wasWithheld: withheld)
                try await Task.sleep(for: self.tickInterval)
            }
        }
        notifier.notify(.stopping, .status("stopping; " + counters.snapshot().statusLine), logger: logger)
    }

    /// Sends one status line and, if every loop is alive, one watchdog ping; returns whether
    /// the ping was withheld, logging only when that changes.
    private func tick(wasWithheld: Bool) -> Bool {
        var notifications = [SystemdNotification.status(counters.snapshot().statusLine)]
        var withheld = false
        if notifier.watchdogTimeout != nil {
            let now = MonotonicTime.nanoseconds()
            let stalled = self.heartbeats.first { heartbeat in
                heartbeat.silence(at: now).map { $0 > maximumSilence } ?? false
            }
            if let stalled {
                withheld = true
                if !wasWithheld {
                    logger.error(
                        "watchdog ping withheld: a loop has stopped",
                        metadata: [
                            "heartbeat": "\(stalled.name)",
                            "heartbeat.silence": "\(stalled.silence(at: now) ?? .zero)",
                        ]
                    )
                }
            } else {
                notifications.append(.watchdog)
                if wasWithheld { logger.notice("watchdog pings resumed") }
            }
        }
        notifier.notify(notifications, logger: logger)
        return withheld
    }
}
