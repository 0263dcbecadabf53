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
    /// `archive/ab/cd/<hex>.<ext>`; nil unless the mode is `archive`.
    public func archivePath(id: String, fileExtension: String) -> String? {
        guard mode == .archive else { return nil }
        let hex = ContentHash.hexDigits(of: id)
        let name = fileExtension.isEmpty ? String(hex) : "\(hex).\(fileExtension)"
        return "archive/\(hex.prefix(2))/\(hex.dropFirst(2).prefix(2))/\(name)"
    }

    /// Takes an ingested or duplicate file out of the inbox, per the mode. `bytes` are its
    /// contents, used when the archive is on another file system.
    public func dispose(_ path: InboxPath, id: String, bytes: [UInt8]?) throws {
        switch mode {
        case .keep:
            return
        case .delete:
            try withParent(of: path) { parent, name in
                try Posix.check("unlinkat", path.displayString) { unlinkat(parent, name, 0) }
            }
        case .archive:
            let relative = archivePath(id: id, fileExtension: path.fileExtension)!
            try move(path, to: Array(relative.utf8), bytes: bytes, replaceable: true)
        }
    }

    /// Where a rejected file is kept, relative to the state directory: `quarantine/<seq>/<path>`,
    /// its name and bytes unchanged (the `seq` keeps two rejected files of one name apart).
    public static func quarantinePath(_ path: InboxPath, seq: Int) -> [UInt8] {
        Array("quarantine/\(seq)/".utf8) + path.bytes
    }

    /// Moves a rejected file to ``quarantinePath(_:seq:)``.
    public func quarantine(_ path: InboxPath, seq: Int, bytes: [UInt8]?) throws {
        try move(path, to: Self.quarantinePath(path, seq: seq), bytes: bytes, replaceable: false)
    }

    /// Renames `path` to `relative` under the state directory. With `replaceable`, an
    /// existing target (the same content, in a content-addressed store) means the file is
    /// simply removed. Across file systems the bytes are written anew, then the file unlinked.
    ///
    /// The rename is not followed by a directory fsync: if a crash loses it, the file is
    /// still in the inbox, and the ledger moves it again without a second event.
    private func move(_ path: InboxPath, to relative: [UInt8], bytes: [UInt8]?, replaceable: Bool) throws {
        let target = InboxPath(bytes: Array(stateDirectory.utf8) + [UInt8(ascii: "/")] + relative)
        try withParent(of: path) { parent, name in
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
            case EXDEV where bytes != nil:
                try copyAcross(bytes!, to: target, replaceable: replaceable)
                try Posix.check("unlinkat", path.displayString) { unlinkat(parent, name, 0) }
            default:
                throw SystemCallError("rename", path: target.displayString, errno: code)
            }
        }
    }

    private func copyAcross(_ bytes: [UInt8], to target: InboxPath, replaceable: Bool) throws {
        if replaceable && target.withCString({ access($0, F_OK) }) == 0 { return }
        let temporary = InboxPath(bytes: target.bytes + Array(".incoming".utf8))
        let fd = try Posix.check("open", temporary.displayString) {
            temporary.withCString { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640) }
        }
        defer { close(fd) }
        try Posix.writeAll(fd, bytes, path: temporary.displayString)
        try Posix.check("fsync", temporary.displayString) { fsync(fd) }
        try Posix.check("rename", target.displayString) {
            temporary.withCString { from in target.withCString { depeche_rename_noreplace(AT_FDCWD, from, AT_FDCWD, $0) } }
        }
    }

    /// Calls `body` with the file's parent directory (opened beneath the inbox, no symlinks)
    /// and its last component.
    private func withParent(of path: InboxPath, _ body: (Int32, UnsafePointer<CChar>) throws -> Void) throws {
        let directory = path.directory
        let parent: Int32 = directory.bytes.isEmpty
            ? dup(inboxFD)
            : directory.withCString { depeche_open_directory_beneath(inboxFD, $0) }
        guard parent >= 0 else { throw SystemCallError("openat2", path: directory.displayString) }
        defer { close(parent) }
        try InboxPath(bytes: path.fileName).withCString { try body(parent, $0) }
    }
}
