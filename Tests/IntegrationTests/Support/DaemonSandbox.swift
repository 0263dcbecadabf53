/// A daemon on throw-away directories: `inbox/`, `state/`, `staging/` (same file system, for
/// writers), `outside/` (files the daemon must never touch) under one scratch directory, and a
/// foreign staging directory on `/dev/shm` (another file system).
struct DaemonSandbox {
    /// The scratch directory holding everything but the foreign staging.
    let scratch: ScratchDirectory
    /// A directory on another file system.
    let foreign: ScratchDirectory
    /// The daemon (not started).
    let daemon: DaemonProcess
    /// Puts files into the inbox.
    let writer: InboxWriter

    /// The inbox.
    var inbox: String { scratch.appending("inbox") }
    /// The state directory.
    var state: String { scratch.appending("state") }
    /// A directory beside the inbox that nothing may read, move or change.
    var outside: String { scratch.appending("outside") }
    /// The invariants of this sandbox.
    var invariants: Invariants { Invariants(inbox: inbox, stateDirectory: state) }

    /// Creates the directories; `stateDirectory` overrides `state/` (a small tmpfs, say).
    init(label: String, settings: [String: String], stateDirectory: String? = nil) throws {
        scratch = try ScratchDirectory(label: label)
        foreign = try ScratchDirectory(label: label, base: "/dev/shm")
        for directory in ["inbox", "state", "staging", "outside"] { try FileSystem.makeDirectories(scratch.appending(directory)) }
        daemon = try DaemonProcess(
            inbox: scratch.appending("inbox"), stateDirectory: stateDirectory ?? scratch.appending("state"),
            settings: settings, workDirectory: scratch.path)
        writer = InboxWriter(inbox: scratch.appending("inbox"), staging: scratch.appending("staging"), foreignStaging: foreign.path)
    }

    /// Kills the daemon and removes every directory.
    func remove() {
        daemon.kill()
        scratch.remove()
        foreign.remove()
    }

    /// Waits until the log holds at least `count` events and the inbox holds no file.
    func waitUntilProcessed(_ count: Int, timeout: Duration = .seconds(30)) async -> Bool {
        await daemon.waitUntil(timeout: timeout) {
            daemon.eventLog.events.count >= count && FileSystem.nonDirectories(below: inbox).isEmpty
        }
    }
}
