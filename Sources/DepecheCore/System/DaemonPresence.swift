import Glibc

/// Whether a daemon runs on a state directory, as its lock (``StateDirectoryLock``) tells.
/// Read from `/proc/locks`: asking takes no lock, so a daemon starting at that moment never
/// finds its directory in use because of it. `depeche status` says it above its figures.
public enum DaemonPresence: Equatable, Sendable {
    /// A process holds the lock: its pid, nil when it is not visible here (another pid namespace).
    case running(pid: Int32?)
    /// No process holds it (no lock file: no daemon ever ran there).
    case stopped
    /// It cannot be told: the lock file cannot be examined, or `/proc/locks` read.
    case unknown

    /// The presence on `stateDirectory` now.
    public static func of(stateDirectory: String) -> DaemonPresence {
        var info = stat()
        guard stat(stateDirectory + "/" + StateDirectoryLock.fileName, &info) == 0 else {
            return errno == ENOENT ? .stopped : .unknown
        }
        guard access("/proc/locks", R_OK) == 0 else { return .unknown }
        guard let pid = FileLock.holder(of: info) else { return .stopped }
        return .running(pid: pid > 0 ? pid : nil)
    }
}
