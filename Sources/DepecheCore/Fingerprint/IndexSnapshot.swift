import Foundation

/// The dedup index and the disposition ledger as of one `seq`, on disk, so that start-up
/// reads a snapshot and replays only the events after it instead of the whole log.
///
/// Format (text, one record a line): `depeche-index 2 <seq>`, then the index's records
/// (`DedupIndex.snapshotLines`), and `l <seq> <inode> <size> <mtime-ns> <id or -> <r|d>
/// <base64 path>` for each ledger entry (`r`: rejected, `d`: a document). A snapshot of
/// another version is refused: start-up then replays the whole log.
public struct IndexSnapshot: Sendable {
    /// The last `seq` the snapshot covers.
    public var seq: Int
    /// The exact-duplicate index.
    public var index: DedupIndex
    /// Files logged but still in the inbox.
    public var ledger: DispositionLedger

    /// Creates a snapshot.
    public init(seq: Int, index: DedupIndex, ledger: DispositionLedger) {
        self.seq = seq
        self.index = index
        self.ledger = ledger
    }

    /// Writes it atomically (temp, fsync, rename, fsync the directory), a chunk at a time.
    public func write(to path: String) throws {
        let file = try AtomicFileWriter(path: path)
        try file.write("depeche-index 2 \(seq)\n".utf8)
        try index.snapshotLines { try file.write($0.utf8) }
        for (path, entry) in ledger.entries {
            let identity = entry.identity
            try file.write("l \(entry.seq) \(identity.inode) \(identity.size) \(identity.mtimeNanoseconds) \(entry.id ?? "-") \(entry.rejected ? "r" : "d") \(path.base64)\n".utf8)
        }
        try file.commit()
    }

    /// Reads a snapshot; nil when there is none. A damaged snapshot throws (the caller then
    /// rebuilds from the whole log).
    public static func read(from path: String) throws -> IndexSnapshot? {
        guard access(path, F_OK) == 0 else { return nil }
        let bytes = try Posix.readFile(path)
        let lines = bytes.split(separator: UInt8(ascii: "\n"))
        guard let header = lines.first.map({ String(decoding: $0, as: UTF8.self).split(separator: " ") }),
            header.count == 3, header[0] == "depeche-index", header[1] == "2", let seq = Int(header[2])
        else { throw SnapshotError(path: path, problem: "unknown header") }
        var snapshot = IndexSnapshot(seq: seq, index: DedupIndex(), ledger: DispositionLedger())
        for line in lines.dropFirst() {
            if line.first != UInt8(ascii: "l") {
                guard snapshot.index.readSnapshotRecord(line.split(separator: UInt8(ascii: " "))) else {
                    throw SnapshotError(path: path, problem: "bad index record")
                }
                continue
            }
            let fields = String(decoding: line, as: UTF8.self).split(separator: " ")
            guard fields.count == 8, fields[0] == "l", let seq = Int(fields[1]), let inode = UInt64(fields[2]),
                let size = Int(fields[3]), let mtime = Int64(fields[4]), let data = Data(base64Encoded: String(fields[7]))
            else { throw SnapshotError(path: path, problem: "bad ledger record") }
            let entry = DispositionLedger.Entry(
                identity: FileIdentity(inode: inode, size: size, mtimeNanoseconds: mtime), seq: seq,
                id: fields[5] == "-" ? nil : String(fields[5]), rejected: fields[6] == "r")
            snapshot.ledger.record(InboxPath(bytes: Array(data)), entry)
        }
        return snapshot
    }
}

/// A snapshot file that cannot be read back.
public struct SnapshotError: Error, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What is wrong.
    public var problem: String

    public var description: String { "\(path): \(problem)" }
}
