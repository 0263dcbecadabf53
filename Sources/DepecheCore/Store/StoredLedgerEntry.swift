/// A disposition-ledger entry as the store keeps it: inode, size, mtime (ns), `seq` (8 bytes
/// each, big-endian), a flags byte (1: rejected, 2: has an id), the id's length (1 byte) and
/// packed id, then the inbox path's bytes.
enum StoredLedgerEntry {
    static func encode(_ path: InboxPath, _ entry: DispositionLedger.Entry) -> [UInt8] {
        let identity = entry.identity
        let id = entry.id.map(DocumentIDs.packed) ?? []
        let flags: UInt8 = (entry.rejected ? 1 : 0) | (entry.id == nil ? 0 : 2)
        return bytes(identity.inode, count: 8) + bytes(UInt64(bitPattern: Int64(identity.size)), count: 8)
            + bytes(UInt64(bitPattern: identity.mtimeNanoseconds), count: 8) + bytes(UInt64(entry.seq), count: 8)
            + [flags, UInt8(id.count)] + id + path.bytes
    }

    static func decode(_ value: UnsafeRawBufferPointer, store: String) throws -> (InboxPath, DispositionLedger.Entry) {
        guard value.count >= 34, value.count >= 34 + Int(value[33]) else {
            throw StoreCorruption(directory: store, problem: "a ledger entry of \(value.count) bytes is too short")
        }
        let word = { (index: Int) in bigEndian(value[8 * index..<8 * index + 8]) }
        let flags = value[32]
        let idEnd = 34 + Int(value[33])
        let identity = FileIdentity(
            inode: word(0), size: Int(Int64(bitPattern: word(1))), mtimeNanoseconds: Int64(bitPattern: word(2)))
        let entry = DispositionLedger.Entry(
            identity: identity, seq: Int(word(3)), id: flags & 2 != 0 ? DocumentIDs.unpacked(value[34..<idEnd]) : nil,
            rejected: flags & 1 != 0)
        return (InboxPath(bytes: Array(value[idEnd...])), entry)
    }
}

/// The store holds something it cannot have written.
public struct StoreCorruption: Error, CustomStringConvertible {
    /// The store's directory.
    public var directory: String
    /// What is wrong.
    public var problem: String

    public var description: String { "\(directory): \(problem)" }
}

/// A store of an earlier format opened read-only (`depeche check`: the daemon converts or
/// rebuilds it at its next start), or one of a later format, which this depeche cannot read.
public struct StoreFormatError: Error, CustomStringConvertible {
    /// The store's directory.
    public var directory: String
    /// The format found.
    public var format: UInt8

    public var description: String {
        guard format < StateStore.format else {
            return "\(directory): the state store has format \(format), written by a later depeche (this one reads formats up to "
                + "\(StateStore.format)); run that depeche, or move the state directory aside to start a new one"
        }
        return "\(directory): the state store has format \(format) (this depeche writes format \(StateStore.format)); "
            + "start the daemon once to bring it to format \(StateStore.format)"
    }
}
