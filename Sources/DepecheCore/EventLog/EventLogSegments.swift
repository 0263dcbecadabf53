import Glibc

/// The files of one event log: the active file (`events.jsonl`, the name `tail -F` follows)
/// and closed segments named after their first `seq` (`events.1.jsonl`, `events.52110.jsonl`).
public struct EventLogSegments: Sendable {
    /// The active file's path.
    public let activePath: String
    /// Its directory.
    public let directory: String
    /// `events` for `events.jsonl`.
    let stem: String

    /// The segments of the log whose active file is `activePath`.
    public init(activePath: String) {
        self.activePath = activePath
        self.directory = Posix.directoryName(activePath)
        let name = activePath.split(separator: "/").last.map(String.init) ?? activePath
        self.stem = name.hasSuffix(".jsonl") ? String(name.dropLast(6)) : name
    }

    /// The path of the closed segment starting at `firstSeq`.
    public func closedPath(firstSeq: Int) -> String { "\(directory)/\(stem).\(firstSeq).jsonl" }

    /// Closed segments, oldest first, with their first `seq`.
    public func closed() -> [(firstSeq: Int, path: String)] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var found: [(Int, String)] = []
        let prefix = stem + "."
        while let entry = readdir(dir) {
            let name = String(decoding: Posix.name(of: entry), as: UTF8.self)
            guard name.hasPrefix(prefix), name.hasSuffix(".jsonl") else { continue }
            let middle = name.dropFirst(prefix.count).dropLast(6)
            if let first = Int(middle) { found.append((first, "\(directory)/\(name)")) }
        }
        return found.sorted { $0.0 < $1.0 }.map { (firstSeq: $0.0, path: $0.1) }
    }

    /// Every file of the log in order: closed segments, then the active file.
    public func allPaths() -> [String] { closed().map(\.path) + [activePath] }
}
