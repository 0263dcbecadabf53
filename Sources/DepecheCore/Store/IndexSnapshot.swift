import Foundation

/// The exact-duplicate index and the disposition ledger of a depeche from before the state
/// store (`state/index.snapshot`), as of one `seq`, as ``StateMigration`` reads it once, at the
/// first start with the store. Nothing writes this format any more.
///
/// Format (text, one record a line): `depeche-index 2 <seq>`; `d <id> <seq> c|-` for each
/// document of the index, in order (`c`: the first document with its content); `t <hex>
/// <ordinal>` for each normalised article: its 128-bit key and the position of its first
/// document among the `d` lines; `l <seq> <inode> <size> <mtime-ns> <id or -> <r|d> <base64
/// path>` for each ledger entry (`r`: rejected, `d`: a document). A snapshot of another version
/// is refused.
public struct IndexSnapshot: Sendable {
    /// The last `seq` the snapshot covers.
    public var seq: Int
    /// The first document of each content.
    var firstOfContent: [FirstSeen] = []
    /// The first document of each normalised article, with the article's key.
    var firstOfArticle: [(key: Digest128, document: FirstSeen)] = []
    /// Files logged but still in the inbox.
    public var ledger = DispositionLedger()

    /// Reads a snapshot; nil when there is none. A damaged snapshot throws.
    public static func read(from path: String) throws -> IndexSnapshot? {
        guard access(path, F_OK) == 0 else { return nil }
        let bytes = try Posix.readFile(path)
        let lines = bytes.split(separator: UInt8(ascii: "\n"))
        guard let header = lines.first.map({ String(decoding: $0, as: UTF8.self).split(separator: " ") }),
            header.count == 3, header[0] == "depeche-index", header[1] == "2", let seq = Int(header[2])
        else { throw SnapshotError(path: path, problem: "unknown header") }
        var snapshot = IndexSnapshot(seq: seq)
        var documents: [FirstSeen] = []
        for line in lines.dropFirst() {
            if line.first != UInt8(ascii: "l") {
                guard snapshot.readIndexRecord(line.split(separator: UInt8(ascii: " ")), documents: &documents) else {
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

    /// Reads one `d` or `t` line's fields into the snapshot (`documents`: the `d` lines so
    /// far); false when they are not such a record.
    private mutating func readIndexRecord(_ fields: [ArraySlice<UInt8>], documents: inout [FirstSeen]) -> Bool {
        switch (fields.first?.first, fields.count) {
        case (UInt8(ascii: "d"), 4):
            guard fields[0].count == 1, let seq = Int(decimal: fields[2]),
                fields[3].elementsEqual("c".utf8) || fields[3].elementsEqual("-".utf8)
            else { return false }
            let document = FirstSeen(id: String(decoding: fields[1], as: UTF8.self), seq: seq)
            documents.append(document)
            if fields[3].first == UInt8(ascii: "c") { firstOfContent.append(document) }
            return true
        case (UInt8(ascii: "t"), 3):
            guard fields[0].count == 1, fields[1].count == 32, let key = Digest128(hexDigits: fields[1]),
                let ordinal = Int(decimal: fields[2]), ordinal < documents.count
            else { return false }
            firstOfArticle.append((key, documents[ordinal]))
            return true
        default:
            return false
        }
    }
}

/// A snapshot file that cannot be read back.
public struct SnapshotError: Error, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What is wrong.
    public var problem: String

    /// `path: problem`.
    public var description: String { "\(path): \(problem)" }
}
