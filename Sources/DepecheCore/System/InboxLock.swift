import Glibc

/// One daemon per inbox: an exclusive `flock` on the inbox directory's own descriptor, held
/// while the daemon runs (the kernel drops it with the process, so a `kill -9` leaves none).
/// Two daemons on one inbox, each with its own state directory, would both take every file:
/// two events in two logs, and moves racing each other.
///
/// The lock belongs to the descriptor's open file, so the directory that replaces a removed
/// inbox is locked before it is put in the old one's place (`dup2`), which drops the old lock.
public enum InboxLock {
    /// Locks the directory open as `fd`. Throws ``InboxBusyError`` when another process holds
    /// it; returns false when its file system has no locks (some network file systems), where a
    /// second daemon cannot be refused.
    public static func take(_ fd: Int32, inbox: String) throws(InboxBusyError) -> Bool {
        switch FileLock.take(fd) {
        case .locked: return true
        case .unsupported: return false
        case .held(let pid): throw InboxBusyError(inbox: inbox, pid: pid)
        }
    }
}

/// Another process holds the inbox's lock.
public struct InboxBusyError: Error, CustomStringConvertible {
    /// The inbox.
    public var inbox: String
    /// The holder's pid, when `/proc/locks` says.
    public var pid: Int32?

    /// `inbox /srv/feed is watched by another depeche (pid 4242); …`.
    public var description: String {
        "inbox \(inbox) is watched by another depeche (\(FileLock.describe(holder: pid))); only one daemon may take files from an inbox: stop that one, or give this one another inbox"
    }
}
