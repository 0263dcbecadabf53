#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds a run of bytes in others: `memchr` to the needle's least common byte in text (a space
/// or an `e` would stop it at every word), `memcmp` for the whole needle.
///
/// The standard library's `firstRange(of:)` instantiates generic metadata on every call: run on
/// each line of each page it took 47 % of the daemon's CPU in a burst. This allocates nothing.
/// (`memmem` would do, but Glibc's module map does not export that GNU extension to Swift.)
public enum ByteSearch {
    /// The offset of the first occurrence of `needle` in `bytes`, or nil.
    public static func firstOffset(of needle: BytePattern, in bytes: UnsafeRawBufferPointer) -> Int? {
        guard !needle.bytes.isEmpty, let base = bytes.baseAddress, bytes.count >= needle.bytes.count else { return nil }
        return needle.bytes.withUnsafeBytes { pattern in
            guard let first = pattern.baseAddress else { return nil }
            let anchor = needle.anchor
            var start = 0
            let lastStart = bytes.count - pattern.count
            while start <= lastStart, let hit = memchr(base + start + anchor, Int32(pattern[anchor]), lastStart - start + 1) {
                let offset = Int(bitPattern: hit) - Int(bitPattern: base) - anchor
                if memcmp(base + offset, first, pattern.count) == 0 { return offset }
                start = offset + 1
            }
            return nil
        }
    }

    /// Whether `bytes` hold `needle`.
    public static func contains(_ needle: BytePattern, in bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { firstOffset(of: needle, in: $0) != nil }
    }

    /// Whether the UTF-8 of `text` holds `needle`.
    public static func contains(_ needle: BytePattern, in text: Substring) -> Bool {
        var text = text
        return text.withUTF8 { firstOffset(of: needle, in: UnsafeRawBufferPointer($0)) != nil }
    }

    /// Whether the UTF-8 of `text` holds one of `needles`: its bytes lent once for them all.
    public static func containsAny(_ needles: [BytePattern], in text: Substring) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            needles.indices.contains { firstOffset(of: needles[$0], in: UnsafeRawBufferPointer(utf8)) != nil }
        }
    }
}

/// A run of bytes `ByteSearch` looks for, and where in it its least common byte stands (the
/// one `memchr` looks for): found once, not at every search (on each short line of every page
/// that choice cost more than the search).
public struct BytePattern: Sendable {
    /// The bytes.
    public let bytes: [UInt8]
    /// The index of the byte least common in pages' text.
    let anchor: Int

    /// The pattern of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        anchor = bytes.indices.min { Self.commonness(bytes[$0]) < Self.commonness(bytes[$1]) } ?? 0
    }

    /// The pattern of `text`'s UTF-8.
    public init(_ text: String) { self.init(Array(text.utf8)) }

    /// How often a byte comes in the pages' text, roughly: white space and the leads of Arabic
    /// letters most; then the commonest Latin letters, and the two bytes of French accented
    /// letters (é is C3 A9, à C3 A0, ç C3 A7: lead 0xC3, second bytes 0xA0–0xBF); other letters
    /// and the other continuation bytes (those of Arabic letters, of ’ and —); then the rest.
    private static func commonness(_ byte: UInt8) -> Int {
        switch byte {
        case 0x20, 0xD8, 0xD9: 3
        case UInt8(ascii: "e"), UInt8(ascii: "a"), UInt8(ascii: "s"), UInt8(ascii: "i"), UInt8(ascii: "t"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "o"),
            0xC3, 0xA0...0xBF:
            2
        case UInt8(ascii: "a")...UInt8(ascii: "z"), 0x80...0x9F: 1
        default: 0
        }
    }
}
