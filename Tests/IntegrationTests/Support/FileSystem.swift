import Glibc

/// The few file operations the harness needs, on raw byte paths (test names need not be UTF-8),
/// never following a symbolic link unless asked.
enum FileSystem {
    /// What `lstat` says a path is.
    enum Kind: Equatable {
        case regular, directory, symlink, fifo, socket, characterDevice, blockDevice
    }

    /// The whole file (following no link in the last component).
    static func read(_ path: String) throws -> [UInt8] { try read(bytes: Array(path.utf8)) }

    /// The whole file at a raw byte path.
    static func read(bytes path: [UInt8]) throws -> [UInt8] {
        let fd = withCString(path) { open($0, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK) }
        guard fd >= 0 else { throw HarnessError("open \(display(path)): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw HarnessError("read \(display(path)): \(String(cString: strerror(errno)))") }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
    }

    /// Writes `bytes` to a new or truncated file.
    static func write(_ bytes: [UInt8], to path: [UInt8]) throws {
        let fd = withCString(path) { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        guard fd >= 0 else { throw HarnessError("create \(display(path)): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            guard written > 0 else { throw HarnessError("write \(display(path)): \(String(cString: strerror(errno)))") }
            offset += written
        }
    }

    /// Writes `bytes` to a new or truncated file.
    static func write(_ bytes: [UInt8], to path: String) throws { try write(bytes, to: Array(path.utf8)) }

    /// `rename(2)` between raw byte paths.
    static func rename(_ from: [UInt8], to: [UInt8]) throws {
        let result = withCString(from) { source in withCString(to) { Glibc.rename(source, $0) } }
        guard result == 0 else { throw HarnessError("rename \(display(from)) → \(display(to)): \(String(cString: strerror(errno)))") }
    }

    /// `mkdir -p` (absolute paths).
    static func makeDirectories(_ path: String) throws { try makeDirectories(Array(path.utf8)) }

    /// `mkdir -p` of a raw byte path (absolute).
    static func makeDirectories(_ path: [UInt8]) throws {
        var prefix: [UInt8] = []
        for component in path.split(separator: UInt8(ascii: "/")) {
            prefix += [UInt8(ascii: "/")] + component
            if withCString(prefix, { mkdir($0, 0o755) }) != 0 && errno != EEXIST {
                throw HarnessError("mkdir \(display(prefix)): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// What the path is, without following a final symlink; nil when it does not exist.
    static func kind(bytes path: [UInt8]) -> Kind? {
        var info = stat()
        guard withCString(path, { lstat($0, &info) }) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        case S_IFIFO: return .fifo
        case S_IFSOCK: return .socket
        case S_IFCHR: return .characterDevice
        default: return .blockDevice
        }
    }

    /// What the path is, without following a final symlink; nil when it does not exist.
    static func kind(_ path: String) -> Kind? { kind(bytes: Array(path.utf8)) }

    /// The target of a symbolic link.
    static func linkTarget(bytes path: [UInt8]) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = withCString(path) { readlink($0, &buffer, buffer.count) }
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Every entry that is not a directory below `root`, as paths relative to it (never
    /// descending into symlinked directories).
    static func nonDirectories(below root: String) -> [[UInt8]] {
        var found: [[UInt8]] = []
        var pending: [[UInt8]] = [[]]
        while let relative = pending.popLast() {
            let absolute = Array(root.utf8) + (relative.isEmpty ? [] : [UInt8(ascii: "/")] + relative)
            guard let stream = withCString(absolute, { opendir($0) }) else { continue }
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                // Read in place: a dirent is only as long as its name, copying it reads too far.
                let field = UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!
                let name = Array(UnsafeRawBufferPointer(start: field, count: strlen(field.assumingMemoryBound(to: CChar.self))))
                if name == Array(".".utf8) || name == Array("..".utf8) { continue }
                let child = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
                if kind(bytes: absolute + [UInt8(ascii: "/")] + name) == .directory { pending.append(child) } else { found.append(child) }
            }
        }
        return found
    }

    /// Calls `body` with `path` as a C string.
    static func withCString<R>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        try (path + [0]).withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    /// A path for messages (invalid UTF-8 shown as U+FFFD).
    static func display(_ path: [UInt8]) -> String { String(decoding: path, as: UTF8.self) }
}

/// A fresh directory for one test, removed by ``remove()`` (`rm -rf`, which does not follow links).
struct ScratchDirectory {
    /// Its absolute path.
    let path: String

    /// Creates `<base>/depeche-<label>-XXXXXX`.
    init(label: String, base: String = "/tmp") throws {
        var template = Array("\(base)/depeche-\(label)-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw HarnessError("mkdtemp in \(base): \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
    }

    /// `path/relative`.
    func appending(_ relative: String) -> String { path + "/" + relative }

    /// Removes the directory and everything below it.
    func remove() { _ = try? ChildProcess("rm", ["-rf", "--one-file-system", path]).wait() }
}
