import Foundation
import Glibc

/// A fresh directory under /tmp, removed when the test ends.
final class TemporaryDirectory {
    let path: String

    init() {
        var template = Array("/tmp/depeche-test-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// `path/relative`.
    func url(_ relative: String) -> String { path + "/" + relative }

    /// Writes a file (creating parent directories).
    @discardableResult
    func write(_ relative: String, _ contents: String) -> String { write(relative, bytes: Array(contents.utf8)) }

    /// Writes a file of raw bytes (creating parent directories).
    @discardableResult
    func write(_ relative: String, bytes: [UInt8]) -> String {
        let full = url(relative)
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: Data(bytes))
        return full
    }

    /// Reads a file.
    func read(_ relative: String) -> [UInt8]? { FileManager.default.contents(atPath: url(relative)).map(Array.init) }

    /// An open descriptor of the directory (closed by the caller).
    func open() -> Int32 { Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
}
