import Testing
@testable import DepecheCore

@Suite struct TickerBreaksTests {
    /// The two tests that ask first, with the separators and the run of spaces that end their
    /// segments, and how many separators they have.
    static let uses = [
        (separators: BoilerplateLines.tickerSeparators, spaces: 3, count: 13),
        (separators: BoilerplateLines.navigationSeparators, spaces: 2, count: 16),
    ]

    /// The pairs the test looks for, found scalar by scalar.
    private func referencePair(_ line: String, _ separators: BoilerplateLines.Separators) -> Bool {
        let scalars = Array(line.unicodeScalars.map(\.value))
        return zip(scalars, scalars.dropFirst()).contains { first, second in
            ScalarFolding.isSpace(first) && (ScalarFolding.isSpace(second) || separators.contains(second))
        }
    }

    /// Lines of letters (ASCII, accented, Arabic), digits, punctuation, quotes, every kind of
    /// space and every ticker separator, of 0 to 60 scalars: the short ones go through the
    /// byte-by-byte tail only, the long ones through the sixteen-byte blocks too.
    private func randomLines(_ count: Int) -> [String] {
        let pieces: [String] = [
            "a", "Z", "é", "à", "É", "ç", "’", "«", "»", "—", "–", "-", "ب", "٣", "7", ".", ",", ":", "km/h", "x>y",
            " ", "\t", "\u{A0}", "\u{202F}", "\u{2009}", "\u{2000}", "\u{200A}", "\u{3000}", "\u{FEFF}",
            "|", "/", ">", "•", "·", "◊", "■", "□", "◄", "►", "▶", "◆", "♦", "👁",
        ]
        var generator = SplitMix64(seed: 13)
        return (0..<count).map { _ in
            let length = Int.random(in: 0...60, using: &generator)
            return (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
    }

    @Test(arguments: 0..<uses.count) func findsExactlyTheSpacesFollowedBySpacesOrSeparators(use: Int) {
        let separators = Self.uses[use].separators
        for line in randomLines(20_000) {
            #expect(TickerBreaks.hasSpaceBeforeBreak(line[...], separators: separators) == referencePair(line, separators), "\(line.debugDescription)")
        }
    }

    @Test(arguments: 0..<uses.count) func aLineWithoutSuchAPairIsOneSegmentAtMost(use: Int) {
        let (separators, spaces, _) = Self.uses[use]
        var withoutPair = 0
        for line in randomLines(20_000) where !TickerBreaks.hasSpaceBeforeBreak(line[...], separators: separators) {
            withoutPair += 1
            let segments = BoilerplateLines.segmentWords(line[...], spaces: spaces, separators: separators)
            #expect(segments.count <= 1, "\(line.debugDescription): \(segments)")
        }
        #expect(withoutPair > 1_000)
    }

    @Test(arguments: 0..<uses.count) func everySeparatorAndEverySpaceIsSeenInBothPaths(use: Int) {
        let (separators, _, count) = Self.uses[use]
        let spaces = (0..<0x10000).filter { ScalarFolding.isSpace(UInt32($0)) }.compactMap(Unicode.Scalar.init)
        let breaks = (0..<0x10000).filter { separators.contains(UInt32($0)) }.compactMap(Unicode.Scalar.init)
        #expect(spaces.count >= 14 && breaks.count == count)
        // Before byte 17 only the tail reads the pair; after it, a block does.
        for lead in ["", String(repeating: "mot ", count: 6)] {
            for space in spaces {
                for next in spaces + breaks {
                    let line = lead + "abc" + String(space) + String(next) + "def"
                    #expect(TickerBreaks.hasSpaceBeforeBreak(line[...], separators: separators), "\(line.debugDescription)")
                }
                let prose = lead + "abc" + String(space) + "déf" + String(space) + "à" + String(space) + "«x»"
                #expect(!TickerBreaks.hasSpaceBeforeBreak(prose[...], separators: separators), "\(prose.debugDescription)")
            }
        }
    }

    /// The one scan before both tests turns away no ticker and no navigation bar: on random
    /// lines (many of them bars: separators and spaces are a third of the pieces), the same
    /// answer as the two tests asked on their own.
    @Test func theSharedScanChangesNeitherTest() {
        var found = 0
        for line in randomLines(20_000) {
            let folded = BoilerplateLines.folded(line[...])
            let separately = BoilerplateLines.isTicker(line[...], folded: folded) || BoilerplateLines.isNavigation(line[...])
            if separately { found += 1 }
            #expect(BoilerplateLines.isTickerOrNavigation(line[...], folded: folded) == separately, "\(line.debugDescription)")
        }
        #expect(found > 100)
    }

    @Test func tickersStillFoundAndProseTurnedAway() {
        let ticker = "Trending: Le port de Tanger • La BMCE lève 2 milliards • Marrakech accueille le sommet"
        #expect(BoilerplateLines.isTicker(ticker[...], folded: BoilerplateLines.folded(ticker[...])))
        let spaced = "Le port de Tanger   La BMCE lève 2 milliards   Marrakech accueille le sommet"
        #expect(BoilerplateLines.isTicker(spaced[...], folded: BoilerplateLines.folded(spaced[...])))
        let prose = "Le ministère de l’Économie a annoncé à Rabat une hausse de 4,5 % des exportations, à 120 km/h."
        #expect(!TickerBreaks.hasSpaceBeforeBreak(prose[...], separators: BoilerplateLines.tickerSeparators))
        #expect(!TickerBreaks.hasSpaceBeforeBreak(prose[...], separators: BoilerplateLines.navigationSeparators))
        let menu = "Economie - Finances - Entreprises - Régions"
        #expect(BoilerplateLines.isNavigation(menu[...]))
        #expect(!BoilerplateLines.isNavigation("Economie Finances Entreprises Régions"[...]))
    }
}
