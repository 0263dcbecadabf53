import Glibc

/// A wall-clock instant, written as RFC 3339 UTC with milliseconds (`2026-11-23T23:49:59.123Z`).
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Nanoseconds since the Unix epoch.
    public var nanoseconds: Int64

    /// Creates a timestamp.
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The current time.
    public static func now() -> Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Timestamp(nanoseconds: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }

    /// RFC 3339, UTC, milliseconds.
    public var rfc3339: String {
        var seconds = time_t(nanoseconds / 1_000_000_000)
        let millis = Int((nanoseconds % 1_000_000_000) / 1_000_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        // Written as bytes: every event has two of these, and seven interpolated padded parts
        // cost several strings each.
        var text = [UInt8]()
        text.reserveCapacity(24)
        Self.append(parts.tm_year + 1900, width: 4, then: "-", to: &text)
        Self.append(parts.tm_mon + 1, width: 2, then: "-", to: &text)
        Self.append(parts.tm_mday, width: 2, then: "T", to: &text)
        Self.append(parts.tm_hour, width: 2, then: ":", to: &text)
        Self.append(parts.tm_min, width: 2, then: ":", to: &text)
        Self.append(parts.tm_sec, width: 2, then: ".", to: &text)
        Self.append(Int32(millis), width: 3, then: "Z", to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends `value` zero-padded to `width` digits, then `separator`.
    private static func append(_ value: Int32, width: Int, then separator: Unicode.Scalar, to text: inout [UInt8]) {
        let digits = String(value).utf8
        text.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, width - digits.count)))
        text.append(contentsOf: digits)
        text.append(UInt8(ascii: separator))
    }

    /// Parses what ``rfc3339`` writes (`2026-11-23T23:49:59.123Z`); nil for anything else.
    public init?(rfc3339 text: String) {
        let bytes = Array(text.utf8)
        let separators: [(Int, Character)] = [(4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":"), (19, "."), (23, "Z")]
        guard bytes.count == 24, separators.allSatisfy({ bytes[$0.0] == $0.1.asciiValue }) else { return nil }
        func number(_ range: Range<Int>) -> Int32? {
            var value: Int32 = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int32(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19), let millis = number(20..<23)
        else { return nil }
        var parts = tm()
        (parts.tm_year, parts.tm_mon, parts.tm_mday) = (year - 1900, month - 1, day)
        (parts.tm_hour, parts.tm_min, parts.tm_sec) = (hour, minute, second)
        nanoseconds = Int64(timegm(&parts)) * 1_000_000_000 + Int64(millis) * 1_000_000
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.nanoseconds < rhs.nanoseconds }
}
