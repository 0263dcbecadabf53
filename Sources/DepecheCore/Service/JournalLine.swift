import Glibc
import Logging

/// The text of one ``JournalLogHandler`` line.
enum JournalLine {
    /// `<N>` for journald: the syslog priority of `level` (`sd-daemon(3)`).
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// The whole line, newline included.
    static func render(
        format: JournalLogHandler.Format,
        level: Logger.Level,
        label: String,
        message: String,
        metadata: Logger.Metadata,
        time: timespec = now()
    ) -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(128)
        switch format {
        case .journal:
            line.append(contentsOf: "<\(priority(level))>".utf8)
        case .plain:
            line.append(contentsOf: timestamp(time).utf8)
            line.append(contentsOf: " \(level) \(label): ".utf8)
        }
        appendEscaped(message, quoted: false, to: &line)
        for key in metadata.keys.sorted() {
            line.append(UInt8(ascii: " "))
            appendEscaped(key, quoted: false, to: &line)
            line.append(UInt8(ascii: "="))
            let value = text(of: metadata[key]!)
            appendEscaped(value, quoted: needsQuotes(value), to: &line)
        }
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// The current wall-clock time.
    static func now() -> timespec {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return time
    }

    /// Local time with milliseconds and UTC offset: `2025-06-01T14:03:07.123+0200`.
    static func timestamp(_ time: timespec) -> String {
        var seconds = time.tv_sec
        var local = tm()
        localtime_r(&seconds, &local)
        let milliseconds = time.tv_nsec / 1_000_000
        let padding = milliseconds < 10 ? "00" : milliseconds < 100 ? "0" : ""
        return formatted(local, "%Y-%m-%dT%H:%M:%S") + ".\(padding)\(milliseconds)" + formatted(local, "%z")
    }

    /// `strftime(3)` of `time` with `format`.
    private static func formatted(_ time: tm, _ format: String) -> String {
        var time = time
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { strftime($0.baseAddress!, $0.count, format, &time) }
        }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }

    /// A metadata value as text: strings as they are, the rest by their description.
    private static func text(of value: Logger.Metadata.Value) -> String {
        if case .string(let string) = value { return string }
        return value.description
    }

    /// Whether a value must be quoted to be read back as one `key=value` pair.
    private static func needsQuotes(_ value: String) -> Bool {
        value.isEmpty || value.utf8.contains { $0 <= 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "=") || $0 == 0x7F }
    }

    /// Appends `text` with `\`, `"` (when quoted) and control characters escaped.
    private static func appendEscaped(_ text: String, quoted: Bool, to line: inout [UInt8]) {
        if quoted { line.append(UInt8(ascii: "\"")) }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\n"): line.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): line.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): line.append(contentsOf: #"\t"#.utf8)
            case UInt8(ascii: "\\"): line.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\"") where quoted: line.append(contentsOf: #"\""#.utf8)
            case 0..<0x20, 0x7F: line.append(contentsOf: "\\x\(byte < 16 ? "0" : "")\(String(byte, radix: 16))".utf8)
            default: line.append(byte)
            }
        }
        if quoted { line.append(UInt8(ascii: "\"")) }
    }
}
