import Testing
@testable import DepecheCore

@Suite struct TokenScannerTests {
    @Test func wordsNumbersAndPunctuationWithScalarOffsets() {
        let text = TokenizedText("L’Économie à Fès : 117.394 emplois.")
        let tokens = text.tokens
        #expect(tokens.map { text.string($0.start, $0.end) } == ["L", "’", "Économie", "à", "Fès", ":", "117", ".", "394", "emplois", "."])
        #expect(tokens[1].isPunct("'"), "typographic apostrophes read as '")
        #expect(tokens[2].key == FoldedKey.of("economie"), "words are keyed folded")
        #expect(tokens[2].has(.capitalized) && tokens[2].has(.spaceBefore) == false)
        #expect(tokens[6].kind == .number && tokens[6].key == 117)
        #expect(text.scalarCount == Array("L’Économie à Fès : 117.394 emplois.".unicodeScalars).count)
    }

    @Test func caseScriptAndLayoutFlags() {
        let text = TokenizedText("AMRC easyJet\r\n\r\nبنك ٢٠٢٤ Ok")
        let tokens = text.tokens
        #expect(tokens[0].has(.allCaps) && tokens[0].has(.capitalized))
        #expect(tokens[1].has(.innerCapital) && !tokens[1].has(.capitalized))
        #expect(tokens[2].has(.arabic) && tokens[2].has(.blankLineBefore) && tokens[2].has(.sentenceStart))
        #expect(tokens[3].kind == .number && tokens[3].key == 2024, "Arabic-Indic digits")
        #expect(!tokens[4].has(.allCaps) && tokens[4].has(.capitalized))
    }

    @Test func aTextOfPunctuationGetsOneTokenPerScalar() {
        let text = TokenizedText(String(repeating: "!?", count: 200))
        #expect(text.tokens.count == 400)
        #expect(text.tokens.last?.end == 400)
    }

    @Test func landmarksListNumbersParenthesesAndLineStarts() {
        let text = TokenizedText("Le 12 mai (AMRC)\nLigne 2 : 3%\n\n(fin)")
        #expect(text.landmarks.numbers.map { text.tokens[$0].key } == [12, 2, 3])
        #expect(text.landmarks.openingParentheses.count == 2)
        #expect(text.landmarks.openingParentheses.allSatisfy { text.tokens[$0].isPunct("(") })
        #expect(text.landmarks.lineStarts.map { text.string(text.tokens[$0].start, text.tokens[$0].end) } == ["Le", "Ligne", "("])
    }
}
