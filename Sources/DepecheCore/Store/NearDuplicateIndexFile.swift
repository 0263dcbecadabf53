import Crypto
import Glibc

/// The near-duplicate index of a depeche from before the state store (`state/near.index`), as
/// ``StateMigration`` reads it once, at the first start with the store: what each entry held
/// and the `seq` the file covered. Nothing writes this format any more.
///
/// Format (integers little-endian):
///
///     "DPCHSIMH"            8 bytes, magic
///     version     UInt32    1
///     reserved    UInt32    0
///     seq         Int64     the last event-log `seq` the file covers
///     count       UInt64    entries that follow, in insertion order
///     count × { simhash UInt64, sketch 16 bytes, id length UInt32, id UTF-8 }
///     SHA-256 of all the bytes above, 32 bytes
struct NearDuplicateIndexFile {
    /// One indexed article.
    struct Entry: Equatable {
        /// Its SimHash.
        var simhash: UInt64
        /// Its MinHash sketch.
        var sketch: MinHashSketch
        /// Its content id.
        var id: String
    }

    static let magic = Array("DPCHSIMH".utf8)
    static let version: UInt32 = 1

    /// The last event-log `seq` the file covers.
    var seq: Int
    /// The entries, in the order they were indexed.
    var entries: [Entry]

    /// Reads the file at `path`. Throws `.notFound` when there is none, and another code when
    /// it cannot be read or is not an intact index of this version.
    static func read(from path: String) throws(NearDuplicateIndexFileError) -> NearDuplicateIndexFile {
        let bytes: [UInt8]
        do {
            bytes = try Posix.readFile(path)
        } catch {
            throw NearDuplicateIndexFileError(
                code: error.errno == ENOENT ? .notFound : .unreadable, path: path, underlying: error)
        }
        var reader = ByteReader(bytes: bytes, path: path)
        guard reader.bytes.starts(with: magic) else { throw reader.error(.notAnIndex) }
        reader.offset = magic.count
        let version: UInt32 = try reader.read()
        guard version == Self.version else { throw reader.error(.unsupportedVersion) }
        guard reader.bytes.count >= 32,
            Array(SHA256.hash(data: reader.bytes.dropLast(32))) == Array(reader.bytes.suffix(32))
        else { throw reader.error(.corrupt) }
        reader.end = reader.bytes.count - 32
        let _: UInt32 = try reader.read()
        var file = NearDuplicateIndexFile(seq: Int(try reader.read() as Int64), entries: [])
        let count: UInt64 = try reader.read()
        file.entries.reserveCapacity(Int(min(count, UInt64(reader.end / 28))))   // 28: an entry with an empty id
        for _ in 0..<count {
            let simhash: UInt64 = try reader.read()
            let sketch = MinHashSketch(low: try reader.read(), high: try reader.read())
            let length: UInt32 = try reader.read()
            file.entries.append(Entry(simhash: simhash, sketch: sketch, id: try reader.string(length: Int(length))))
        }
        guard reader.offset == reader.end else { throw reader.error(.corrupt) }
        return file
    }
}

/// Why a near-duplicate index file could not be read.
struct NearDuplicateIndexFileError: Error, CustomStringConvertible {
    /// What went wrong.
    enum Code: Sendable {
        /// There is no file.
        case notFound
        /// The file exists but cannot be read.
        case unreadable
        /// The file is not a depeche near-duplicate index.
        case notAnIndex
        /// The file was written by another version of depeche.
        case unsupportedVersion
        /// The file is damaged (checksum or length wrong).
        case corrupt
    }

    /// What went wrong.
    var code: Code
    /// The index file.
    var path: String
    /// The system error behind it, if any.
    var underlying: (any Error)?

    /// What happened and what to do.
    var description: String {
        let cause = underlying.map { ": \($0)" } ?? ""
        switch code {
        case .notFound: return "no near-duplicate index at \(path)"
        case .unreadable: return "cannot read the near-duplicate index \(path)\(cause)"
        case .notAnIndex: return "\(path) is not a near-duplicate index"
        case .unsupportedVersion: return "\(path) was written by another depeche version"
        case .corrupt: return "the near-duplicate index \(path) is damaged"
        }
    }
}

/// Reads little-endian integers and strings from a loaded index file.
private struct ByteReader {
    let bytes: [UInt8]
    let path: String
    var offset = 0
    lazy var end = bytes.count

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    func error(_ code: NearDuplicateIndexFileError.Code) -> NearDuplicateIndexFileError {
        NearDuplicateIndexFileError(code: code, path: path)
    }

    mutating func read<Integer: FixedWidthInteger>() throws(NearDuplicateIndexFileError) -> Integer {
        let size = MemoryLayout<Integer>.size
        guard offset + size <= end else { throw error(.corrupt) }
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: Integer.self) }
        offset += size
        return Integer(littleEndian: value)
    }

    mutating func string(length: Int) throws(NearDuplicateIndexFileError) -> String {
        guard length <= end - offset else { throw error(.corrupt) }
        defer { offset += length }
        return String(decoding: bytes[offset..<offset + length], as: UTF8.self)
    }
}
