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
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
        guard errno == EWOULDBLOCK else { return false }
        throw InboxBusyError(inbox: inbox, pid: holder(of: fd))
    }

    /// The process holding a `flock` on the file open as `fd`, as `/proc/locks` lists it
    /// (`1: FLOCK  ADVISORY  WRITE 4242 08:01:1234 0 EOF`: pid, then device and inode).
    static func holder(of fd: Int32) -> Int32? {
        var info = stat()
        guard fstat(fd, &info) == 0, let locks = try? Posix.readFile("/proc/locks") else { return nil }
        let device = UInt64(info.st_dev)
        let major = (device >> 8) & 0xFFF | (device >> 32) & ~0xFFF
        let minor = device & 0xFF | (device >> 12) & ~0xFF
        let file = "\(twoHexDigits(major)):\(twoHexDigits(minor)):\(info.st_ino)"
        for line in String(decoding: locks, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 6, fields[1] == "FLOCK", fields[5] == file else { continue }
            return Int32(fields[4])
        }
        return nil
    }

    private static func twoHexDigits(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return digits.count < 2 ? "0" + digits : digits
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
        let holder = pid.map { "pid \($0)" } ?? "pid unknown"
        return "inbox \(inbox) is watched by another depeche (\(holder)); only one daemon may take files from an inbox: stop that one, or give this one another inbox"
    }
}
