import Glibc

/// An exclusive `flock` taken without waiting, on a descriptor's open file: the kernel drops it
/// when the last descriptor of that open file closes, or the process ends (a `kill -9` leaves
/// none behind).
enum FileLock {
    /// What trying gave.
    enum Outcome: Equatable {
        /// The lock is this process's.
        case locked
        /// Another process holds it (its pid, when `/proc/locks` says).
        case held(by: Int32?)
        /// The file system has no locks (some network file systems).
        case unsupported
    }

    /// Tries to lock the file open as `fd`.
    static func take(_ fd: Int32) -> Outcome {
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return .locked }
        return errno == EWOULDBLOCK ? .held(by: holder(of: fd)) : .unsupported
    }

    /// The process holding a `flock` on the file open as `fd`, as `/proc/locks` lists it.
    static func holder(of fd: Int32) -> Int32? {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        return holder(of: info)
    }

    /// The process holding a `flock` on the file `info` describes, as `/proc/locks` lists it
    /// (`1: FLOCK  ADVISORY  WRITE 4242 08:01:1234 0 EOF`: pid, then device and inode); nil
    /// when none does, or `/proc/locks` cannot be read.
    static func holder(of info: stat) -> Int32? {
        guard let locks = try? Posix.readFile("/proc/locks") else { return nil }
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

    /// How an error names the holder: `pid 4242`, or `pid unknown`.
    static func describe(holder pid: Int32?) -> String { pid.map { "pid \($0)" } ?? "pid unknown" }

    private static func twoHexDigits(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return digits.count < 2 ? "0" + digits : digits
    }
}
