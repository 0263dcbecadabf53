/// UTF-16 text announced by a byte-order mark, as Windows PowerShell's `Out-File` and `>`
/// write it (UTF-16LE with a BOM). Without a BOM, UTF-16's NUL bytes are indistinguishable
/// from binary data, so only a BOM makes bytes UTF-16.
enum UTF16Text {
    /// The byte order a BOM announces.
    enum ByteOrder: String {
        /// `FF FE`.
        case littleEndian = "utf-16le"
        /// `FE FF`.
        case bigEndian = "utf-16be"
    }

    /// The byte order of `bytes`' BOM, or nil when they do not start with a UTF-16 BOM.
    /// `FF FE 00 00` is UTF-32LE's BOM, not UTF-16's.
    static func byteOrder(of bytes: [UInt8]) -> ByteOrder? {
        if bytes.starts(with: [0xFF, 0xFE]) && !bytes.starts(with: [0xFF, 0xFE, 0, 0]) { return .littleEndian }
        if bytes.starts(with: [0xFE, 0xFF]) { return .bigEndian }
        return nil
    }

    /// Decodes the bytes after the BOM. Unpaired surrogates and an odd last byte are repaired
    /// (U+FFFD, dropped) with a warning; a NUL character means binary data after all.
    static func decode(_ bytes: [UInt8], order: ByteOrder) throws(Rejection) -> (text: String, warnings: [String]) {
        let body = bytes.dropFirst(2)
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var index = body.startIndex
        while index + 1 < body.endIndex {
            let (first, second) = (UInt16(body[index]), UInt16(body[index + 1]))
            units.append(order == .littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        if let nul = units.firstIndex(of: 0) {
            throw Rejection(.binary, "the file has a UTF-16 byte-order mark but holds a NUL character at byte offset \(2 + 2 * nul): binary data, not a text page")
        }
        var warnings: [String] = []
        var repaired = 0
        let text = transcode(units, repaired: &repaired)
        if repaired > 0 { warnings.append("repaired \(repaired) unpaired UTF-16 surrogate(s)") }
        if body.count % 2 == 1 { warnings.append("dropped the odd last byte of a UTF-16 file") }
        return (text, warnings)
    }

    /// UTF-16 code units → String, counting the unpaired surrogates replaced by U+FFFD.
    private static func transcode(_ units: [UInt16], repaired: inout Int) -> String {
        var scalars = String.UnicodeScalarView()
        var decoder = UTF16()
        var iterator = units.makeIterator()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .error: repaired += 1; scalars.append("\u{FFFD}")
            case .emptyInput: break decoding
            }
        }
        return String(scalars)
    }
}
