
/// Which files are waiting to settle, which are being processed, and whether intake is
/// paused (the event log cannot be written). Shared by the watch, tick and worker tasks.
public final class Intake: Sendable {
    private struct State {
        var settling: SettleTracker
        var inFlight: Set<InboxPath> = []
        var touchedInFlight: Set<InboxPath> = []
        var pausedUntil: ContinuousClock.Instant?
        var pause: Duration = .seconds(1)
    }

    private let state: Locked<State>
    private let inboxFD: Int32

    /// Creates an intake for the inbox open as `inboxFD`.
    public init(settle: Duration, inboxFD: Int32) {
        state = Locked(State(settling: SettleTracker(settle: settle)))
        self.inboxFD = inboxFD
    }

    /// A close, a move or a scan saw `path`: it (re)starts settling, or, if it is being
    /// processed, it will settle again once that is done.
    public func touch(_ path: InboxPath) {
        let identity = SettleTracker.identify(path, inboxFD: inboxFD) ?? nil
        state.withLock { state in
            if state.inFlight.contains(path) {
                state.touchedInFlight.insert(path)
            } else {
                state.settling.touch(path, identity: identity)
            }
        }
    }

    /// A whole file (renamed into the inbox): true when it is taken now, in flight until
    /// ``done(_:)``, without waiting to settle. While intake is paused, or the path is being
    /// processed, it is touched instead (and false returned).
    public func takeWhole(_ path: InboxPath, now: ContinuousClock.Instant = .now) -> Bool {
        let taken = state.withLock { state in
            let paused = state.pausedUntil.map { now < $0 } ?? false
            guard !paused, !state.inFlight.contains(path) else { return false }
            state.settling.remove(path)
            state.inFlight.insert(path)
            return true
        }
        if !taken { touch(path) }
        return taken
    }

    /// Takes the files that have settled; they are in flight until ``done(_:)``.
    public func takeSettled(now: ContinuousClock.Instant = .now) -> [InboxPath] {
        let fd = inboxFD
        return state.withLock { state in
            if let until = state.pausedUntil, now < until { return [] }
            let ready = state.settling.takeSettled(
                at: now, identify: { SettleTracker.identify($0, inboxFD: fd) }, isBeingWritten: { SettleTracker.isBeingWritten($0, inboxFD: fd) })
            state.inFlight.formUnion(ready)
            return ready
        }
    }

    /// The file is no longer in flight.
    public func done(_ path: InboxPath) {
        state.withLock { state in
            state.inFlight.remove(path)
            if state.touchedInFlight.remove(path) != nil { state.settling.touch(path) }
        }
    }

    /// A pause of intake after a failure.
    public struct Pause: Sendable, Equatable {
        /// Time left to wait.
        public var remaining: Duration
        /// This failure started the pause (the files in flight behind it only join it).
        public var started: Bool
    }

    /// The log or the store could not be written: stop taking files for a while (doubling up
    /// to 30 s with each retry that fails), and put `path` back. Files already in flight that
    /// fail during the pause do not lengthen it.
    public func pauseAfterFailure(returning path: InboxPath, now: ContinuousClock.Instant = .now) -> Pause {
        state.withLock { state in
            state.inFlight.remove(path)
            state.touchedInFlight.remove(path)
            state.settling.touch(path)
            if let until = state.pausedUntil, now < until { return Pause(remaining: until - now, started: false) }
            let pause = state.pause
            state.pausedUntil = now + pause
            state.pause = min(pause * 2, .seconds(30))
            return Pause(remaining: pause, started: true)
        }
    }

    /// A commit succeeded: clear any pause. Returns whether intake had been paused.
    @discardableResult
    public func resume() -> Bool {
        state.withLock { state in
            defer {
                state.pausedUntil = nil
                state.pause = .seconds(1)
            }
            return state.pausedUntil != nil
        }
    }

    /// Files waiting to settle plus files in flight.
    public var depth: Int { state.withLock { $0.settling.count + $0.inFlight.count } }
}
