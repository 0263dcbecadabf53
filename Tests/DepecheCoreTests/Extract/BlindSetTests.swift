import Foundation
import Testing
@testable import DepecheCore

/// The extractor on the blind set: 33 pages (11 English, 11 Arabic, 11 French; text, HTML and
/// one UTF-16 page) from outlets no gazetteer lists, written and annotated by helpers before any
/// rule was changed for them (Fixtures/extract/blind; first score in issue 12's closing note).
/// Scored through the whole analyzer (decode → clean → extract), like `depeche extract`:
/// `make eval EVAL=Tests/DepecheCoreTests/Fixtures/extract/blind` shows the errors.
@Suite struct BlindSetTests {
    static let directory = ExtractTestSupport.root.appendingPathComponent("Tests/DepecheCoreTests/Fixtures/extract/blind")

    /// Entity counts per language (the file name's prefix) and metadata hits over the set.
    struct Scores {
        var entities: [String: ExtractionScorer.Counts] = [:]
        /// Entity counts per language and type ("ar ORG").
        var types: [String: ExtractionScorer.Counts] = [:]
        var metadata: [String: Int] = [:]
        var documents = 0
    }

    static let scores: Scores = {
        do { return try scoreSet(directory) } catch { fatalError("cannot score the blind set: \(error)") }
    }()

    /// Scores the set in `directory` (`docs/` and `gold.jsonl`).
    static func scoreSet(_ directory: URL) throws -> Scores {
        let analyzer = DocumentAnalyzer(extractor: ExtractTestSupport.extractor)
        let lines = try String(contentsOf: directory.appendingPathComponent("gold.jsonl"), encoding: .utf8).split(separator: "\n")
        var scores = Scores()
        for (line, gold) in zip(lines, try ExtractionScorer.gold(at: directory.appendingPathComponent("gold.jsonl"))) {
            let expected = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent("docs/\(gold.doc)")))
            let analyzed = try analyzer.analyze(bytes, fileExtension: (gold.doc as NSString).pathExtension)
            let language = String(gold.doc.prefix(2))
            for (type, counts) in ExtractionScorer.score(analyzed.extraction.entities, against: gold) {
                scores.entities[language] = (scores.entities[language] ?? ExtractionScorer.Counts()) + counts
                let key = "\(language) \(type)"
                scores.types[key] = (scores.types[key] ?? ExtractionScorer.Counts()) + counts
            }
            let found: [String: String?] = [
                "title": analyzed.extraction.title, "published": analyzed.extraction.published,
                "author": analyzed.extraction.author, "source": analyzed.extraction.source,
            ]
            for (field, value) in found where value.map(ExtractionScorer.fold) == (expected[field] as? String).map(ExtractionScorer.fold) {
                scores.metadata[field, default: 0] += 1
            }
            scores.documents += 1
        }
        return scores
    }

    /// Entity F1 each language must keep on the blind pages, just under what it reaches.
    private static let entityFloor: [String: Double] = ["en": 0.96, "ar": 0.97, "fr": 0.95]

    @Test(arguments: ["en", "ar", "fr"]) func entitiesPerLanguage(language: String) {
        let counts = Self.scores.entities[language] ?? ExtractionScorer.Counts()
        #expect(counts.f1 >= Self.entityFloor[language, default: 0.80], "\(language): F1 \(counts.f1), \(counts)")
    }

    /// Arabic names: people, organisations and places each (issue 12's goal).
    @Test(arguments: ["PERSON", "ORG", "LOC"]) func arabicNames(type: String) {
        let counts = Self.scores.types["ar \(type)"] ?? ExtractionScorer.Counts()
        #expect(counts.f1 >= 0.92, "ar \(type): F1 \(counts.f1), \(counts)")
    }

    /// People, organisations and places over the three languages: F1 ≥ 0.92 each (issue 12's goal).
    @Test(arguments: ["PERSON", "ORG", "LOC"]) func names(type: String) {
        let counts = ["en", "ar", "fr"].reduce(ExtractionScorer.Counts()) { $0 + (Self.scores.types["\($1) \(type)"] ?? ExtractionScorer.Counts()) }
        #expect(counts.f1 >= 0.92, "\(type): F1 \(counts.f1), \(counts)")
    }

    @Test(arguments: ["title", "published", "author", "source"]) func metadata(field: String) {
        let hits = Self.scores.metadata[field] ?? 0
        #expect(Self.scores.documents == 33)
        #expect(Double(hits) / 33 >= 0.96, "\(field): \(hits) of 33 pages")
    }
}

/// The second blind set: 13 pages (4 English, 4 French, 5 Arabic) written while the rules were
/// being changed for the first set and scored once at the end, as they were (issue 12's closing
/// note): the honest measure of how the rules generalise. Its floors were that score, rounded
/// down (0.90, 11 of 13); general rules made since for its errors raised them (no longer blind).
@Suite struct SecondBlindSetTests {
    static let scores: BlindSetTests.Scores = {
        let directory = ExtractTestSupport.root.appendingPathComponent("Tests/DepecheCoreTests/Fixtures/extract/blind2")
        do { return try BlindSetTests.scoreSet(directory) } catch { fatalError("cannot score the second blind set: \(error)") }
    }()

    @Test(arguments: ["en", "ar", "fr"]) func entitiesPerLanguage(language: String) {
        let counts = Self.scores.entities[language] ?? ExtractionScorer.Counts()
        #expect(counts.f1 >= 0.93, "\(language): F1 \(counts.f1), \(counts)")
    }

    @Test(arguments: ["title", "published", "author", "source"]) func metadata(field: String) {
        #expect(Self.scores.documents == 13)
        #expect((Self.scores.metadata[field] ?? 0) >= 12, "\(field): \(Self.scores.metadata[field] ?? 0) of 13 pages")
    }
}
