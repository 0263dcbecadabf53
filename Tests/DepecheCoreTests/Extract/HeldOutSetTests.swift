import Foundation
import Testing
@testable import DepecheCore

/// The extractor on pages it was not written against: Fixtures/extract/heldout holds the
/// project's own scraped-style pages (docs/) and their hand annotations (gold.jsonl, the
/// format of the evaluation README). Run `make eval EVAL=Tests/DepecheCoreTests/Fixtures/extract/heldout`
/// for the per-type report and the errors.
@Suite struct HeldOutSetTests {
    static let directory = ExtractTestSupport.root.appendingPathComponent("Tests/DepecheCoreTests/Fixtures/extract/heldout")

    /// Cleans and extracts every held-out page; returns the counts per type over the set.
    static func scoreSet() throws -> [String: ExtractionScorer.Counts] {
        var totals: [String: ExtractionScorer.Counts] = [:]
        for gold in try ExtractionScorer.gold(at: directory.appendingPathComponent("gold.jsonl")) {
            let page = try String(contentsOf: directory.appendingPathComponent("docs/\(gold.doc)"), encoding: .utf8)
            let extraction = ExtractTestSupport.extractor.extract(Article(text: TextBoilerplate.articleText(of: page)))
            for (type, counts) in ExtractionScorer.score(extraction.entities, against: gold) {
                totals[type] = (totals[type] ?? ExtractionScorer.Counts()) + counts
            }
        }
        return totals
    }

    @Test func overallF1IsAtLeast085() throws {
        let totals = try Self.scoreSet()
        let overall = totals.values.reduce(ExtractionScorer.Counts(), +)
        #expect(overall.truePositives > 350, "the set has 444 gold entities")
        #expect(overall.f1 >= 0.85, "overall F1 \(overall.f1): \(totals)")
    }

    @Test func scorerCountsLikeTheReadme() {
        let gold = ExtractionScorer.GoldDocument(doc: "a.txt", entities: [
            ["type": "PERSON", "text": "Otmane Serraj", "aliases": ["Othmane Serraj"]],
            ["type": "MONEY", "text": "10 milliards de DH", "value": 1e10, "currency": "MAD"],
            ["type": "DATE", "text": "7 février 2024", "value": "2024-02-07"],
        ], ignore: [["type": "MISC", "text": "RGPD"]])
        let predicted = [
            Entity(type: .person, text: "OTHMANE  Serraj", count: 1, offsets: []),
            Entity(type: .person, text: "Otmane Serraj", count: 1, offsets: []),
            Entity(type: .money, text: "10 MMDH", count: 1, value: .number(1.004e10), currency: "MAD", offsets: []),
            Entity(type: .org, text: "RGPD", count: 1, offsets: []),
            Entity(type: .date, text: "8 février 2024", count: 1, value: .date("2024-02-08"), offsets: []),
        ]
        let counts = ExtractionScorer.score(predicted, against: gold)
        #expect(counts["PERSON"] == ExtractionScorer.Counts(truePositives: 1, falsePositives: 1, falseNegatives: 0))
        #expect(counts["MONEY"] == ExtractionScorer.Counts(truePositives: 1, falsePositives: 0, falseNegatives: 0))
        #expect(counts["ORG"] == nil, "RGPD is ignored")
        #expect(counts["DATE"] == ExtractionScorer.Counts(truePositives: 0, falsePositives: 1, falseNegatives: 1))
        #expect(abs((counts["PERSON"] ?? .init()).f1 - 2.0 / 3.0) < 1e-9)
    }
}
