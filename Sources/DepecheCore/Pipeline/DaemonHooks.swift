/// Callbacks through which the service layer (sd_notify, the watchdog, metrics) follows the
/// daemon without the pipeline knowing about systemd.
public struct DaemonHooks: Sendable {
    /// The watch is up (the watcher's heartbeat can now be observed).
    public var watcherStarted: @Sendable (InotifyWatcher) -> Void
    /// The watch is up and the start-up scan is done.
    public var ready: @Sendable () -> Void
    /// Start-up has work to do that may take up to `allowance` more (what, for the status line).
    public var slowStart: @Sendable (_ what: String, _ allowance: Duration) -> Void
    /// An event was appended.
    public var committed: @Sendable (DocumentEvent) -> Void
    /// The inbox was rescanned (`overflow`: because the kernel's queue overflowed).
    public var rescanned: @Sendable (_ overflow: Bool) -> Void
    /// How many files are settling or in flight, reported several times a second.
    public var queueDepth: @Sendable (Int) -> Void
    /// How many events were handed to the sink and are not yet acknowledged (durable), reported
    /// as it changes and several times a second.
    public var awaitingAcknowledgement: @Sendable (Int) -> Void

    /// Hooks that do nothing unless given.
    public init(
        watcherStarted: @escaping @Sendable (InotifyWatcher) -> Void = { _ in },
        ready: @escaping @Sendable () -> Void = {},
        slowStart: @escaping @Sendable (String, Duration) -> Void = { _, _ in },
        committed: @escaping @Sendable (DocumentEvent) -> Void = { _ in },
        rescanned: @escaping @Sendable (Bool) -> Void = { _ in },
        queueDepth: @escaping @Sendable (Int) -> Void = { _ in },
        awaitingAcknowledgement: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.watcherStarted = watcherStarted
        self.ready = ready
        self.slowStart = slowStart
        self.committed = committed
        self.rescanned = rescanned
        self.queueDepth = queueDepth
        self.awaitingAcknowledgement = awaitingAcknowledgement
    }
}
