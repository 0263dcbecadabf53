import Foundation

/// Files whose event is in the log but which are still in the inbox: files being disposed
/// of, files a crash caught between the event and the move, and (`dispose.mode: keep`)
/// files left in place. A file found again with the same path and identity is disposed of
/// (or skipped) without a second event.
public struct DispositionLedger: Sendable {
    /// One logged file.
    public struct Entry: Sendable, Equatable {
        /// The file's identity when it was read.
        public var identity: FileIdentity
        /// The event that reported it.
        public var seq: Int
        /// The event's content id (nil for a file that could not be read).
        public var id: String?
        /// Whether it was rejected (it goes to the quarantine, not the archive).
        public var rejected: Bool
    }

    private(set) var entries: [InboxPath: Entry] = [:]

    /// Creates an empty ledger.
    public init() {}

    /// How many files are recorded.
    public var count: Int { entries.count }

    /// The entry for `path` if its identity is still `identity`.
    public func entry(for path: InboxPath, identity: FileIdentity) -> Entry? {
        guard let entry = entries[path], entry.identity == identity else { return nil }
        return entry
    }

    /// Records a logged file.
    public mutating func record(_ path: InboxPath, _ entry: Entry) { entries[path] = entry }

    /// Forgets a file (it left the inbox).
    public mutating func remove(_ path: InboxPath) { entries[path] = nil }

    /// Forgets every file not in `present` (after a full scan); returns the paths forgotten.
    @discardableResult
    public mutating func keepOnly(_ present: Set<InboxPath>) -> [InboxPath] {
        let gone = entries.keys.filter { !present.contains($0) }
        for path in gone { entries[path] = nil }
        return gone
    }
}

extension DispositionLedger.Entry {
    /// The file a logged event reports and its entry (nil for an event without a file identity).
    static func logged(by event: LoggedEvent) -> (InboxPath, DispositionLedger.Entry)? {
        guard let seq = event.seq, let file = event.fields["file"] as? [String: Any],
            let inode = file["ino"] as? Int, let mtime = file["mtime_ns"] as? Int, let size = event.fields["size"] as? Int
        else { return nil }
        let path: InboxPath
        if let encoded = event.string("path_b64"), let data = Data(base64Encoded: encoded) {
            path = InboxPath(bytes: Array(data))
        } else if let text = event.string("path") {
            path = InboxPath(text)
        } else {
            return nil
        }
        let identity = FileIdentity(inode: UInt64(truncatingIfNeeded: inode), size: size, mtimeNanoseconds: Int64(mtime))
        return (path, .init(identity: identity, seq: seq, id: event.string("id"), rejected: event.type == "document.rejected"))
    }
}
