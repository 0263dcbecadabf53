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
    public static func firstOffset(of needle: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int? {
        guard !needle.isEmpty, let base = bytes.baseAddress, bytes.count >= needle.count else { return nil }
        return needle.withUnsafeBytes { pattern in
            guard let first = pattern.baseAddress else { return nil }
            let anchor = pattern.indices.min { commonness(pattern[$0]) < commonness(pattern[$1]) } ?? 0
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

    /// Whether `bytes` hold `needle`.
    public static func contains(_ needle: [UInt8], in bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { firstOffset(of: needle, in: $0) != nil }
    }

    /// Whether the UTF-8 of `text` holds `needle`.
    public static func contains(_ needle: [UInt8], in text: Substring) -> Bool {
        var text = text
        return text.withUTF8 { firstOffset(of: needle, in: UnsafeRawBufferPointer($0)) != nil }
    }
}
