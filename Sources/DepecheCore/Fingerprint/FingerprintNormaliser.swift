import Foundation

/// The form of an article's text that fingerprints are computed on, so that re-saving a
/// page does not change them: Unicode NFC, case folded, typographic quotes, apostrophes and
/// dashes unified to ASCII, invisible characters (soft hyphens, zero-width spaces, BOMs)
/// dropped, white space folded to single spaces and trimmed. Spacing around quotes and before
/// `: ; ! ? , . % )` is dropped too, so French and English typography of the same words agree
/// (`« Oui » !` and `"Oui"!` normalise alike).
enum FingerprintNormaliser {
    /// The normalised form of `text`.
    static func normalised(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in canonicallyComposed(text).unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !output.isEmpty
                continue
            }
            if isInvisible(scalar) { continue }
            let unified = unifiedPunctuation(scalar)
            if pendingSpace, !dropsSpaceBefore(unified.first ?? scalar), let last = output.last, !dropsSpaceAfter(last) {
                output.append(" ")
            }
            pendingSpace = false
            if !unified.isEmpty {
                output.append(contentsOf: unified)
            } else if scalar.value < 0x80 {
                output.append(asciiLowercased(scalar))
            } else if scalar.properties.changesWhenLowercased {
                output.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// `text` in NFC. Text whose scalars are all below U+0300 is already NFC (no combining
    /// marks, nothing NFC decomposes): the common case skips Foundation's normaliser.
    private static func canonicallyComposed(_ text: String) -> String {
        text.unicodeScalars.allSatisfy { $0.value < 0x300 } ? text : text.precomposedStringWithCanonicalMapping
    }

    private static func asciiLowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        (0x41...0x5A).contains(scalar.value) ? Unicode.Scalar(UInt8(scalar.value) | 0x20) : scalar
    }

    /// White space, no-break spaces included.
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0...0x20, 0x7F, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Characters that do not show: soft hyphen, zero-width spaces and joiners, word joiner, BOM.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xAD, 0x200B...0x200D, 0x2060, 0xFEFF: true
        default: false
        }
    }

    /// The ASCII form of a typographic quote, apostrophe, dash or ellipsis; empty for other scalars.
    private static func unifiedPunctuation(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        switch scalar.value {
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x0060, 0x00B4, 0x02BC: ["'"]
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036, 0x00AB, 0x00BB, 0x2039, 0x203A: ["\""]
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: ["-"]
        case 0x2026: [".", ".", "."]
        default: []
        }
    }

    private static func dropsSpaceBefore(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", ":", ";", "!", "?", ",", ".", "%", ")": true
        default: false
        }
    }

    private static func dropsSpaceAfter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\"" || scalar == "("
    }
}
