import Crypto

/// A SHA-256 folded to 128 bits (its two halves XORed), as the dedup index keys documents
/// by: a content id (`sha256:<hex>`) or an article hash (`<hex>`) read from its hex digits,
/// any other string hashed first. Two of a billion documents share a key with probability
/// about 10⁻²¹.
struct Digest128: Hashable, Sendable {
    var high: UInt64
    var low: UInt64

    private static let idPrefix = Array(ContentHash.idPrefix.utf8)

    /// The digest whose halves these are.
    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The key of an id or article hash.
    init(_ text: String) {
        var text = text
        self = text.withUTF8 { Self(utf8: $0) }
    }

    /// The key of an id or article hash given as UTF-8 bytes.
    init(utf8 bytes: some Collection<UInt8>) {
        let digits = bytes.starts(with: Self.idPrefix) ? bytes.dropFirst(Self.idPrefix.count) : bytes[...]
        if digits.count == 64, let digest = Self(hexDigits: digits) {
            self = digest
            return
        }
        let hashed = Array(SHA256.hash(data: Array(bytes)))
        let word = { (start: Int) in hashed[start..<start + 8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        high = word(0) ^ word(16)
        low = word(8) ^ word(24)
    }

    /// The digest of 32 or 64 lower-case hex digits (64 are folded); nil for anything else.
    init?(hexDigits digits: some Collection<UInt8>) {
        guard digits.count == 32 || digits.count == 64 else { return nil }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var index = 0
        for byte in digits {
            let value = ContentHash.hexDigitValue(byte)
            guard value != 0xFF else { return nil }
            switch index / 16 {
            case 0: words.0 = words.0 << 4 | UInt64(value)
            case 1: words.1 = words.1 << 4 | UInt64(value)
            case 2: words.2 = words.2 << 4 | UInt64(value)
            default: words.3 = words.3 << 4 | UInt64(value)
            }
            index += 1
        }
        high = words.0 ^ words.2
        low = words.1 ^ words.3
    }
}
