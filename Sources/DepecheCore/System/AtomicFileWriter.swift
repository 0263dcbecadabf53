import Glibc

/// A file written piece by piece and then put in place durably: a temporary file beside it,
/// fsync, rename over `path`, fsync of the directory. Until `commit()` the old file stands;
/// a writer dropped without committing removes its temporary file.
///
/// It writes `chunkSize` bytes at a time, so a large file never needs to be whole in memory.
package final class AtomicFileWriter {
    /// Bytes gathered before a `write(2)`.
    static let chunkSize = 1 << 20

    private let path: String
    private let temporary: String
    private var fd: Int32
    private var buffer: [UInt8] = []

    /// Opens the temporary file for `path`.
    package init(path: String) throws {
        let temporary = path + ".tmp"
        self.path = path
        self.temporary = temporary
        fd = try Posix.check("open", temporary) { open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640) }
        buffer.reserveCapacity(Self.chunkSize)
    }

    deinit {
        guard fd >= 0 else { return }
        close(fd)
        unlink(temporary)
    }

    /// Appends `bytes` to the file.
    package func write(_ bytes: some Collection<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunkSize { try flush() }
    }

    /// Writes what is buffered, fsyncs, and renames the file over `path`.
    package func commit() throws {
        try flush()
        try Posix.check("fsync", temporary) { fsync(fd) }
        close(fd)
        fd = -1
        do {
            try Posix.check("rename", path) { rename(temporary, path) }
        } catch {
            unlink(temporary)
            throw error
        }
        try Posix.syncDirectory(Posix.directoryName(path))
    }

    private func flush() throws {
        try Posix.writeAll(fd, buffer, path: temporary)
        buffer.removeAll(keepingCapacity: true)
    }
}
