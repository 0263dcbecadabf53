import Crypto
import Glibc

/// The near-duplicate index on disk: a snapshot the daemon loads at start, then brings up
/// to date by replaying the events logged after `checkpoint`.
///
/// Format (integers little-endian):
///
///     "DPCHSIMH"            8 bytes, magic
///     version     UInt32    1
///     reserved    UInt32    0
///     seq         Int64     the last event-log `seq` the snapshot covers
///     count       UInt64    entries that follow, in insertion order
///     count × { simhash UInt64, sketch 16 bytes, id length UInt32, id UTF-8 }
///     SHA-256 of all the bytes above, 32 bytes
///
/// About 100 bytes an article with depeche's ids (`sha256:…`, 71 bytes): 100 MB for a
/// million. Lookup tables are rebuilt on load.
extension NearDuplicateIndex {
    static let fileMagic = Array("DPCHSIMH".utf8)
    static let fileVersion: UInt32 = 1

    /// Writes the index to `path` atomically and durably (`AtomicFileWriter`: temporary
    /// file, fsync, rename, fsync of the directory), a chunk at a time. A crash leaves either
    /// the old snapshot or the new one, never a torn file.
    public func save(to path: String) throws(NearDuplicateIndexFileError) {
        do {
            let file = try AtomicFileWriter(path: path)
            var checksum = SHA256()
            var bytes = Self.fileMagic
            func emit() throws {
                checksum.update(data: bytes)
                try file.write(bytes)
                bytes.removeAll(keepingCapacity: true)
            }
            append(Self.fileVersion, to: &bytes)
            append(UInt32(0), to: &bytes)
            append(Int64(seq), to: &bytes)
            append(UInt64(count), to: &bytes)
            for (position, simhash) in simhashesInOrder.enumerated() {
                let id = ids[position]
                let sketch = sketch(at: position).halves
                append(simhash, to: &bytes)
                append(sketch.low, to: &bytes)
                append(sketch.high, to: &bytes)
                append(UInt32(id.utf8.count), to: &bytes)
                bytes.append(contentsOf: id.utf8)
                if bytes.count >= AtomicFileWriter.chunkSize { try emit() }
            }
            try emit()
            try file.write(Array(checksum.finalize()))
            try file.commit()
        } catch {
            throw NearDuplicateIndexFileError(code: .unwritable, path: path, underlying: error)
        }
    }

    /// Reads an index saved by `save(to:)`, with lookups at most `maxDistance` bits apart.
    /// Throws `.notFound` when there is no file at `path` (a first start), and another code
    /// when the file cannot be read or is not an intact index of this version.
    public static func load(from path: String, maxDistance: Int = NearDuplicatePolicy.defaultMaxDistance)
        throws(NearDuplicateIndexFileError)
        -> NearDuplicateIndex
    {
        let bytes: [UInt8]
        do {
            bytes = try Posix.readFile(path)
        } catch {
            throw NearDuplicateIndexFileError(
                code: error.errno == ENOENT ? .notFound : .unreadable, path: path, underlying: error)
        }
        var reader = ByteReader(bytes: bytes, path: path)
        guard reader.bytes.starts(with: fileMagic) else { throw reader.error(.notAnIndex) }
        reader.offset = fileMagic.count
        let version: UInt32 = try reader.read()
        guard version == fileVersion else { throw reader.error(.unsupportedVersion) }
        guard reader.bytes.count >= 32,
            Array(SHA256.hash(data: reader.bytes.dropLast(32))) == Array(reader.bytes.suffix(32))
        else { throw reader.error(.corrupt) }
        reader.end = reader.bytes.count - 32
        let _: UInt32 = try reader.read()
        var index = NearDuplicateIndex(maxDistance: maxDistance)
        index.seq = Int(try reader.read() as Int64)
        let count: UInt64 = try reader.read()
        for _ in 0..<count {
            let simhash: UInt64 = try reader.read()
            let sketch = MinHashSketch(low: try reader.read(), high: try reader.read())
            let length: UInt32 = try reader.read()
            index.append(simhash: simhash, sketch: sketch, id: try reader.string(length: Int(length)))
        }
        index.fileThePending()
        guard reader.offset == reader.end else { throw reader.error(.corrupt) }
        return index
    }

    private func append<Integer: FixedWidthInteger>(_ value: Integer, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

/// Why a near-duplicate index file could not be saved or loaded.
public struct NearDuplicateIndexFileError: Error, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable {
        /// There is no file: start with an empty index and replay the whole event log.
        case notFound
        /// The file exists but cannot be read.
        case unreadable
        /// The file is not a depeche near-duplicate index.
        case notAnIndex
        /// The file was written by another version of depeche: rebuild it from the event log.
        case unsupportedVersion
        /// The file is damaged (checksum or length wrong): rebuild it from the event log.
        case corrupt
        /// The snapshot could not be written (see `underlying`): the previous one is intact.
        case unwritable
    }

    /// What went wrong.
    public var code: Code
    /// The index file.
    public var path: String
    /// The system error behind it, if any.
    public var underlying: (any Error)?

    /// What happened and what to do.
    public var description: String {
        let cause = underlying.map { ": \($0)" } ?? ""
        switch code {
        case .notFound: return "no near-duplicate index at \(path)"
        case .unreadable: return "cannot read the near-duplicate index \(path)\(cause)"
        case .notAnIndex: return "\(path) is not a near-duplicate index; move it away"
        case .unsupportedVersion: return "\(path) was written by another depeche version; rebuild it from the event log"
        case .corrupt: return "the near-duplicate index \(path) is damaged; rebuild it from the event log"
        case .unwritable: return "cannot save the near-duplicate index \(path)\(cause)"
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
