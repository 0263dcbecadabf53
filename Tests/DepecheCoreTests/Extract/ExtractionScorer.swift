import Foundation
@testable import DepecheCore

/// Scores extractions against gold annotations by the rules of the evaluation README (the
/// same rules as scripts/score.py): per document and type, a prediction is a true positive
/// when it matches a gold entity no earlier prediction matched — names by text or alias
/// (case, accents and white space folded), amounts by value within 0.5% (and currency),
/// dates by value; a prediction matching an `ignore` entry is not counted; counts are
/// summed over documents.
struct ExtractionScorer {
    /// True positives, false positives and false negatives of one type.
    struct Counts: Equatable {
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0

        /// The harmonic mean of precision and recall (0 when nothing was found or expected).
        var f1: Double {
            let predicted = truePositives + falsePositives, expected = truePositives + falseNegatives
            guard predicted > 0, expected > 0, truePositives > 0 else { return 0 }
            let precision = Double(truePositives) / Double(predicted)
            let recall = Double(truePositives) / Double(expected)
            return 2 * precision * recall / (precision + recall)
        }

        static func + (a: Counts, b: Counts) -> Counts {
            Counts(truePositives: a.truePositives + b.truePositives, falsePositives: a.falsePositives + b.falsePositives,
                   falseNegatives: a.falseNegatives + b.falseNegatives)
        }
    }

    /// One gold line: the document's name and its expected and ignored entities.
    struct GoldDocument {
        var doc: String
        var entities: [[String: Any]]
        var ignore: [[String: Any]]
    }

    /// Relative tolerance on amounts.
    private static let tolerance = 0.005
    private static let named: Set<String> = ["PERSON", "ORG", "LOC"]

    /// The lines of a gold file.
    static func gold(at url: URL) throws -> [GoldDocument] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let doc = object["doc"] as? String else { throw CocoaError(.coderReadCorrupt) }
            return GoldDocument(doc: doc, entities: object["entities"] as? [[String: Any]] ?? [],
                                ignore: object["ignore"] as? [[String: Any]] ?? [])
        }
    }

    /// Counts per entity type for one document.
    static func score(_ entities: [Entity], against gold: GoldDocument) -> [String: Counts] {
        var counts: [String: Counts] = [:]
        var matched = [Bool](repeating: false, count: gold.entities.count)
        for entity in entities {
            let type = entity.type.rawValue
            if let hit = gold.entities.indices.first(where: { !matched[$0] && matches(entity, gold.entities[$0]) }) {
                matched[hit] = true
                counts[type, default: Counts()].truePositives += 1
            } else if !gold.ignore.contains(where: { ignores($0, entity) }) {
                counts[type, default: Counts()].falsePositives += 1
            }
        }
        for (index, expected) in gold.entities.enumerated() where !matched[index] {
            counts[expected["type"] as? String ?? "", default: Counts()].falseNegatives += 1
        }
        return counts
    }

    private static func ignores(_ entry: [String: Any], _ entity: Entity) -> Bool {
        let type = entry["type"] as? String
        if type == entity.type.rawValue { return matches(entity, entry) }
        return type == "MISC" && named.contains(entity.type.rawValue) && names(entry).contains(fold(entity.text))
    }

    private static func matches(_ entity: Entity, _ gold: [String: Any]) -> Bool {
        guard gold["type"] as? String == entity.type.rawValue else { return false }
        switch entity.value {
        case nil:
            return names(gold).contains(fold(entity.text))
        case .date(let iso)?:
            return gold["value"].map { "\($0)" } == iso
        case .number(let value)?:
            guard let expected = (gold["value"] as? NSNumber)?.doubleValue,
                  abs(value - expected) <= tolerance * max(abs(value), abs(expected)) else { return false }
            guard entity.type == .money, let currency = gold["currency"] as? String else { return true }
            return entity.currency == currency
        }
    }

    private static func names(_ gold: [String: Any]) -> Set<String> {
        Set(([gold["text"] as? String ?? ""] + (gold["aliases"] as? [String] ?? [])).map(fold))
    }

    /// Case- and accent-insensitive form with white space folded.
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
