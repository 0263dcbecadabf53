import Testing

@testable import DepecheCore

@Suite struct ExtractionWindowsTests {
    static let paragraphs = [
        "Le ministre de l'Agriculture Ahmed Benali a inauguré lundi à Meknès une unité de stockage de 12.000 tonnes.",
        "La Banque africaine de développement a accordé un prêt de 40 millions de dirhams à la coopérative.",
        "Selon Karima Tazi, directrice régionale, les exportations vers l'Espagne ont progressé de 7,5 %.",
        "À Fès, le conseil de la ville a voté le 3 mars 2025 un budget en hausse pour les transports.",
    ]

    /// A headline, then the paragraphs `rounds` times over.
    static func article(rounds: Int) -> String {
        "Meknès : une nouvelle unité de stockage pour les céréaliers\n\n"
            + Array(repeating: paragraphs, count: rounds).joined().joined(separator: "\n\n") + "\n"
    }

    @Test func windowsCoverTheTextOnceEndAtParagraphBreaksAndNeverExceedTheirSize() {
        let text = Self.article(rounds: 6)
        var windows = TextWindows(text, maxBytes: 400)
        var joined = ""
        var count = 0
        while let window = windows.next() {
            #expect(window.scalarOffset == joined.unicodeScalars.count)
            #expect(window.text.utf8.count <= 400)
            if !joined.isEmpty || window.text.utf8.count < text.utf8.count { #expect(window.text.hasSuffix("\n\n") || window.text.hasSuffix("\n")) }
            joined += window.text
            count += 1
        }
        #expect(joined == text)
        #expect(count >= text.utf8.count / 400)
    }

    @Test func aTextWithoutSeparatorsIsCutBetweenScalars() {
        let text = String(repeating: "المغرب", count: 200)
        var windows = TextWindows(text, maxBytes: 101)
        var joined = ""
        while let window = windows.next() {
            #expect(window.text.utf8.count <= 101)
            #expect(window.scalarOffset == joined.unicodeScalars.count)
            joined += window.text
        }
        #expect(joined == text)
    }

    @Test func anArticleExtractedInWindowsHasTheEntitiesOfTheWholeAndOffsetsIntoTheWhole() {
        let text = Self.article(rounds: 5)
        let article = Article(text: text)
        let whole = ExtractTestSupport.extractor.extractWhole(article)
        let windowed = ExtractTestSupport.extractor.extractInWindows(article, windowBytes: 700)
        #expect(windowed.title == whole.title)
        #expect(windowed.lang == whole.lang)
        func summary(_ extraction: Extraction) -> [String] {
            extraction.entities.map { "\($0.type.rawValue) \($0.text) \($0.count)" }
        }
        #expect(summary(windowed) == summary(whole))
        let scalars = Array(text.unicodeScalars)
        for entity in windowed.entities {
            #expect(entity.offsets == whole.entities.first { $0.type == entity.type && $0.text == entity.text }?.offsets)
            for range in entity.offsets where entity.value == nil {
                let mention = String(String.UnicodeScalarView(scalars[range]))
                #expect(FoldedKey.of(mention) == FoldedKey.of(entity.text), "\(mention) for \(entity.text)")
            }
        }
    }

    @Test func aNameFoundAgainKeepsItsFirstTypeAndAmountsMergeOnlyWithTheSameValue() {
        var merger = EntityMerger([
            Entity(type: .loc, text: "Tanger Med", count: 1, offsets: [4..<14]),
            Entity(type: .money, text: "12 MDH", count: 1, value: .number(12e6), currency: "MAD", offsets: [20..<26]),
        ])
        merger.add([
            Entity(type: .org, text: "TANGER MED", count: 2, offsets: [1..<11, 30..<40]),
            Entity(type: .money, text: "13 MDH", count: 1, value: .number(13e6), currency: "MAD", offsets: [50..<56]),
        ], at: 100)
        #expect(merger.entities.map(\.type) == [.loc, .money, .money])
        #expect(merger.entities[0].text == "Tanger Med" && merger.entities[0].count == 3)
        #expect(merger.entities[0].offsets == [4..<14, 101..<111, 130..<140])
        #expect(merger.entities[2].offsets == [150..<156])
    }

    @Test func onlyArticlesLongerThanTheThresholdAreCut() {
        let short = Article(text: Self.article(rounds: 1))
        #expect(ExtractTestSupport.extractor.extract(short) == ExtractTestSupport.extractor.extractWhole(short))
        #expect(short.text.utf8.count < Extractor.windowBytes)
        // Longer than a window, shorter than the threshold: extracted whole, so that the surname
        // at the end is the minister named at the start (in windows it would not be).
        let filler = "Le marché des céréales reste stable cette semaine, selon les opérateurs du secteur.\n\n"
        let long = Article(text: "La ministre Ghita Zniber a inauguré le silo de Meknès.\n\n"
            + String(repeating: filler, count: Extractor.windowBytes / filler.utf8.count + 1)
            + "Zniber a ajouté que le silo sera agrandi.\n")
        #expect(long.text.utf8.count > Extractor.windowBytes && long.text.utf8.count <= Extractor.windowedAbove)
        let whole = ExtractTestSupport.extractor.extractWhole(long)
        #expect(ExtractTestSupport.extractor.extract(long) == whole)
        #expect(ExtractTestSupport.extractor.extractInWindows(long) != whole)
    }
}
