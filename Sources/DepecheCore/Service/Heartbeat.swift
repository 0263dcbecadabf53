import Synchronization

/// Proof that one loop of the daemon is still turning, for the ``Watchdog``.
///
/// The loop calls ``beat()`` every time round: the watcher thread after each
/// `inotifytools_next_event` return (it wakes at least once per timeout even when the inbox
/// is quiet), the pipeline after each document. A loop that waits for work it has not been
/// given calls ``idle()`` before it waits: idle is not stuck. A loop that stops beating
/// without saying it is idle is wedged, and the watchdog stops pinging systemd.
///
/// Lock-free (one atomic word) so that beating costs nothing on the hot path.
public final class Heartbeat: Sendable {
    /// A name for log lines, such as `"watcher"` or `"pipeline"`.
    public let name: String
    /// `CLOCK_MONOTONIC` nanoseconds of the last beat, or ``idleMark`` while idle.
    private let lastBeat: Atomic<UInt64>
    /// Stored while the loop is idle; no clock reading is this large.
    private static let idleMark = UInt64.max

    /// A heartbeat that has just beaten.
    public init(name: String) {
        self.name = name
        lastBeat = Atomic(MonotonicTime.nanoseconds())
    }

    /// The loop went round.
    public func beat() {
        lastBeat.store(MonotonicTime.nanoseconds(), ordering: .relaxed)
    }

    /// The loop is about to wait for work; it counts as alive until its next ``beat()``.
    public func idle() {
        lastBeat.store(Self.idleMark, ordering: .relaxed)
    }

    /// How long ago the last beat was at `now` (monotonic nanoseconds); nil while idle.
    public func silence(at now: UInt64 = MonotonicTime.nanoseconds()) -> Duration? {
        let last = lastBeat.load(ordering: .relaxed)
        guard last != Self.idleMark else { return nil }
        return .nanoseconds(Int64(now >= last ? now - last : 0))
    }
}
