/// Tells HTML from plain text by looking at a page's first bytes, and reads the charset an
/// HTML page declares for itself. Works on raw bytes, before any decoding: every marker it
/// looks for is ASCII, which UTF-8 and Windows-1252 spell the same way.
public enum HTMLSniffer {
    /// How far into a page the markup markers must appear.
    static let sniffLength = 1024
    /// How far into a page a `<meta>` charset declaration is looked for (HTML5 says 1024;
    /// scrapers prepend comments and scripts, so we read further).
    static let charsetLength = 4096

    /// Tags whose opening, near the top of a page, marks it as HTML.
    private static let markers: [[UInt8]] = ["<!doctype html", "<html", "<head", "<body", "<p"].map { Array($0.utf8) }

    /// Whether the page opens like HTML: `<!DOCTYPE html`, `<html`, `<head`, `<body` or a
    /// `<p` tag within its first kilobyte, in any case. A tag name must end there (`<p>`,
    /// `<p class=…>`), so `<pre` or `<param` do not count as `<p`.
    public static func looksLikeHTML(_ bytes: some Collection<UInt8>) -> Bool {
        let head = Array(bytes.prefix(sniffLength))
        var index = 0
        while let open = head[index...].firstIndex(of: UInt8(ascii: "<")) {
            for marker in markers where hasPrefix(head, at: open, marker) {
                let after = open + marker.count
                if after == head.count || endsTagName(head[after]) { return true }
            }
            index = open + 1
        }
        return false
    }

    /// The charset a page declares in its first 4 KB — `<meta charset="…">` or
    /// `<meta http-equiv="Content-Type" content="text/html; charset=…">` — lowercased,
    /// without quotes; nil when it declares none.
    public static func declaredCharset(_ bytes: some Collection<UInt8>) -> String? {
        let head = Array(bytes.prefix(charsetLength))
        let meta = Array("<meta".utf8)
        let charset = Array("charset".utf8)
        var index = 0
        while let open = head[index...].firstIndex(of: UInt8(ascii: "<")) {
            index = open + 1
            guard hasPrefix(head, at: open, meta) else { continue }
            let close = head[open...].firstIndex(of: UInt8(ascii: ">")) ?? head.count
            var position = open + meta.count
            while position < close {
                if hasPrefix(head, at: position, charset),
                    let name = charsetValue(head, from: position + charset.count, to: close)
                {
                    return name
                }
                position += 1
            }
        }
        return nil
    }

    /// The value after `charset` at `start`: optional spaces, `=`, optional quote, then the
    /// name up to a quote, space, `;`, `/` or `>`.
    private static func charsetValue(_ bytes: [UInt8], from start: Int, to end: Int) -> String? {
        var position = start
        while position < end, isSpace(bytes[position]) { position += 1 }
        guard position < end, bytes[position] == UInt8(ascii: "=") else { return nil }
        position += 1
        while position < end, isSpace(bytes[position]) || isQuote(bytes[position]) { position += 1 }
        var name: [UInt8] = []
        while position < end {
            let byte = bytes[position]
            if isSpace(byte) || isQuote(byte) || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "/") { break }
            name.append(lowercased(byte))
            position += 1
        }
        return name.isEmpty ? nil : String(decoding: name, as: UTF8.self)
    }

    /// Whether `bytes` holds `prefix` at `index`, ASCII case-insensitively (`prefix` is lowercase).
    private static func hasPrefix(_ bytes: [UInt8], at index: Int, _ prefix: [UInt8]) -> Bool {
        guard index + prefix.count <= bytes.count else { return false }
        for offset in 0..<prefix.count where lowercased(bytes[index + offset]) != prefix[offset] { return false }
        return true
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    private static func isQuote(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    /// Whether `byte` may follow a complete tag name.
    private static func endsTagName(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
    }
}
