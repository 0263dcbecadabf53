/// Document ids packed for the state store: depeche's ids (`sha256:` and 64 hex digits, 71
/// bytes as a String) take 33 bytes, any other id its UTF-8 and a tag byte.
enum DocumentIDs {
    private static let prefix = Array(ContentHash.idPrefix.utf8)
    /// Marks an id stored as UTF-8 as written.
    private static let textTag: UInt8 = 0
    /// Marks an id stored as the 32 bytes of `sha256:<hex>`.
    private static let sha256Tag: UInt8 = 1

    /// `id` packed: a tag byte, then the 32 bytes of `sha256:<hex>` or the UTF-8 of any other id.
    static func packed(_ id: String) -> [UInt8] {
        if let digest = sha256Digest(id) { return [sha256Tag] + digest }
        return [textTag] + Array(id.utf8)
    }

    /// The id that `packed(_:)` made these bytes of.
    static func unpacked(_ packed: some Collection<UInt8>) -> String {
        let stored = packed.dropFirst()
        return packed.first == sha256Tag
            ? ContentHash.idPrefix + ContentHash.hex(stored) : String(decoding: stored, as: UTF8.self)
    }

    /// The 32 bytes of an id `sha256:` + 64 lowercase hex digits; nil for any other id.
    static func sha256Digest(_ id: String) -> [UInt8]? {
        var id = id
        return id.withUTF8 { utf8 -> [UInt8]? in
            guard utf8.count == prefix.count + 64, utf8.starts(with: prefix) else { return nil }
            var digest = [UInt8](repeating: 0, count: 32)
            for byte in 0..<32 {
                let high = ContentHash.hexDigitValue(utf8[prefix.count + 2 * byte])
                let low = ContentHash.hexDigitValue(utf8[prefix.count + 2 * byte + 1])
                guard high != 0xFF, low != 0xFF else { return nil }
                digest[byte] = high << 4 | low
            }
            return digest
        }
    }
}
