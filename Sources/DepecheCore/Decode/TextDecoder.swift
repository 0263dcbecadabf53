import CByteScan
import Glibc

/// Stage "decode": a file's bytes → text, or a ``Rejection`` saying why they are not a page.
///
/// UTF-8 (a BOM is dropped) is preferred; UTF-16LE/BE is read when a byte-order mark says so
/// (``UTF16Text``). Bytes that are not UTF-8 at all are read in the code page an HTML page
/// declares, else in Windows-1256 when they are Arabic (``ArabicWordScan``), else in
/// Windows-1252 (``LegacyCharset``); a UTF-8 file with a few invalid sequences is repaired
/// (U+FFFD) with a warning. NUL bytes and the signatures of common binary formats are
/// rejected as `binary`; zero bytes as `empty`; only white space as `blank`.
public enum TextDecoder {
    /// File signatures of formats that are never pages, named as the rejection's detail says them.
    static let binarySignatures: [(name: String, bytes: [UInt8])] = [
        ("a PNG image", [0x89, 0x50, 0x4E, 0x47]),
        ("a JPEG image", [0xFF, 0xD8, 0xFF]),
        ("a GIF image", Array("GIF8".utf8)),
        ("WebP/RIFF data", Array("RIFF".utf8)),
        ("a PDF document", Array("%PDF".utf8)),
        ("a ZIP archive", [0x50, 0x4B, 0x03, 0x04]),
        ("gzip data", [0x1F, 0x8B]),
        ("an ELF executable", [0x7F, 0x45, 0x4C, 0x46]),
        ("a BMP image", Array("BM".utf8) + [0]),
    ]

    /// Decodes `bytes`; `fileExtension` (lower-case, no dot) helps tell HTML from text.
    public static func decode(_ bytes: [UInt8], fileExtension: String = "") throws(Rejection) -> DecodedDocument {
        guard !bytes.isEmpty else { throw Rejection(.empty, "the file is empty (0 bytes)") }
        if let order = UTF16Text.byteOrder(of: bytes) {
            let decoded = try UTF16Text.decode(bytes, order: order)
            return try document(decoded.text, encoding: order.rawValue, bytes: bytes.count,
                                isHTML: isHTMLExtension(fileExtension) || HTMLSniffer.looksLikeHTML(decoded.text.utf8),
                                warnings: decoded.warnings)
        }
        for signature in binarySignatures where bytes.starts(with: signature.bytes) {
            throw Rejection(.binary, "the file is \(signature.name), not a text page")
        }
        // Both sixteen bytes at a time (memchr, CByteScan): every page goes through them.
        let (nul, controls) = bytes.withUnsafeBufferPointer { buffer in
            (memchr(buffer.baseAddress!, 0, buffer.count).map { buffer.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self)) },
             depeche_count_binary_controls(buffer.baseAddress!, buffer.count))
        }
        if let nul {
            throw Rejection(.binary, "the file contains a NUL byte at offset \(nul): binary data, not a text page")
        }
        // Tab, line feed, form feed, carriage return and escape occur in text files; not others.
        if controls * 100 > bytes.count {
            throw Rejection(.binary, "\(controls) of its \(bytes.count) bytes are control characters: binary data, not a text page")
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        let isHTML = isHTMLExtension(fileExtension) || HTMLSniffer.looksLikeHTML(body)
        let decoded = try decodeText(body, declaredCharset: isHTML ? HTMLSniffer.declaredCharset(body) : nil)
        return try document(decoded.text, encoding: decoded.encoding, bytes: bytes.count, isHTML: isHTML, warnings: decoded.warnings)
    }

    /// Whether a file name's extension says HTML.
    private static func isHTMLExtension(_ fileExtension: String) -> Bool {
        ["html", "htm", "xhtml"].contains(fileExtension)
    }

    /// The decoded document, unless its text is only white space.
    private static func document(_ text: String, encoding: String, bytes: Int, isHTML: Bool, warnings: [String]) throws(Rejection) -> DecodedDocument {
        guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
            throw Rejection(.blank, "the file holds only white space (\(bytes) bytes)")
        }
        return DecodedDocument(text: text, encoding: encoding, format: isHTML ? .html : .text, warnings: warnings)
    }

    /// Picks the encoding and decodes.
    static func decodeText(_ bytes: [UInt8], declaredCharset: String?) throws(Rejection) -> (text: String, encoding: String, warnings: [String]) {
        if let text = String(validating: bytes, as: UTF8.self) { return (text, "utf-8", []) }
        let scan = UTF8Scan(bytes)
        let declared = declaredCharset.flatMap(LegacyCharset.init(label:))
        if declared != nil || scan.validMultibyte == 0 || scan.invalid > scan.validMultibyte {
            let charset = declared ?? LegacyCharset(guessingFrom: bytes)
            return (try charset.decode(bytes), charset.rawValue, [])
        }
        let warning = "repaired \(scan.invalid) invalid UTF-8 sequence(s), first at byte offset \(scan.firstInvalidOffset ?? 0)"
        return (String(decoding: bytes, as: UTF8.self), "utf-8-repaired", [warning])
    }
}

/// Counts of valid multi-byte and invalid sequences in bytes that are not valid UTF-8.
struct UTF8Scan {
    var validMultibyte = 0
    var invalid = 0
    var firstInvalidOffset: Int?

    init(_ bytes: [UInt8]) {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: index += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            if length > 0, index + length <= bytes.count,
                bytes[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 }),
                String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil
            {
                validMultibyte += 1
                index += length
            } else {
                invalid += 1
                if firstInvalidOffset == nil { firstInvalidOffset = index }
                index += 1
            }
        }
    }
}

/// Windows-1252, the superset of Latin-1 that French pages saved on Windows use.
enum Windows1252 {
    /// 0x80–0x9F; the five undefined positions map to their C1 control like Latin-1.
    static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Bytes Windows-1252 leaves undefined: a file holding them is not Windows-1252 text.
    static let undefined: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]

    /// Decodes every byte; never fails.
    static func decode(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            let value = (0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte)
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }
}
