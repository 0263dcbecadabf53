import Testing
@testable import DepecheCore

/// `BoilerplateLines.folded` copies plain ASCII sixteen bytes at a time and folds the rest
/// scalar by scalar: the two must agree wherever one hands over to the other, and at the
/// 80-scalar limit wherever it falls.
@Suite struct FoldedLineTests {
    /// What `folded` is said to give, scalar by scalar: leading symbols and spaces dropped
    /// (not "©" and "("), spaces collapsed, letters lowercased and unaccented, apostrophes as
    /// `'`; at 80 scalars, cut with "…+" (the step that reaches it may add a space before its
    /// letter); otherwise trailing `! . : ; ?`, `…` and spaces dropped.
    private func expectedFold(_ line: String) -> String {
        var out: [UInt32] = []
        var pendingSpace = false
        for scalar in line.unicodeScalars.map(\.value) {
            if out.count >= 80 { return String(String.UnicodeScalarView(out.compactMap(Unicode.Scalar.init))) + "…+" }
            if ScalarFolding.isSpace(scalar) {
                pendingSpace = !out.isEmpty
            } else if !out.isEmpty || ScalarFolding.isLetter(scalar) || ScalarFolding.digitValue(scalar) != nil || scalar == 0xA9 || scalar == 0x28 {
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                if ScalarFolding.isApostrophe(scalar) {
                    out.append(0x27)
                } else {
                    ScalarFolding.fold(scalar) { out.append($0) }
                }
            }
        }
        while let last = out.last, [0x21, 0x2E, 0x3A, 0x3B, 0x3F, 0x20, 0x2026].contains(last) { out.removeLast() }
        return String(String.UnicodeScalarView(out.compactMap(Unicode.Scalar.init)))
    }

    @Test func plainASCIIAndTheRestAgreeEverywhere() {
        let pieces = [
            "Le", "port", "de", "TANGER", "Med", "a", "l'ANP", "12,5", "%", "x", "Word.", "(AFP)", "«", "»", "é", "À", "œ",
            "`", "’", "—", "-", "\"", " ", " ", " ", " ", "  ", "\t", "\u{A0}", "😀", "بالمغرب", "ÆON", "?!", "…", "|",
        ]
        var generator = SplitMix64(seed: 29)
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...70, using: &generator)
            let line = (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(BoilerplateLines.folded(line[...]) == expectedFold(line), "\(line.debugDescription)")
        }
    }

    /// Plain ASCII runs past the limit, after 1 to 64 accented letters (folded one by one):
    /// cut at 80 scalars, or at 81 when the 80th is a space and the letter after it comes with
    /// it, for every length and every place of the space.
    @Test func theLimitFallsWhereTheScalarFoldWouldPutIt() {
        for accented in [1, 15, 16, 17, 32, 48, 64] {
            for length in 70...100 {
                for space in accented..<length {
                    var scalars = Array(repeating: "É", count: accented) + Array(repeating: "A", count: length - accented)
                    scalars[space] = " "
                    let line = scalars.joined()
                    #expect(BoilerplateLines.folded(line[...]) == expectedFold(line), "\(accented) \(length) \(space)")
                }
            }
        }
    }
}
