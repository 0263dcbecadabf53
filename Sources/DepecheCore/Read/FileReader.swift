import CLinuxFiles
import Glibc

/// What reading one inbox file gave.
public enum ReadOutcome: Sendable {
    /// The whole file, read while it did not change.
    case read(bytes: [UInt8], identity: FileIdentity)
    /// Not a page: the reason, and what could be learned of the file.
    case rejected(Rejection, identity: FileIdentity?)
    /// Gone before it could be read (moved away or deleted): nothing to report.
    case vanished
    /// It changed while being read (still written, or replaced): try again after it settles.
    case changed
}

/// Stage "read": opens a file beneath the inbox, refusing symlinks at every level and
/// anything that is not a regular file, and reads it whole.
///
/// Files are first examined through an `O_PATH` descriptor (opening a FIFO or a device for
/// reading could block or have side effects), then opened with `openat2(RESOLVE_BENEATH |
/// RESOLVE_NO_SYMLINKS)`, which also guards every directory on the way (where `openat2` cannot
/// run, the path is walked one directory at a time instead: ``walksPaths``).
public struct FileReader: Sendable {
    /// An open descriptor of the inbox directory.
    public let inboxFD: Int32
    /// Larger files are rejected as `too_large` without being read.
    public let maxFileSize: Int

    /// Creates a reader for the inbox open as `inboxFD`.
    public init(inboxFD: Int32, maxFileSize: Int) {
        self.inboxFD = inboxFD
        self.maxFileSize = maxFileSize
    }

    /// Whether paths are opened one directory at a time (`openat(O_NOFOLLOW)`, each examined)
    /// because `openat2` cannot run here: Linux before 5.6, or a seccomp filter that refuses it.
    /// Links are refused either way.
    public static var walksPaths: Bool { depeche_openat2_available() == 0 }

    /// Reads the file at `path` (relative to the inbox).
    public func read(_ path: InboxPath) -> ReadOutcome {
        var info = stat()
        if let outcome = examine(path, into: &info) { return outcome }
        let identity = FileIdentity(info)
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .rejected(Rejection(.notRegularFile, "it is a \(Self.kind(of: info.st_mode)), not a regular file"), identity: identity)
        }
        guard Int(info.st_size) <= maxFileSize else {
            return .rejected(
                Rejection(.tooLarge, "the file has \(info.st_size) bytes, more than intake.max_file_size (\(maxFileSize))"),
                identity: identity)
        }
        let fd = path.withCString { depeche_open_beneath(inboxFD, $0, O_RDONLY | O_NONBLOCK | O_NOCTTY, 0) }
        // ELOOP now, after the examination found a regular file: the file, or a directory on its
        // way, was swapped for a link in between. Taken again, it is examined as it now is.
        guard fd >= 0 else { return errno == ELOOP ? .changed : outcomeOfOpenFailure(errno, identity: identity) }
        defer { close(fd) }
        var opened = stat()
        guard fstat(fd, &opened) == 0, FileIdentity(opened) == identity else { return .changed }
        let bytes: [UInt8]
        do { bytes = try Posix.readAll(fd, path: path.displayString, limit: maxFileSize, expectedSize: Int(opened.st_size)) } catch {
            return .rejected(Rejection(.unreadable, "read failed: \(Self.message(error.errno))"), identity: identity)
        }
        var after = stat()
        guard fstat(fd, &after) == 0, FileIdentity(after) == identity, bytes.count == identity.size else { return .changed }
        return .read(bytes: bytes, identity: identity)
    }

    /// Fills `info` with what the file itself is (a link is not followed), or says why it cannot.
    /// A name at the inbox's top (most files) is looked up in the inbox with `fstatat`: nothing
    /// lies on its way. A deeper path is examined through an `O_PATH` descriptor opened with
    /// `openat2`, which refuses a link or `..` among its directories.
    private func examine(_ path: InboxPath, into info: inout stat) -> ReadOutcome? {
        if path.isTopLevelName {
            let result = path.withCString { fstatat(inboxFD, $0, &info, AT_SYMLINK_NOFOLLOW) }
            return result == 0 ? nil : outcomeOfOpenFailure(errno, identity: nil)
        }
        let examined = path.withCString { depeche_open_path_beneath(inboxFD, $0) }
        guard examined >= 0 else {
            // O_PATH | O_NOFOLLOW opens a final link itself, so ELOOP means a directory on the way
            // is a link: the file is not in the inbox's tree (a stale inotify name after a
            // directory was swapped for a link); the link is reported on its own.
            return errno == ELOOP ? .vanished : outcomeOfOpenFailure(errno, identity: nil)
        }
        defer { close(examined) }
        guard fstat(examined, &info) == 0 else { return .rejected(Rejection(.unreadable, "fstat failed: \(Self.message(errno))"), identity: nil) }
        return nil
    }

    /// What a failed look-up or open says; `identity` is the file's when it could be examined
    /// (a file its owner keeps unreadable is still described in its event).
    private func outcomeOfOpenFailure(_ code: Int32, identity: FileIdentity?) -> ReadOutcome {
        switch code {
        case ENOENT, ENOTDIR: return .vanished
        case ELOOP: return .rejected(Rejection(.notRegularFile, "it is a symbolic link (or lies under one); links are never followed"), identity: identity)
        case EXDEV: return .rejected(Rejection(.notRegularFile, "its path leads outside the inbox"), identity: identity)
        case EACCES, EPERM: return .rejected(Rejection(.unreadable, "permission denied: depeche's user cannot read it"), identity: identity)
        default: return .rejected(Rejection(.unreadable, "open failed: \(Self.message(code))"), identity: identity)
        }
    }

    static func message(_ code: Int32) -> String { String(cString: strerror(code)) }

    static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFLNK: "symbolic link"
        case S_IFIFO: "FIFO (named pipe)"
        case S_IFSOCK: "socket"
        case S_IFCHR: "character device"
        case S_IFBLK: "block device"
        case S_IFDIR: "directory"
        case S_IFREG: "regular file"
        default: "special file"
        }
    }
}

extension FileIdentity {
    /// The identity `stat` describes.
    init(_ info: stat) {
        self.init(
            inode: UInt64(info.st_ino), size: Int(info.st_size),
            mtimeNanoseconds: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }
}
