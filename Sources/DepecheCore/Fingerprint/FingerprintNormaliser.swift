import CByteScan
import Foundation

/// The form of an article's text that fingerprints are computed on, so that re-saving a
/// page does not change them: Unicode NFC, case folded, typographic quotes, apostrophes and
/// dashes unified to ASCII, invisible characters (soft hyphens, zero-width spaces, BOMs)
/// dropped, white space folded to single spaces and trimmed. Spacing around quotes and before
/// `: ; ! ? , . % )` is dropped too, so French and English typography of the same words agree
/// (`« Oui » !` and `"Oui"!` normalise alike).
enum FingerprintNormaliser {
    /// Calls `body` with the normalised form of `text`, as UTF-8, and returns what it returns.
    /// Read as UTF-8, ASCII a byte at a time. The bytes are lent, not copied into an array: on a
    /// page of megabytes that copy was one more page-sized buffer at the peak.
    static func withNormalisedUTF8<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        // The output is no longer than the text but for case mappings that lengthen a letter
        // (rare); the slack covers `Output.reserve`'s margins, so that a page is never copied
        // into a buffer twice its size for its last bytes.
        var output = Output(capacity: text.utf8.count + 16)
        var composed = canonicallyComposed(text)
        composed.withUTF8 { utf8 in
            guard let bytes = utf8.baseAddress else { return }
            var index = 0
            while index < utf8.count {
                let lead = bytes[index]
                if lead <= 0x20 || lead == 0x7F {
                    output.space()
                    index &+= 1
                } else if lead < 0x80 {
                    output.emit(lead | ((0x41...0x5A).contains(lead) ? 0x20 : 0))
                    index &+= 1
                    // The visible ASCII after it, and the spaces inside it that stay, copied
                    // lowercased sixteen bytes at a time: most of a Latin text.
                    index &+= output.appendPlainASCII(bytes + index, utf8.count - index)
                } else {
                    let (value, length) = TokenScanner.decode(bytes, index)
                    normalise(value, into: &output)
                    index &+= length
                }
            }
        }
        return output.withBytes(body)
    }

    /// Appends the normalised form of the non-ASCII scalar `value`.
    private static func normalise(_ value: UInt32, into output: inout Output) {
        let scalar = Unicode.Scalar(value)!  // decoded from a String's UTF-8: valid
        if isSpace(value) {
            output.space()
        } else if isInvisible(value) {
            return
        } else if let ascii = asciiPunctuation(value) {
            output.emit(ascii)
        } else if value == 0x2026 {
            for _ in 0..<3 { output.emit(UInt8(ascii: ".")) }
        } else if (0xC0...0xDE).contains(value) && value != 0xD7 {
            output.emit(Unicode.Scalar(value + 0x20)!)  // Latin-1 capitals: À…Þ are à…þ less 0x20
        } else if (0xDF...0xFF).contains(value) || (0x600...0x6FF).contains(value) {
            output.emit(scalar)  // Latin-1 small letters and Arabic have no case: no property lookup
        } else if scalar.properties.changesWhenLowercased {
            scalar.properties.lowercaseMapping.unicodeScalars.forEach { output.emit($0) }
        } else {
            output.emit(scalar)
        }
    }

    /// Normalised bytes, with the white-space rules applied as they are appended. Written
    /// through a pointer: an array's `append` checks uniqueness and capacity at every byte,
    /// which was most of the normaliser's time.
    private struct Output: ~Copyable {
        private var base: UnsafeMutablePointer<UInt8>
        private var count = 0
        private var capacity: Int
        private var pendingSpace = false

        /// An empty output with room for `capacity` bytes (it grows as needed).
        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }

        /// Calls `body` with the bytes written; they are freed after.
        consuming func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            body(UnsafeBufferPointer(start: base, count: count))
        }

        /// White space: one space before the next character, unless spacing is dropped there.
        mutating func space() {
            pendingSpace = count > 0
        }

        mutating func emit(_ byte: UInt8) {
            reserve(2)
            if pendingSpace, !FingerprintNormaliser.dropsSpaceBefore(byte),
                !FingerprintNormaliser.dropsSpaceAfter(base[count - 1])
            {
                append(UInt8(ascii: " "))
            }
            pendingSpace = false
            append(byte)
        }

        mutating func emit(_ scalar: Unicode.Scalar) {
            reserve(5)
            if pendingSpace {
                append(UInt8(ascii: " "))
                pendingSpace = false
            }
            for byte in scalar.utf8 { append(byte) }
        }

        /// Appends the plain ASCII that begins the `available` bytes at `source` (see
        /// `depeche_normalise_ascii_run`; `source[-1]` is the byte emitted last), as far as the
        /// room left allows (the buffer grows only where `emit` needs it); how many bytes.
        mutating func appendPlainASCII(_ source: UnsafePointer<UInt8>, _ available: Int) -> Int {
            let limit = min(available, capacity - count - 16)
            guard limit > 0 else { return 0 }
            let taken = depeche_normalise_ascii_run(source, limit, base + count)
            count += taken
            return taken
        }

        @inline(__always)
        private mutating func append(_ byte: UInt8) {
            base[count] = byte
            count &+= 1
        }

        /// Room for `more` bytes.
        @inline(__always)
        private mutating func reserve(_ more: Int) {
            guard count + more > capacity else { return }
            capacity *= 2
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: base, count: count)
            base.deallocate()
            base = grown
        }
    }

    /// `text` in NFC. Text made only of scalars that are NFC whatever surrounds them is
    /// already NFC and skips Foundation's (slow) normaliser: see `isNFCAnywhere`.
    private static func canonicallyComposed(_ text: String) -> String {
        var text = text
        let isNFC = text.withUTF8 { utf8 in
            guard let bytes = utf8.baseAddress else { return true }
            var index = 0
            while true {
                // Passed over sixteen at a time: ASCII, continuation bytes, and the leads of
                // scalars below U+0300 (up to 0xCB).
                index = depeche_next_byte_at_least(bytes, index, utf8.count, 0xCC)
                guard index < utf8.count else { return true }
                let (value, length) = TokenScanner.decode(bytes, index)
                guard isNFCAnywhere(value) else { return false }
                index &+= length
            }
        }
        return isNFC ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Whether `scalar` is unchanged by NFC and never combines with its neighbours (checked
    /// against Python's unicodedata: NFC of the scalar alone is itself, its combining class is 0
    /// and it is no second scalar of a canonical decomposition): everything below U+0300 (Latin,
    /// Latin-1), Arabic except its combining marks, general punctuation and currency signs except
    /// U+2000 and U+2001 (which NFC maps to U+2002 and U+2003), the arrows, bullets, shapes and
    /// symbols of menus and share bars (U+2100–U+2BFF but for Ω, K, Å, 〈, 〉 and ⫝̸, which have
    /// canonical decompositions), emoji and the replacement character. Others may be, but are not
    /// assumed to be.
    private static func isNFCAnywhere(_ value: UInt32) -> Bool {
        switch value {
        case 0x2126, 0x212A, 0x212B, 0x2329, 0x232A, 0x2ADC: false
        case 0..<0x300, 0x2002...0x20CF, 0x2100...0x2BFF, 0x1F000...0x1FAFF, 0xFFFD: true
        case 0x610...0x61A, 0x64B...0x65F, 0x670, 0x6D6...0x6DC, 0x6DF...0x6E4, 0x6E7, 0x6E8, 0x6EA...0x6ED: false
        case 0x600...0x6FF: true
        default: false
        }
    }

    /// White space, no-break spaces included.
    private static func isSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Characters that do not show: soft hyphen, zero-width spaces and joiners, word joiner, BOM.
    private static func isInvisible(_ value: UInt32) -> Bool {
        switch value {
        case 0xAD, 0x200B...0x200D, 0x2060, 0xFEFF: true
        default: false
        }
    }

    /// The ASCII form of a typographic quote, apostrophe or dash.
    private static func asciiPunctuation(_ value: UInt32) -> UInt8? {
        switch value {
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x00B4, 0x02BC: UInt8(ascii: "'")
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036, 0x00AB, 0x00BB, 0x2039, 0x203A: UInt8(ascii: "\"")
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: UInt8(ascii: "-")
        default: nil
        }
    }

    fileprivate static func dropsSpaceBefore(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "!"), UInt8(ascii: "?"),
            UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "%"), UInt8(ascii: ")"):
            true
        default: false
        }
    }

    fileprivate static func dropsSpaceAfter(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "(")
    }
}
