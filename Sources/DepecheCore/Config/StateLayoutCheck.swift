import Glibc

/// The directories depeche writes must stay out of the inbox, and the inbox out of them: a
/// state directory inside the inbox would have the daemon take its own event log as a page
/// and feed on what it writes. Checked at start-up and by `depeche check`, on the paths as
/// they resolve (symlinks followed; a path not created yet resolves through its deepest
/// existing ancestor). The inbox and the state directory must also be directories, or paths
/// that can become ones.
public enum StateLayoutCheck {
    /// Throws a ``ConfigurationError`` naming both paths when the state directory, the event
    /// log, the archive or the quarantine lies inside the inbox, or the inbox inside one of them;
    /// and naming the path when the inbox or the state directory is a file (or lies under one).
    public static func check(_ config: DepecheConfig) throws {
        for (key, path) in [("inbox", config.inbox), ("state_dir", config.stateDirectory)] {
            guard let (blocking, kind) = nonDirectory(on: path) else { continue }
            throw ConfigurationError(
                key: key,
                problem: blocking == path
                    ? "\(path) is a \(kind), not a directory"
                    : "\(path) cannot be a directory: \(blocking) is a \(kind)")
        }
        let inbox = resolved(config.inbox)
        let written: [(key: String, path: String)] = [
            ("state_dir", config.stateDirectory), ("log.path", config.logPath),
            ("state_dir", config.archiveDirectory), ("state_dir", config.quarantineDirectory),
        ]
        for (key, path) in written {
            let real = resolved(path)
            if contains(inbox, real) {
                throw ConfigurationError(key: key, problem: "\(path) (\(real)) lies inside the inbox \(config.inbox) (\(inbox)): depeche would take its own files as pages")
            }
            if contains(real, inbox) {
                throw ConfigurationError(key: "inbox", problem: "the inbox \(config.inbox) (\(inbox)) lies inside \(path) (\(real)), where depeche writes")
            }
        }
    }

    /// The deepest existing path of `path` and its ancestors, with what it is, when that is no
    /// directory (symlinks followed); nil when it is one.
    static func nonDirectory(on path: String) -> (path: String, kind: String)? {
        var existing = path
        while true {
            var info = stat()
            if stat(existing, &info) == 0 {
                return info.st_mode & S_IFMT == S_IFDIR ? nil : (existing, FileReader.kind(of: info.st_mode))
            }
            guard errno == ENOENT || errno == ENOTDIR, let slash = existing.lastIndex(of: "/"), slash != existing.startIndex else {
                return nil
            }
            existing = String(existing[..<slash])
        }
    }

    /// Whether `inner` is `outer` or below it (both absolute and resolved).
    static func contains(_ outer: String, _ inner: String) -> Bool {
        inner == outer || inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/")
    }

    /// `path` with every symlink resolved, made absolute; the part below its deepest existing
    /// ancestor is appended as written.
    static func resolved(_ path: String) -> String {
        var existing = path.hasPrefix("/") ? path : currentDirectory() + "/" + path
        var rest: [Substring] = []
        while true {
            if let base = Posix.realPath(existing) {
                return rest.isEmpty ? base : (base == "/" ? "" : base) + "/" + rest.reversed().joined(separator: "/")
            }
            guard let slash = existing.lastIndex(of: "/"), existing != "/" else { return path }
            let name = existing[existing.index(after: slash)...]
            if !name.isEmpty && name != "." { rest.append(name) }
            existing = slash == existing.startIndex ? "/" : String(existing[..<slash])
        }
    }

    private static func currentDirectory() -> String {
        guard let cwd = getcwd(nil, 0) else { return "." }
        defer { free(cwd) }
        return String(cString: cwd)
    }
}
