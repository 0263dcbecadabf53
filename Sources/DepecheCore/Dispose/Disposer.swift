import CLinuxFiles
import Glibc

/// Stage "dispose": once its event is durable, a file leaves the inbox: into the
/// content-addressed archive, deleted, or left in place; a rejected file goes to the
/// quarantine with its name and bytes unchanged.
///
/// Every move starts from the file's parent directory opened beneath the inbox without
/// following symlinks, so a path can never lead the daemon outside its directories.
public struct Disposer: Sendable {
    /// The inbox directory, open.
    public let inboxFD: Int32
    /// The state directory (archive and quarantine live below it).
    public let stateDirectory: String
    /// What happens to processed files.
    public let mode: DepecheConfig.DisposeMode

    /// Creates a disposer.
    public init(inboxFD: Int32, stateDirectory: String, mode: DepecheConfig.DisposeMode) {
        self.inboxFD = inboxFD
        self.stateDirectory = stateDirectory
        self.mode = mode
    }

    /// Where the archive keeps the content `id` (relative to the state directory):
    /// `archive/ab/<hex>.<ext>`; nil unless the mode is `archive`. One level of 256
    /// directories: a young archive creates a directory for its first few hundred files only
    /// (two levels, `ab/cd/`, made two directories for most of its first 65,536 files), and
    /// ext4's hashed directories keep lookups fast with millions of names in each.
    public func archivePath(id: String, fileExtension: String) -> String? {
        guard mode == .archive else { return nil }
        let hex = ContentHash.hexDigits(of: id)
        let name = fileExtension.isEmpty ? String(hex) : "\(hex).\(fileExtension)"
        return "archive/\(hex.prefix(2))/\(name)"
    }

    /// Takes an ingested or duplicate file out of the inbox, per the mode. `bytes` are its
    /// contents, used when the archive is on another file system. With `identity` (the file as
    /// it was read), a file that has changed since is left alone: ``FileChangedError``.
    public func dispose(_ path: InboxPath, id: String, bytes: [UInt8]?, identity: FileIdentity? = nil) throws {
        switch mode {
        case .keep:
            return
        case .delete:
            try withParent(of: path, identity: identity) { parent, name in
                try Posix.check("unlinkat", path.displayString) { unlinkat(parent, name, 0) }
            }
        case .archive:
            let relative = archivePath(id: id, fileExtension: path.fileExtension)!
            try move(path, to: Array(relative.utf8), bytes: bytes, replaceable: true, identity: identity)
        }
    }

    /// Where a rejected file is kept, relative to the state directory: `quarantine/<seq>/<path>`,
    /// its name and bytes unchanged (the `seq` keeps two rejected files of one name apart).
    public static func quarantinePath(_ path: InboxPath, seq: Int) -> [UInt8] {
        Array("quarantine/\(seq)/".utf8) + path.bytes
    }

    /// Moves a rejected file to ``quarantinePath(_:seq:)``; `identity` as for ``dispose(_:id:bytes:identity:)``.
    public func quarantine(_ path: InboxPath, seq: Int, bytes: [UInt8]?, identity: FileIdentity? = nil) throws {
        try move(path, to: Self.quarantinePath(path, seq: seq), bytes: bytes, replaceable: false, identity: identity)
    }

    /// Renames `path` to `relative` under the state directory. With `replaceable`, an
    /// existing target (the same content, in a content-addressed store) means the file is
    /// simply removed. Across file systems the bytes are written anew, then the file unlinked.
    /// If the file is no longer `identity`, the bytes read (if any) are written to the target
    /// and ``FileChangedError`` is thrown.
    ///
    /// The rename is not followed by a directory fsync: if a crash loses it, the file is
    /// still in the inbox, and the ledger moves it again without a second event.
    private func move(_ path: InboxPath, to relative: [UInt8], bytes: [UInt8]?, replaceable: Bool, identity: FileIdentity?) throws {
        let target = InboxPath(bytes: Array(stateDirectory.utf8) + [UInt8(ascii: "/")] + relative)
        do {
            try withParent(of: path, identity: identity) { parent, name in
                var code = target.withCString { depeche_rename_noreplace(parent, name, AT_FDCWD, $0) } == 0 ? 0 : errno
                if code == ENOENT {
                    try Posix.makeDirectories(bytes: target.directory.bytes)
                    code = target.withCString { depeche_rename_noreplace(parent, name, AT_FDCWD, $0) } == 0 ? 0 : errno
                }
                switch code {
                case 0:
                    return
                case EEXIST where replaceable:
                    try Posix.check("unlinkat", path.displayString) { unlinkat(parent, name, 0) }
                case EXDEV:
                    if let bytes {
                        try copyAcross(to: target, replaceable: replaceable) { try Posix.writeAll($0, bytes, path: target.displayString) }
                    } else {
                        try copyAcross(to: target, replaceable: replaceable) { try Self.stream(from: parent, name, path: path, to: $0) }
                    }
                    try Posix.check("unlinkat", path.displayString) { unlinkat(parent, name, 0) }
                default:
                    throw SystemCallError("rename", path: target.displayString, errno: code)
                }
            }
        } catch let changed as FileChangedError {
            // The event describes the bytes that were read: keep them where it says (durably:
            // the inbox no longer holds them), and leave the new file in the inbox.
            guard let bytes else { throw changed }
            try Posix.makeDirectories(bytes: target.directory.bytes)
            try copyAcross(to: target, replaceable: replaceable) { try Posix.writeAll($0, bytes, path: target.displayString) }
            try Posix.syncDirectory(bytes: target.directory.bytes)
            throw changed
        }
    }

    /// Writes a new file at `target` (through a temporary, fsync'ed, renamed): `write` fills it.
    private func copyAcross(to target: InboxPath, replaceable: Bool, _ write: (Int32) throws -> Void) throws {
        if replaceable && target.withCString({ access($0, F_OK) }) == 0 { return }
        let temporary = InboxPath(bytes: target.bytes + Array(".incoming".utf8))
        let fd = try Posix.check("open", temporary.displayString) {
            temporary.withCString { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640) }
        }
        defer { close(fd) }
        do {
            try write(fd)
            try Posix.check("fsync", temporary.displayString) { fsync(fd) }
            try Posix.check("rename", target.displayString) {
                temporary.withCString { from in target.withCString { depeche_rename_noreplace(AT_FDCWD, from, AT_FDCWD, $0) } }
            }
        } catch {
            _ = temporary.withCString { unlink($0) }  // a partial copy (disk full) must not hold the space
            throw error
        }
    }

    /// Copies the regular file `name` in `parent` to `output` in chunks (a file whose bytes were
    /// not kept: one found again after a restart, or one rejected unread for its size).
    private static func stream(from parent: Int32, _ name: UnsafePointer<CChar>, path: InboxPath, to output: Int32) throws {
        let input = try Posix.check("openat", path.displayString) { openat(parent, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) }
        defer { close(input) }
        var info = stat()
        try Posix.check("fstat", path.displayString) { fstat(input, &info) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw SystemCallError("rename", path: path.displayString, errno: EXDEV) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = try chunk.withUnsafeMutableBytes { buffer in
                try Posix.check("read", path.displayString) { read(input, buffer.baseAddress, buffer.count) }
            }
            if count == 0 { return }
            try Posix.writeAll(output, Array(chunk[..<count]), path: path.displayString)
        }
    }

    /// Calls `body` with the file's parent directory (opened beneath the inbox, no symlinks)
    /// and its last component, after checking that the file is still `identity` (when given).
    private func withParent(of path: InboxPath, identity: FileIdentity?, _ body: (Int32, UnsafePointer<CChar>) throws -> Void) throws {
        let directory = path.directory
        // A file at the inbox's top (most files) uses the inbox's own descriptor: no `dup` and
        // `close` a file.
        let parent: Int32 = directory.bytes.isEmpty ? inboxFD : directory.withCString { depeche_open_directory_beneath(inboxFD, $0) }
        guard parent >= 0 else { throw SystemCallError("openat2", path: directory.displayString) }
        defer { if parent != inboxFD { close(parent) } }
        try InboxPath(bytes: path.fileName).withCString { name in
            if let identity {
                var info = stat()
                try Posix.check("fstatat", path.displayString) { fstatat(parent, name, &info, AT_SYMLINK_NOFOLLOW) }
                guard FileIdentity(info) == identity else { throw FileChangedError(path: path) }
            }
            try body(parent, name)
        }
    }
}

/// The file in the inbox is no longer the one whose event was logged (it was replaced or
/// rewritten after it was read): it is a new file, to be taken again, not moved.
public struct FileChangedError: Error, CustomStringConvertible {
    /// The file.
    public var path: InboxPath

    public var description: String { "\(path) changed after it was read" }
}
