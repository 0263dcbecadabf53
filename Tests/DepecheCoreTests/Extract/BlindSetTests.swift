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

/// The later blind sets, each written by a helper while the rules were being changed and scored
/// once, as it was (issue 12's closing notes): the honest measures of how the rules generalise.
/// - `blind2`: 13 pages (4 English, 4 French, 5 Arabic); first score 0.919, then its errors were
///   fixed by general rules too.
/// - `blind3`: 12 pages (4 of each); first score 0.877, then fixed the same way.
/// - `blind4`: 12 pages (4 of each); first score 0.893 (title 6, date 8, author 7, source 9 of
///   12), then fixed the same way.
/// - `blind5`: 12 pages (4 of each); first score 0.903 (en 0.907, fr 0.931, ar 0.869; title 12,
///   date 11, author 9, source 12 of 12), then fixed the same way.
/// - `blind6`: 12 pages (4 of each); first score 0.877 (en 0.905, fr 0.910, ar 0.814; title 11,
///   date 11, author 10, source 11 of 12), then fixed the same way.
/// - `blind7`: 30 pages (10 of each); first score 0.910 (en 0.924, fr 0.920, ar 0.882; PERSON
///   0.859, ORG 0.819, LOC 0.889; title 25, date 23, author 19, source 27 of 30), then fixed the
///   same way.
/// - `blind8`: 30 pages (10 of each; 12 HTML); first score 0.940 at fe6408d (en 0.946, fr 0.955,
///   ar 0.916; PERSON 0.944, ORG 0.880, LOC 0.908; title 28, date 29, author 27, source 22 of 30),
///   then fixed the same way.
/// - `blind9`: 30 pages (10 of each; 12 HTML, 15 from outlets invented); first score 0.921 at
///   fc1b4d6 (en 0.957, fr 0.906, ar 0.895; title 23, date 21, author 23, source 20 of 30), then
///   fixed the same way.
/// - `blind10`: 30 pages (10 of each; 12 HTML, 17 from outlets invented; comments, AMP, JSON-LD,
///   communiqués, interviews, live blogs, tables, bylines at the end); first score 0.910 at fb0c4fe
///   (en 0.952, fr 0.915, ar 0.843; title 26, date 26, author 21, source 28 of 30), then fixed the
///   same way.
/// - `blind11`: 30 pages (10 of each; 12 HTML, 17 from outlets invented; opinion columns, court and
///   match reports, weather bulletins, print versions, Open Graph and microdata, results in bullets,
///   two-author bylines, obituaries, tag lists); first score 0.936 at 2bc9bb5 (en 0.942, fr 0.962,
///   ar 0.901; title 26, date 25, author 21, source 27 of 30), then fixed the same way.
/// - `blind12`: 30 pages (10 of each; 12 HTML, 18 from outlets invented; live blogs, interviews,
///   communiqués, council sessions, price tables, JSON-LD only, photo credits, readers' comments,
///   paywalls, round-ups, correspondents and translators); first score 0.939 at 49ce17d (en 0.941,
///   fr 0.944, ar 0.931; title 27, date 29, author 26, source 27 of 30), then fixed the same way.
/// Their floors are just under today's scores.
@Suite struct LaterBlindSetsTests {
    struct Floors: Sendable {
        var documents: Int
        var entities: Double
        var metadata: Int
    }

    static let floors: [String: Floors] = [
        "blind2": Floors(documents: 13, entities: 0.93, metadata: 12),
        "blind3": Floors(documents: 12, entities: 0.89, metadata: 11),
        "blind4": Floors(documents: 12, entities: 0.85, metadata: 11),
        "blind5": Floors(documents: 12, entities: 0.94, metadata: 12),
        "blind6": Floors(documents: 12, entities: 0.94, metadata: 12),
        "blind7": Floors(documents: 30, entities: 0.95, metadata: 29),
        "blind8": Floors(documents: 30, entities: 0.93, metadata: 29),
        "blind9": Floors(documents: 30, entities: 0.92, metadata: 27),
        "blind10": Floors(documents: 30, entities: 0.93, metadata: 26),
        "blind11": Floors(documents: 30, entities: 0.93, metadata: 26),
        "blind12": Floors(documents: 30, entities: 0.94, metadata: 27),
    ]

    static let scores: [String: BlindSetTests.Scores] = floors.keys.reduce(into: [:]) { scores, set in
        let directory = ExtractTestSupport.root.appendingPathComponent("Tests/DepecheCoreTests/Fixtures/extract/\(set)")
        do { scores[set] = try BlindSetTests.scoreSet(directory) } catch { fatalError("cannot score \(set): \(error)") }
    }

    @Test(arguments: ["blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10", "blind11", "blind12"], ["en", "ar", "fr"]) func entitiesPerLanguage(set: String, language: String) throws {
        let floors = try #require(Self.floors[set])
        let counts = Self.scores[set]?.entities[language] ?? ExtractionScorer.Counts()
        #expect(counts.f1 >= floors.entities, "\(set) \(language): F1 \(counts.f1), \(counts)")
    }

    @Test(arguments: ["blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10", "blind11", "blind12"], ["title", "published", "author", "source"]) func metadata(set: String, field: String) throws {
        let floors = try #require(Self.floors[set])
        #expect(Self.scores[set]?.documents == floors.documents)
        let hits = Self.scores[set]?.metadata[field] ?? 0
        #expect(hits >= floors.metadata, "\(set) \(field): \(hits) of \(floors.documents) pages")
    }
}
