import Foundation
import Glibc

/// Replaces whole files so that a crash leaves the old content or the new, never a mix.
enum DurableFile {
    /// Writes `bytes` to a temporary file beside `path`, fsyncs it, renames it over `path`
    /// and fsyncs the directory, so the rename itself survives a power loss.
    static func replace(_ path: String, with bytes: [UInt8]) throws(SystemCallError) {
        let temporary = path + ".tmp"
        do {
            try writeAndSync(bytes, to: temporary)
            try check(rename(temporary, path), "rename", temporary)
        } catch {
            unlink(temporary)
            throw error
        }
        try syncDirectory(of: path)
    }

    private static func writeAndSync(_ bytes: [UInt8], to path: String) throws(SystemCallError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        try check(fd, "open", path)
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if result < 0, errno == EINTR { continue }
            try check(result, "write", path)
            written += result
        }
        try check(fsync(fd), "fsync", path)
    }

    private static func syncDirectory(of path: String) throws(SystemCallError) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        try check(fd, "open", directory)
        defer { close(fd) }
        try check(fsync(fd), "fsync", directory)
    }

    private static func check(_ result: some BinaryInteger, _ call: String, _ path: String) throws(SystemCallError) {
        if result < 0 { throw SystemCallError(call: call, path: path, code: errno) }
    }
}

/// A system call that failed: which, on what, and its `errno`.
struct SystemCallError: Error, CustomStringConvertible {
    /// The call (`open`, `fsync`, …).
    var call: String
    /// The file it was made on.
    var path: String
    /// `errno` after the call.
    var code: Int32

    var description: String { "\(call) \(path): \(String(cString: strerror(code)))" }
}
