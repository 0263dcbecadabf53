#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds a run of bytes in others: `memchr` to the needle's first byte, `memcmp` for the rest.
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
            var start = 0
            let lastStart = bytes.count - pattern.count
            while start <= lastStart, let hit = memchr(base + start, Int32(pattern[0]), lastStart - start + 1) {
                let offset = Int(bitPattern: hit) - Int(bitPattern: base)
                if memcmp(hit, first, pattern.count) == 0 { return offset }
                start = offset + 1
            }
            return nil
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
