import Logging
import ServiceLifecycle
import UnixSignals

/// `systemctl reload depeche` (`ExecReload=/bin/kill -HUP $MAINPID`) as a swift-service-lifecycle
/// `Service`: on each SIGHUP it tells systemd `RELOADING=1`, runs `reload`, then `READY=1`
/// with the status line, so `systemctl reload` returns once the reload is done.
///
/// A failed reload is logged and the daemon goes on with what it had: a typo in the
/// configuration must not take a running service down.
public struct ReloadOnHangup: Service {
    private let notifier: SystemdNotifier
    private let counters: PipelineCounters
    private let logger: Logger
    private let reload: @Sendable () async throws -> Void

    /// Reloads with `reload` on SIGHUP, reporting through `notifier`.
    public init(
        notifier: SystemdNotifier, counters: PipelineCounters, logger: Logger,
        reload: @escaping @Sendable () async throws -> Void
    ) {
        self.notifier = notifier
        self.counters = counters
        self.logger = logger
        self.reload = reload
    }

    /// Handles SIGHUP until graceful shutdown.
    public func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        for await _ in hangups.cancelOnGracefulShutdown() {
            notifier.notify(.reloading, .status("reloading"), logger: logger)
            do {
                try await reload()
                logger.notice("reloaded")
            } catch {
                logger.error("reload failed; going on as before", metadata: ["error": "\(error)"])
            }
            notifier.notify(.ready, .status(counters.snapshot().statusLine), logger: logger)
        }
    }
}
