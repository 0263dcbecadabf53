import Glibc

/// A failed system call: which call, on what, and `errno`.
public struct SystemCallError: Error, CustomStringConvertible, Equatable {
    /// The call that failed (`openat2`, `write`, …).
    public var call: String
    /// The file or directory it was about.
    public var path: String
    /// The `errno` it left.
    public var errno: Int32

    /// Creates an error from the current `errno`.
    public init(_ call: String, path: String, errno: Int32 = Glibc.errno) {
        self.call = call
        self.path = path
        self.errno = errno
    }

    /// `write(var/state/events.jsonl): No space left on device (errno 28)`.
    public var description: String { "\(call)(\(path)): \(String(cString: strerror(errno))) (errno \(errno))" }
}

/// Thin wrappers that turn -1/errno into thrown ``SystemCallError``s.
enum Posix {
    /// Retries `body` while it fails with EINTR; throws on any other failure.
    @discardableResult
    static func check<T: BinaryInteger>(_ call: String, _ path: String, _ body: () -> T) throws(SystemCallError) -> T {
        while true {
            let result = body()
            if result != -1 { return result }
            if errno != EINTR { throw SystemCallError(call, path: path) }
        }
    }

    /// `mkdir -p`, with mode 0750 for what it creates.
    static func makeDirectories(_ path: String, mode: mode_t = 0o750) throws {
        try makeDirectories(bytes: Array(path.utf8), mode: mode)
    }

    /// `mkdir -p` for a path given as raw bytes (names need not be UTF-8). The deepest directory
    /// is tried first and its parents only when it cannot be made for want of them, so a path
    /// whose parent exists (an archive shard under the archive) costs one `mkdir`.
    static func makeDirectories(bytes path: [UInt8], mode: mode_t = 0o750) throws {
        func make() -> Int32 { InboxPath(bytes: path).withCString { mkdir($0, mode) == 0 ? 0 : errno } }
        var code = make()
        if code == ENOENT, let slash = path.lastIndex(of: UInt8(ascii: "/")), slash > 0 {
            try makeDirectories(bytes: Array(path[..<slash]), mode: mode)
            code = make()
        }
        guard code == 0 || code == EEXIST else {
            throw SystemCallError("mkdir", path: String(decoding: path, as: UTF8.self), errno: code)
        }
    }

    /// `fsync` a directory, so that a rename in it is durable.
    static func syncDirectory(_ path: String) throws {
        try syncDirectory(bytes: Array(path.utf8))
    }

    /// `fsync` a directory given as raw bytes.
    static func syncDirectory(bytes path: [UInt8]) throws {
        let name = String(decoding: path, as: UTF8.self)
        let fd = try check("open", name) { InboxPath(bytes: path).withCString { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) } }
        defer { close(fd) }
        try check("fsync", name) { fsync(fd) }
    }

    /// Reads the whole file at `path` (small files only: snapshots, configuration).
    static func readFile(_ path: String) throws(SystemCallError) -> [UInt8] {
        let fd = try check("open", path) { open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(fd) }
        return try readAll(fd, path: path)
    }

    /// Reads from `fd` until end of file, or until more than `limit` bytes were read. The bytes
    /// go straight into the array's storage, sized once from `expectedSize` (from `fstat`) and
    /// grown by doubling only if the file has more.
    static func readAll(_ fd: Int32, path: String, limit: Int = .max, expectedSize: Int = 0) throws(SystemCallError) -> [UInt8] {
        let ceiling = limit < .max ? limit + 1 : .max
        var capacity = min(expectedSize > 0 ? expectedSize : 4_095, ceiling - 1) + 1
        var bytes: [UInt8] = []
        while true {
            var failure: Int32 = 0
            var ended = false
            bytes = [UInt8](unsafeUninitializedCapacity: capacity) { [bytes] buffer, count in
                count = buffer.initialize(fromContentsOf: bytes)
                while count < buffer.count {
                    let got = read(fd, buffer.baseAddress! + count, buffer.count - count)
                    if got > 0 {
                        count += got
                    } else if got == 0 {
                        ended = true
                        return
                    } else if errno != EINTR {
                        failure = errno
                        return
                    }
                }
            }
            if failure != 0 { throw SystemCallError("read", path: path, errno: failure) }
            if ended || bytes.count >= ceiling { return bytes }
            capacity = capacity > ceiling / 2 ? ceiling : capacity * 2
        }
    }

    /// Writes all of `bytes` to `fd`.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = try bytes.withUnsafeBytes { buffer in
                try check("write", path) { write(fd, buffer.baseAddress! + offset, buffer.count - offset) }
            }
            offset += written
        }
    }

    /// Durably replaces `path` with `bytes`: temp file, fsync, rename, fsync the directory.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let file = try AtomicFileWriter(path: path)
        try file.write(bytes)
        try file.commit()
    }

    /// Whether `path` names the file open as `fd` (same device and inode); false when either
    /// cannot be stat'ed.
    static func names(_ path: String, theFileOf fd: Int32) -> Bool {
        var named = stat(), held = stat()
        return stat(path, &named) == 0 && fstat(fd, &held) == 0 && named.st_dev == held.st_dev && named.st_ino == held.st_ino
    }

    /// `path` with every symlink resolved, absolute (`realpath`); nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The directory part of a path (`.` when there is none).
    static func directoryName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The name of a `readdir` entry, read in place: a `dirent` is only as long as its name
    /// (`d_reclen`), so copying `entry.pointee` would read past the end of the last entry.
    static func name(of entry: UnsafeMutablePointer<dirent>) -> [UInt8] {
        let name = UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        return Array(UnsafeRawBufferPointer(start: name, count: strlen(name.assumingMemoryBound(to: CChar.self))))
    }
}
