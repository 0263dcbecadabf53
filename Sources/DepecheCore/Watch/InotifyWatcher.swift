import CInotifyTools
import Foundation
// `stat`'s members: a compile job that loads Foundation first attributes glibc's `struct stat`
// to CDispatch (Swift 6.3.1, MemberImportVisibility), which Dispatch re-exports.
import Dispatch
import Glibc
import Synchronization

/// What the watcher tells the pipeline.
public enum WatchSignal: Sendable, Equatable {
    /// A file was closed after writing (or linked in): a candidate once it has settled, since
    /// its writer may open it again.
    case file(InboxPath)
    /// A file was renamed into the inbox (`IN_MOVED_TO`): its writer closed it before the
    /// rename, so it is whole and is taken at once.
    case movedIn(InboxPath)
    /// A directory appeared (created or moved in): it is now watched; scan it for files
    /// that landed before its watch.
    case directory(InboxPath)
    /// The kernel's event queue overflowed: events were lost, rescan everything.
    case overflow
    /// The inbox itself was deleted or moved away; the watcher waits for it to come back.
    case inboxGone
    /// The inbox's path now leads to another directory (a symlink on the way was re-pointed):
    /// the old one is no longer watched; `inboxBack` follows once the new one is.
    case inboxRelinked(from: String)
    /// The inbox is back and watched again: reopen it and rescan.
    case inboxBack
}

/// Why the watch cannot run.
public struct WatchError: Error, CustomStringConvertible {
    /// What to tell the user.
    public var description: String
}

/// Owns libinotifytools on one dedicated thread (the library keeps global, thread-unsafe
/// state and `longjmp`s internally), and turns its events into an `AsyncStream`.
///
/// Only `IN_CLOSE_WRITE` and `IN_MOVED_TO` make a file a candidate; `IN_CREATE` and
/// `IN_MOVED_TO` of a directory add watches on it. Each event is copied out before the next
/// call, and `inotifytools_next_event` is called with a 1 s timeout so the thread notices
/// when it is asked to stop. There can be only one watcher per process.
public final class InotifyWatcher: Sendable {
    /// The inbox as configured, which may lead through symlinks.
    public let configuredInbox: String
    /// The directory watched: the configured inbox resolved (absolute, no symlinks, no trailing
    /// slash). It changes when a symlink on the configured path is re-pointed.
    public var inbox: String { watched.withLock { $0 } }
    private let watched: Mutex<String>
    /// Beats on every turn of the watcher loop (at least once a second): a watchdog that sees
    /// it stand still knows the thread is stuck.
    public let heartbeat = Heartbeat(name: "watcher")
    private let stopRequested = Atomic<Bool>(false)
    private let continuation: AsyncStream<WatchSignal>.Continuation
    /// The signals, in the order the kernel reported them.
    public let signals: AsyncStream<WatchSignal>
    private let started = Locked<CheckedContinuation<Void, any Error>?>(nil)

    static let fileEvents = Int32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW)

    /// Creates a watcher for `inbox` (not started).
    public init(inbox: String) {
        configuredInbox = inbox
        watched = Mutex(Self.resolve(inbox))
        (signals, continuation) = AsyncStream.makeStream(of: WatchSignal.self, bufferingPolicy: .unbounded)
    }

    /// Starts the thread and returns once every directory of the inbox is watched.
    /// Throws a ``WatchError`` (for instance when the watch limit is reached).
    public func start() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            started.withLock { $0 = continuation }
            Thread { [self] in run() }.start()
        }
    }

    /// Asks the thread to stop; it does within a second, and the signal stream finishes.
    public func stop() { stopRequested.store(true, ordering: .relaxed) }

    /// Stops the thread and returns once it has released libinotifytools (whose state is
    /// global: a new watcher may start only after that).
    public func stopAndWait() async {
        stop()
        while !finished.load(ordering: .acquiring) { try? await Task.sleep(for: .milliseconds(20)) }
    }

    private let finished = Atomic<Bool>(false)

    // MARK: The watcher thread

    private func run() {
        ThreadName.set("depeche-inotify")
        guard inotifytools_initialize() != 0 else {
            finished.store(true, ordering: .releasing)
            return fail(WatchError(description: "inotify: cannot initialise: \(String(cString: strerror(inotifytools_error())))"))
        }
        defer {
            inotifytools_cleanup()
            continuation.finish()
            finished.store(true, ordering: .releasing)
        }
        do { try watchTree(InboxPath(bytes: [])) } catch {
            return fail(error)
        }
        rootState = .watched(RootIdentity(inbox))
        started.withLock { $0?.resume(); $0 = nil }
        var lastCheck = ContinuousClock.now
        while !stopRequested.load(ordering: .relaxed) {
            heartbeat.beat()
            if let event = inotifytools_next_event(1) { handle(copy(event)) }
            // Once a second, busy or idle: a busy inbox must not hide that it is gone.
            if lastCheck.duration(to: .now) >= .seconds(1) {
                lastCheck = .now
                checkInboxIsStillThere()
            }
            if case .gone = rootState { waitForInboxToReturn() }
        }
    }

    /// `path` resolved (`realpath`), or as written (less a trailing slash) where it does not exist.
    static func resolve(_ path: String) -> String {
        Posix.realPath(path) ?? (path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path)
    }

    /// The inbox directory being watched: device and inode.
    private struct RootIdentity: Equatable {
        var device: UInt64
        var inode: UInt64

        /// The directory at `path` now; nil when there is none.
        init?(_ path: String) {
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    private enum RootState { case watched(RootIdentity?), gone }
    private nonisolated(unsafe) var rootState = RootState.gone
    // nonisolated(unsafe): read and written only on the watcher thread.

    /// The kernel reports IN_DELETE_SELF only once the last descriptor of a directory is
    /// closed, and the daemon keeps the inbox open: so, every second, the watcher also checks
    /// that the inbox path is still the directory it watches (deleted, moved away or replaced by
    /// another directory, it is gone), and that the configured path still leads there (a
    /// symlink on it re-pointed: relinked).
    private func checkInboxIsStillThere() {
        guard case .watched(let identity) = rootState else { return }
        let old = inbox
        let relinked = Self.resolve(configuredInbox) != old
        guard relinked || RootIdentity(old) != identity else { return }
        let wd = inotifytools_wd_from_filename(old + "/")
        if wd >= 0 { inotifytools_remove_watch_by_wd(wd) }
        rootState = .gone
        continuation.yield(relinked ? .inboxRelinked(from: old) : .inboxGone)
    }

    private struct CopiedEvent {
        var wd: Int32
        var mask: UInt32
        var name: [UInt8]
        var directory: [UInt8]?
    }

    /// Copies what is needed out of libinotifytools' static buffer.
    private func copy(_ event: UnsafeMutablePointer<inotify_event>) -> CopiedEvent {
        let length = Int(event.pointee.len)
        let namePointer = UnsafeRawPointer(event).advanced(by: MemoryLayout<inotify_event>.size)
        let raw = UnsafeRawBufferPointer(start: namePointer, count: length)
        let name = Array(raw.prefix(while: { $0 != 0 }))
        let directory = inotifytools_filename_from_wd(event.pointee.wd).map { Array(UnsafeRawBufferPointer(start: $0, count: strlen($0))) }
        return CopiedEvent(wd: event.pointee.wd, mask: event.pointee.mask, name: name, directory: directory)
    }

    private func handle(_ event: CopiedEvent) {
        if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
            continuation.yield(.overflow)
            return
        }
        guard let directory = event.directory, let parent = relativePath(ofWatched: directory) else { return }
        if event.mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
            if parent.bytes.isEmpty {
                rootState = .gone
                continuation.yield(.inboxGone)
            }
            // A deleted directory's watch is gone already (IN_IGNORED follows): removing it again
            // fails, and libinotifytools says so on stderr, outside the journal's format.
            if event.mask & UInt32(IN_MOVE_SELF) != 0 { inotifytools_remove_watch_by_wd(event.wd) }
            return
        }
        guard !event.name.isEmpty, !NamePolicy.isIgnored(event.name) else { return }
        let path = parent.appending(event.name)
        if event.mask & UInt32(IN_ISDIR) != 0 {
            guard event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 else { return }
            do { try watchTree(path) } catch {
                continuation.yield(.overflow)
            }
            continuation.yield(.directory(path))
        } else if event.mask & UInt32(IN_MOVED_TO) != 0 {
            continuation.yield(.movedIn(path))
        } else if event.mask & UInt32(IN_CLOSE_WRITE) != 0 || isCompleteOnCreation(path) {
            continuation.yield(.file(path))
        }
    }

    /// A bare `IN_CREATE` announces a file that will never see a close after writing: a hard
    /// link (complete at once), a symlink, a FIFO or a device node (to be rejected). A file
    /// created empty for writing waits for its `IN_CLOSE_WRITE` instead.
    private func isCompleteOnCreation(_ path: InboxPath) -> Bool {
        var info = stat()
        let absolute = InboxPath(bytes: Array(inbox.utf8) + [UInt8(ascii: "/")] + path.bytes)
        guard absolute.withCString({ lstat($0, &info) }) == 0 else { return false }
        return info.st_mode & S_IFMT != S_IFREG || info.st_nlink > 1
    }

    /// Adds a watch on `top` and every directory below it (symlinks are never followed).
    private func watchTree(_ top: InboxPath) throws {
        let root = top.bytes.isEmpty ? Array(inbox.utf8) : Array(inbox.utf8) + [UInt8(ascii: "/")] + top.bytes
        let fd = InboxPath(bytes: root).withCString { open($0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
        guard fd >= 0 else {
            if top.bytes.isEmpty { throw WatchError(description: "inotify: cannot open the inbox \(inbox): \(String(cString: strerror(errno)))") }
            return
        }
        defer { close(fd) }
        for directory in InboxScanner(inboxFD: fd).scan().directories {
            let absolute = InboxPath(bytes: directory.bytes.isEmpty ? root : root + [UInt8(ascii: "/")] + directory.bytes)
            // libinotifytools keeps directories with a trailing slash.
            if InboxPath(bytes: absolute.bytes + [UInt8(ascii: "/")]).withCString({ inotifytools_watch_file($0, Self.fileEvents) }) == 0 {
                let code = inotifytools_error()
                if code == ENOSPC {
                    throw WatchError(description: """
                        inotify: the limit on watches is reached (fs.inotify.max_user_watches) while watching \(absolute). \
                        Raise it: sysctl -w fs.inotify.max_user_watches=524288 \
                        (and make it permanent in /etc/sysctl.d/90-depeche.conf)
                        """)
                }
                if code != ENOENT && code != ENOTDIR {
                    throw WatchError(description: "inotify: cannot watch \(absolute): \(String(cString: strerror(code)))")
                }
            }
        }
    }

    /// `inbox/site/` → `site`; nil for a directory outside the inbox.
    private func relativePath(ofWatched directory: [UInt8]) -> InboxPath? {
        var path = directory
        if path.last == UInt8(ascii: "/") { path.removeLast() }
        let root = Array(inbox.utf8)
        if path == root { return InboxPath(bytes: []) }
        guard path.starts(with: root + [UInt8(ascii: "/")]) else { return nil }
        return InboxPath(bytes: Array(path.dropFirst(root.count + 1)))
    }

    /// Polls every second until the configured inbox leads to a directory again, then watches it
    /// anew.
    private func waitForInboxToReturn() {
        while !stopRequested.load(ordering: .relaxed) {
            heartbeat.beat()
            var info = stat()
            let target = Self.resolve(configuredInbox)
            watched.withLock { $0 = target }
            if lstat(target, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, (try? watchTree(InboxPath(bytes: []))) != nil {
                rootState = .watched(RootIdentity(inbox))
                continuation.yield(.inboxBack)
                return
            }
            sleep(1)
        }
    }

    private func fail(_ error: any Error) {
        continuation.finish()
        started.withLock { $0?.resume(throwing: error); $0 = nil }
    }
}
