import Crypto

/// A document's identity: `sha256:<hex>` of its bytes.
public enum ContentHash {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// What every id starts with.
    static let idPrefix = "sha256:"

    /// The value of `byte` read as a lower-case hex digit; 0xFF for any other byte. (A switch,
    /// not a table: a global table is a lazy global, checked at each of a digest's 64 reads.)
    @inline(__always)
    static func hexDigitValue(_ byte: UInt8) -> UInt8 {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x61...0x66: byte - 0x61 + 10
        default: 0xFF
        }
    }

    /// `sha256:` followed by 64 lower-case hex digits.
    public static func id(of bytes: [UInt8]) -> String {
        idPrefix + hex(SHA256.hash(data: bytes))
    }

    /// Lower-case hex of a digest, through a lookup table (`String(format:)` costs 10× the hash).
    public static func hex(_ digest: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The 64 hex digits of an id, without the `sha256:` prefix.
    public static func hexDigits(of id: String) -> Substring {
        id.hasPrefix(idPrefix) ? id.dropFirst(idPrefix.count) : Substring(id)
    }
}
