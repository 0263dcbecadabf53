import Glibc
import Logging
import ServiceLifecycle

/// What `depeche run` puts around the ``Daemon`` to be a well-behaved systemd service:
/// counters fed by the daemon's hooks, `READY=1` once the watch is up and the start-up scan
/// done, the ``Watchdog`` (watchdog pings and `STATUS=`, `STOPPING=1`), ``ReloadOnHangup``
/// (`RELOADING=1` … `READY=1`) and, when `metrics.textfile` is set, the
/// ``PrometheusTextfileWriter``.
///
/// ```swift
/// let layer = ServiceLayer(config: config, metrics: metrics, logger: logger)
/// let daemon = Daemon(config: config, logger: logger, hooks: layer.hooks)
/// let group = ServiceGroup(configuration: .init(
///     services: layer.services(
///         around: .init(service: daemon, successTerminationBehavior: .gracefullyShutdownGroup),
///         reload: { try await daemon.reload(loadConfiguration()) }),
///     gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
/// ```
public struct ServiceLayer: Sendable {
    /// The daemon's counts (status line and metrics).
    public let counters: PipelineCounters
    /// The link to systemd.
    public let notifier: SystemdNotifier
    /// Watchdog pings and status.
    public let watchdog: Watchdog
    /// The hooks to give the ``Daemon``.
    public let hooks: DaemonHooks
    private let logger: Logger
    private let textfileWriter: PrometheusTextfileWriter?

    /// The layer for `config`, with metrics in `metrics` (already bootstrapped or not),
    /// and systemd's variables from `environment`.
    public init(
        config: DepecheConfig,
        metrics: PrometheusMetrics,
        logger: Logger,
        environment: [String: String] = ProcessEnvironment.values(SystemdNotifier.environmentNames)
    ) {
        let counters = PipelineCounters(factory: metrics.factory)
        let notifier = SystemdNotifier(environment: environment)
        let watchdog = Watchdog(notifier: notifier, counters: counters, logger: logger)
        let logPath = config.logPath
        self.counters = counters
        self.notifier = notifier
        self.watchdog = watchdog
        hooks = DaemonHooks(
            watcherStarted: { watcher in watchdog.watch(watcher.heartbeat) },
            ready: { notifier.notify(.ready, .status(counters.snapshot().statusLine), logger: logger) },
            slowStart: { what, allowance in notifier.notify(.extendTimeout(allowance), .status(what), logger: logger) },
            committed: { event in counters.record(event) },
            rescanned: { overflow in
                counters.rescanned()
                if overflow { counters.inotifyOverflowed() }
            },
            queueDepth: { depth in counters.queueDepth(depth) },
            awaitingAcknowledgement: { count in counters.awaitingAcknowledgement(count) }
        )
        self.logger = logger
        textfileWriter = PrometheusTextfileWriter.Configuration(config).map {
            // The log's size is read when the file is written, not at every event (a `stat` by
            // path each time cost about 0.7 % of a burst).
            PrometheusTextfileWriter(configuration: $0, metrics: metrics, logger: logger) {
                var status = stat()
                if stat(logPath, &status) == 0 { counters.logSegmentSize(bytes: Int(status.st_size)) }
            }
        }
    }

    /// The service group's services, in the order that makes shutdown right (the group tells
    /// them in reverse): the watchdog first, so `STOPPING=1` reaches systemd before the drain;
    /// then the reloader, then `daemon`; the textfile writer last, so its final write holds
    /// the drained counts. `reload` runs on SIGHUP.
    public func services(
        around daemon: ServiceGroupConfiguration.ServiceConfiguration,
        reload: @escaping @Sendable () async throws -> Void
    ) -> [ServiceGroupConfiguration.ServiceConfiguration] {
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let textfileWriter { services.append(.init(service: textfileWriter)) }
        services.append(daemon)
        services.append(.init(service: ReloadOnHangup(notifier: notifier, counters: counters, logger: logger, reload: reload)))
        services.append(.init(service: watchdog))
        return services
    }
}
