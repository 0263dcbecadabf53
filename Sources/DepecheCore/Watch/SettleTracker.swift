import CLinuxFiles
// `stat`'s members: a compile job that loads Foundation first attributes glibc's `struct stat`
// to CDispatch (Swift 6.3.1, MemberImportVisibility), which Dispatch re-exports.
import Dispatch
import Glibc

/// Holds candidates until they are complete: a file is ready once its size and mtime have
/// not changed for the settle time after its last close or move (a writer that appends
/// again, like `echo >` then `echo >>`, resets the clock), and no process has it open for
/// writing. The identity seen at the event is compared with the one seen when the settle time
/// is over; then the kernel is asked about writers (a file found by a scan, not by its close,
/// may be a download stalled mid-way: taken then, its writer would go on writing into the
/// archived file).
public struct SettleTracker: Sendable {
    private struct Pending {
        var identity: FileIdentity?
        var since: ContinuousClock.Instant
    }

    /// How long a file must stay unchanged.
    public let settle: Duration
    private var pending: [InboxPath: Pending] = [:]

    /// Creates a tracker.
    public init(settle: Duration) { self.settle = settle }

    /// How many files are waiting to settle.
    public var count: Int { pending.count }

    /// Whether `path` is waiting.
    public func contains(_ path: InboxPath) -> Bool { pending[path] != nil }

    /// Notes activity on `path`, seen as `identity` (nil if unknown): its clock starts again.
    public mutating func touch(_ path: InboxPath, identity: FileIdentity? = nil, at now: ContinuousClock.Instant = .now) {
        pending[path] = Pending(identity: identity, since: now)
    }

    /// Stops waiting for `path` (it was taken by other means).
    public mutating func remove(_ path: InboxPath) { pending[path] = nil }

    /// Removes and returns the files that have settled; `identify` stats a path (nil: gone),
    /// `isBeingWritten` says whether a process has it open for writing (a file that has one
    /// waits another settle time).
    public mutating func takeSettled(
        at now: ContinuousClock.Instant = .now, identify: (InboxPath) -> FileIdentity??,
        isBeingWritten: (InboxPath) -> Bool = { _ in false }
    ) -> [InboxPath] {
        var ready: [InboxPath] = []
        for (path, entry) in pending where now - entry.since >= settle {
            switch identify(path) {
            case .none:
                pending[path] = nil
            case .some(.some(let current)) where current == entry.identity && isBeingWritten(path):
                pending[path] = Pending(identity: current, since: now)
            case .some(.none), .some(entry.identity):
                pending[path] = nil
                ready.append(path)
            case .some(let current):
                pending[path] = Pending(identity: current, since: now)
            }
        }
        return ready.sorted()
    }

    /// Whether a process has `path` (beneath `inboxFD`) open for writing; false when the kernel
    /// will not say (a file of another owner without `CAP_LEASE`, a file system without leases),
    /// or when it cannot be opened (it is then examined as it is by the reader).
    public static func isBeingWritten(_ path: InboxPath, inboxFD: Int32) -> Bool {
        let fd = path.withCString { depeche_open_beneath(inboxFD, $0, O_RDONLY | O_NONBLOCK, 0) }
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return depeche_is_open_for_writing(fd) == 1
    }

    /// The identity of `path` beneath `inboxFD` without following links: nil when it is gone,
    /// `.some(nil)` when it exists but is not a plain file (it is handed on to be rejected).
    public static func identify(_ path: InboxPath, inboxFD: Int32) -> FileIdentity?? {
        let fd = path.withCString { depeche_open_path_beneath(inboxFD, $0) }
        guard fd >= 0 else { return errno == ENOENT || errno == ENOTDIR ? nil : .some(nil) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        return .some(FileIdentity(info))
    }
}
