import Glibc

/// One daemon per state directory: an exclusive `flock` on `<state>/depeche.lock`, taken at
/// start-up and held until the process ends (the kernel drops it when the descriptor closes,
/// so a `kill -9` never leaves a stale lock). The holder's pid is written inside, for the
/// message a second daemon gives. The event log, the archive, the quarantine and the store
/// are all shared by whoever runs on the directory, hence one lock for all of them.
///
/// Read-only commands (`tail`, `check`, `status`) never take it.
public final class StateDirectoryLock: Sendable {
    /// The lock file's name in the state directory.
    public static let fileName = "depeche.lock"

    /// The locked file.
    public let path: String
    private let fd: Int32

    /// Takes the lock at once or throws ``StateDirectoryBusyError`` naming the holder's pid.
    public init(stateDirectory: String) throws {
        path = stateDirectory + "/" + Self.fileName
        let path = path
        fd = try Posix.check("open", path) { open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let failure = errno
            let holder = try? Posix.readAll(fd, path: path)
            close(fd)
            guard failure == EWOULDBLOCK else { throw SystemCallError("flock", path: path, errno: failure) }
            let pid = holder.flatMap { $0.split(separator: UInt8(ascii: "\n")).first.flatMap { Int(decimal: $0) }.map { Int32(truncatingIfNeeded: $0) } }
            throw StateDirectoryBusyError(stateDirectory: stateDirectory, pid: pid)
        }
        let pid = Array("\(getpid())\n".utf8)
        do {
            try Posix.check("ftruncate", path) { ftruncate(fd, 0) }
            try Posix.check("pwrite", path) { pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } }
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(fd) }
}

/// Another process holds the state directory's lock.
public struct StateDirectoryBusyError: Error, CustomStringConvertible {
    /// The state directory.
    public var stateDirectory: String
    /// The holder's pid, when its lock file says.
    public var pid: Int32?

    /// `state directory var/state is in use by another depeche (pid 4242); …`.
    public var description: String {
        "state directory \(stateDirectory) is in use by another depeche (\(FileLock.describe(holder: pid))); only one daemon may run on it: stop that one first"
    }
}
