import Foundation
import Testing

@testable import DepecheCore

@Suite struct ArticleFingerprintTests {
    /// The article of the port fixture, as the clean stage gives it.
    private func portArticle() throws -> String {
        HTMLArticleExtractor.article(fromHTML: try StoryFixtures.text("port-tanger.html")).text
    }

    @Test(arguments: [
        ("Cafe\u{0301} À L’ÉTÉ", "café à l'été"),
        ("  un\t\tdeux\n\ntrois  ", "un deux trois"),
        ("« Oui », dit-il : c’est — enfin — fini…", "\"oui\", dit-il: c'est - enfin - fini..."),
        ("\"Oui\", dit-il: c'est - enfin - fini...", "\"oui\", dit-il: c'est - enfin - fini..."),
        ("sou\u{00AD}ligné\u{200B} 18\u{202F}% (\u{00A0}note )", "souligné 18% (note)"),
        ("ΣΊΣΥΦΟΣ Straße", "σίσυφοσ straße"),
        ("ÇA A ÉTÉ ÞÓR × ÷ ÿ", "ça a été þór × ÷ ÿ"),
        ("▸ مرحبا بكم → 💬 ✉", "▸ مرحبا بكم → 💬 ✉"),
        // The Kelvin and Ohm signs are in the symbols' block but NFC maps them to K and Ω.
        ("→ 12 \u{212A}elvin, 3 \u{2126}", "→ 12 kelvin, 3 ω"),
    ])
    func normalises(_ text: String, _ expected: String) {
        #expect(ArticleFingerprint.normalisedText(text) == expected)
    }

    /// A scalar NFC changes (a combining accent, the Kelvin sign) is found wherever it stands:
    /// the bytes before it are passed over sixteen at a time, the last few one at a time.
    @Test func aDecomposedLetterIsComposedAtEveryPosition() {
        // Compared as UTF-8: Swift's `==` holds "e\u{301}" and "é" equal.
        let utf8 = { (text: String) in Array(ArticleFingerprint.normalisedText(text).utf8) }
        for position in 0..<40 {
            let before = String(repeating: "a", count: position)
            #expect(utf8(before + "e\u{301}t\u{E9} ok") == Array((before + "\u{E9}t\u{E9} ok").utf8), "\(position)")
            #expect(utf8(before + "\u{212A}") == Array((before + "k").utf8), "\(position)")
        }
    }

    /// "İ" (2 bytes) lowercases to "i̇" (3 bytes): the output outgrows the room made for it.
    @Test func aTextLongerOnceNormalisedIsWhole() {
        let text = String(repeating: "İstanbul İzmir ", count: 2_000)
        let expected = String(repeating: "i\u{307}stanbul i\u{307}zmir ", count: 2_000).dropLast()
        #expect(ArticleFingerprint.normalisedText(text) == expected)
    }

    @Test func sha256IsOfTheNormalisedText() {
        #expect(
            ArticleFingerprint.of(text: " A B\nC ").textSHA256
                == ArticleFingerprint.of(text: "a b c").textSHA256)
        // FIPS 180-2's test vector for "abc".
        #expect(
            ArticleFingerprint.of(text: "ABC").textSHA256
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func retypesetAndRewrappedArticleHasTheSameHash() throws {
        let article = try portArticle()
        let original = ArticleFingerprint.of(text: article)
        let variant = ArticleFingerprint.of(text: StoryFixtures.rewrapped(StoryFixtures.retypeset(article), width: 60))
        #expect(StoryFixtures.retypeset(article) != article)
        #expect(variant == original)
    }

    @Test func oneFigureChangedIsNearButNotEqual() throws {
        let article = try portArticle()
        let original = ArticleFingerprint.of(text: article)
        let updated = ArticleFingerprint.of(
            text: try StoryFixtures.updated(article, replacing: "10,2 millions", with: "10,4 millions"))
        #expect(updated.textSHA256 != original.textSHA256)
        #expect(updated.simhashDistance(to: original) <= 5)
        #expect(updated.jaccard(with: original) >= 0.9)
    }

    @Test func differentArticlesAreFar() throws {
        let port = ArticleFingerprint.of(text: try portArticle())
        let olive = ArticleFingerprint.of(
            text: HTMLArticleExtractor.article(fromHTML: try StoryFixtures.text("olive-meknes.html")).text)
        #expect(port.simhashDistance(to: olive) >= 16)
        #expect(port.jaccard(with: olive) <= 0.1)
    }

    @Test func simhashHexIsSixteenDigitsAndReadsBack() {
        let fingerprint = ArticleFingerprint(
            textSHA256: "", simhash: 0x00AB_0000_0000_0F01, minhash: Array(repeating: 0, count: 64), wordCount: 0)
        #expect(fingerprint.simhashHex == "00ab000000000f01")
        #expect(ArticleFingerprint.simhash(fromHex: "00ab000000000f01") == 0x00AB_0000_0000_0F01)
        #expect(ArticleFingerprint.simhash(fromHex: "FFFFFFFFFFFFFFFF") == .max)
        #expect(ArticleFingerprint.simhash(fromHex: "abc") == nil)
        #expect(ArticleFingerprint.simhash(fromHex: "00ab000000000g01") == nil)
    }

    @Test func textWithoutWords() {
        let fingerprint = ArticleFingerprint.of(text: " … — ")
        #expect(fingerprint.wordCount == 0)
        #expect(fingerprint.simhash == 0)
        #expect(fingerprint.minhash == [UInt32](repeating: .max, count: ArticleFingerprint.minhashCount))
    }

    @Test func wordsOfEveryScriptCount() {
        #expect(ArticleFingerprint.of(text: "Le port de Tanger Med").wordCount == 5)
        #expect(ArticleFingerprint.of(text: "ميناء طنجة المتوسط ٢٠٢٤").wordCount == 4)
        #expect(ArticleFingerprint.of(text: "l’année 2024-2025").wordCount == 4)
    }

    @Test func shortTextHasOneShingleOfAllItsWords() {
        let two = ArticleFingerprint.of(text: "Tanger Med")
        #expect(two.simhash != 0)
        #expect(two.jaccard(with: ArticleFingerprint.of(text: "tanger  med")) == 1)
        #expect(two.jaccard(with: ArticleFingerprint.of(text: "Tanger Port")) == 0)
    }
}

@Suite struct MinHashSketchTests {
    @Test func isTheLowBytesOfTheFirstSixteenValues() {
        let sketch = MinHashSketch(signature: (0..<64).map { UInt32($0) << 8 | UInt32($0 + 0xA0) })
        #expect(sketch.hex == "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf")
        #expect(MinHashSketch(hex: sketch.hex) == sketch)
        #expect(MinHashSketch(hex: "a0a1") == nil)
        #expect(MinHashSketch(hex: "g0a1a2a3a4a5a6a7a8a9aaabacadaeaf") == nil)
    }

    @Test func agreementCountsEqualPositions() {
        let base = MinHashSketch(signature: Array(0..<16))
        #expect(base.agreement(with: base) == 16)
        #expect(base.agreement(with: MinHashSketch(signature: Array(0..<5) + Array(100..<111))) == 5)
        #expect(base.agreement(with: MinHashSketch(signature: [0] + Array(101..<115) + [15])) == 2)
        #expect(base.agreement(with: MinHashSketch(signature: Array(16..<32))) == 0)
    }

    @Test func versionsOfAStoryAgreeAndOthersDoNot() throws {
        let port = HTMLArticleExtractor.article(fromHTML: try StoryFixtures.text("port-tanger.html")).text
        let olive = HTMLArticleExtractor.article(fromHTML: try StoryFixtures.text("olive-meknes.html")).text
        let updated = try StoryFixtures.updated(port, replacing: "480.000", with: "485.000")
        let sketches = [port, updated, olive].map { ArticleFingerprint.of(text: $0).sketch }
        #expect(sketches[0].agreement(with: sketches[1]) >= 12)
        #expect(sketches[0].agreement(with: sketches[2]) <= 1)
    }
}
