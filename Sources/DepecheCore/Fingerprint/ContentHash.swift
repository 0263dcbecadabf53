import Crypto

/// A document's identity: `sha256:<hex>` of its bytes.
public enum ContentHash {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `sha256:` followed by 64 lower-case hex digits.
    public static func id(of bytes: [UInt8]) -> String {
        "sha256:" + hex(SHA256.hash(data: bytes))
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
        id.hasPrefix("sha256:") ? id.dropFirst(7) : Substring(id)
    }
}
