import Testing
@testable import DepecheCore

/// The normaliser copies visible ASCII and the single spaces inside it sixteen bytes at a time
/// and normalises the rest scalar by scalar: the two must agree wherever one hands over to
/// the other.
@Suite struct NormalisedTextTests {
    /// The rule, scalar by scalar, for the pieces below: white space is one space before the
    /// next character (none at the start or end), except before `" : ; ! ? , . % )` and after
    /// `"` and `(` when that character is ASCII or typographic punctuation; letters lowercased;
    /// « » as `"`, ’ as `'`, … as three dots.
    private func expectedNormalisation(_ text: String) -> String {
        var out: [UInt8] = []
        var pendingSpace = false
        let dropsBefore = Set(#"":;!?,.%)"#.utf8), dropsAfter = Set(#""("#.utf8)
        func emit(_ byte: UInt8) {
            if pendingSpace, !dropsBefore.contains(byte), let last = out.last, !dropsAfter.contains(last) { out.append(0x20) }
            pendingSpace = false
            out.append(byte)
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\u{A0}": pendingSpace = !out.isEmpty
            case "«", "»": emit(UInt8(ascii: "\""))
            case "’": emit(UInt8(ascii: "'"))
            case "…": for _ in 0..<3 { emit(UInt8(ascii: ".")) }
            case "é", "É":
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(contentsOf: "é".utf8)
            default: emit(UInt8(scalar.value) | (("A"..."Z").contains(scalar) ? 0x20 : 0))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func visibleASCIIAndTheRestAgreeEverywhere() {
        let pieces = [
            "Le", "port", "TANGER", "l'ANP", "12,5", "%", "x", ".", ",", ":", ";", "!", "?", ")", "(", "\"", "`", "'", "-",
            "«", "»", "’", "…", "é", "É", " ", " ", " ", " ", "  ", "\t", "\n", "\u{A0}",
        ]
        var generator = SplitMix64(seed: 31)
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...90, using: &generator)
            let text = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let normalised = Array(ArticleFingerprint.normalisedText(text).utf8)
            #expect(normalised == Array(expectedNormalisation(text).utf8), "\(text.debugDescription)")
        }
    }
}
