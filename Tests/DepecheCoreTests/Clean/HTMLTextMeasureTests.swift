import Testing

@testable import DepecheCore

/// What the content scorer weighs, packed in 8 bytes a node.
@Suite struct HTMLTextMeasureTests {
    private func measure(_ text: String, insideLink: Bool = false) -> HTMLTextMeasure {
        var text = text
        return text.withUTF8 { HTMLTextMeasure(text: $0, insideLink: insideLink) }
    }

    @Test func countsNonSpaceCharactersAndCommas() {
        let prose = measure("Rabat, Fès، et Tanger")
        #expect(prose.textLength == 18)
        #expect(prose.commas == 2)
        #expect(prose.linkTextLength == 0)
        #expect(prose.linkDensity == 0)
        let link = measure("Lire aussi", insideLink: true)
        #expect(link.linkTextLength == 9)
        #expect(link.linkDensity == 1)
    }

    @Test func fieldsKeepToTheirOwnBits() {
        var total = measure("a, b", insideLink: true)
        total.containsBlock = true
        total.add(measure("ccc"))
        #expect(total.textLength == 6)
        #expect(total.linkTextLength == 3)
        #expect(total.commas == 1)
        #expect(total.containsBlock)
        total.containsBlock = false
        #expect(!total.containsBlock)
        #expect(total.textLength == 6 && total.linkTextLength == 3 && total.commas == 1)
    }

    @Test func countsStopAtTheirLargestValueInsteadOfSpillingOver() {
        var total = HTMLTextMeasure()
        let commas = measure(String(repeating: ",", count: 40_000), insideLink: true)
        #expect(commas.commas == (1 << 15) - 1)
        #expect(commas.textLength == 40_000)
        for _ in 0..<500 { total.add(commas) }
        #expect(total.textLength == (1 << 24) - 1)
        #expect(total.linkTextLength == (1 << 24) - 1)
        #expect(total.commas == (1 << 15) - 1)
        #expect(!total.containsBlock)
        #expect(total.linkDensity == 1)
    }
}
