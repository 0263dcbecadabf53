import Testing
@testable import DepecheCore

@Suite struct NumberScannerTests {
    private func scan(_ text: String, french: Bool = true) -> Double? {
        let tokenized = TokenizedText(text)
        guard let index = tokenized.tokens.firstIndex(where: { $0.kind == .number }) else { return nil }
        return NumberScanner.scan(tokenized, at: index, french: french)?.value
    }

    @Test func frenchThousandsAndDecimals() {
        #expect(scan("117.394 certificats") == 117_394)
        #expect(scan("69 900 emplois") == 69_900)
        #expect(scan("1 200 000 visiteurs") == 1_200_000)
        #expect(scan("1,2 milliard") == 1.2)
        #expect(scan("2.5 points") == 2.5)
    }

    @Test func englishConventions() {
        #expect(scan("117,394 jobs", french: false) == 117_394)
        #expect(scan("1.2 billion", french: false) == 1.2)
    }

    @Test func arabicIndicDigits() {
        #expect(scan("بلغ ١٢٣ مليون") == 123)
        #expect(scan("۴۵ درهم") == 45)
    }

    @Test func codesAndOrdinalsAreNotNumbers() {
        #expect(scan("le G20 se réunit") == nil)
        #expect(scan("la Covid-19 a frappé") == nil)
        #expect(scan("la 21ème édition") == nil)
        #expect(scan("la 3e édition") == nil)
    }

    @Test func yearsAreFlagged() throws {
        let text = TokenizedText("en 2018 puis")
        let number = try #require(NumberScanner.scan(text, at: 1, french: true))
        #expect(number.isYearLike)
        #expect(!(NumberScanner.scan(TokenizedText("12.018 emplois"), at: 0, french: true)?.isYearLike ?? true))
    }
}
