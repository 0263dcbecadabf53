import CLinuxFiles
// `stat`'s members: a compile job that loads Foundation first attributes glibc's `struct stat`
// to CDispatch (Swift 6.3.1, MemberImportVisibility), which Dispatch re-exports.
import Dispatch
import Glibc

/// Walks the inbox and lists every candidate: files and other non-directory entries (a
/// symlink or a FIFO is listed so that it can be rejected), never following a symlink and
/// never entering ignored (temporary or hidden) directories.
public struct InboxScanner: Sendable {
    /// An open descriptor of the inbox directory.
    public let inboxFD: Int32

    /// Creates a scanner for the inbox open as `inboxFD`.
    public init(inboxFD: Int32) { self.inboxFD = inboxFD }

    /// Every candidate below `directory` (default: the whole inbox), and every directory seen.
    public func scan(below directory: InboxPath = InboxPath(bytes: [])) -> (files: [InboxPath], directories: [InboxPath]) {
        var files: [InboxPath] = []
        var directories: [InboxPath] = []
        var pending = [directory]
        while let current = pending.popLast() {
            directories.append(current)
            for (name, type) in entries(of: current) where !NamePolicy.isIgnored(name) {
                let path = current.appending(name)
                if type == DT_DIR { pending.append(path) } else { files.append(path) }
            }
        }
        return (files.sorted(), directories)
    }

    /// The names and `d_type`s in one directory (types resolved with `fstatat` when unknown).
    private func entries(of directory: InboxPath) -> [([UInt8], UInt8)] {
        // A fresh open, never dup(inboxFD): a duplicate shares the inbox descriptor's directory
        // offset, which the first scan leaves at the end, so later scans would list nothing.
        let fd = (directory.bytes.isEmpty ? InboxPath(".") : directory).withCString {
            depeche_open_beneath(inboxFD, $0, O_RDONLY | O_DIRECTORY, 0)
        }
        guard fd >= 0, let stream = fdopendir(fd) else {
            if fd >= 0 { close(fd) }
            return []
        }
        defer { closedir(stream) }
        var found: [([UInt8], UInt8)] = []
        while let entry = readdir(stream) {
            let name = Posix.name(of: entry)
            if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
            var type = entry.pointee.d_type
            if type == DT_UNKNOWN {
                var info = stat()
                let result = (name + [0]).withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { fstatat(dirfd(stream), $0.baseAddress!, &info, AT_SYMLINK_NOFOLLOW) }
                }
                type = result == 0 && info.st_mode & S_IFMT == S_IFDIR ? UInt8(DT_DIR) : UInt8(DT_REG)
            }
            found.append((name, type))
        }
        return found
    }
}
