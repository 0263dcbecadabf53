import Foundation
@testable import DepecheCore

/// Shared helpers for the extraction tests: the project's gazetteer and the fixtures.
enum ExtractTestSupport {
    /// The repository root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The shipped (built-in) gazetteer.
    static let gazetteer: Gazetteer = {
        do {
            return try Gazetteer.builtIn()
        } catch {
            fatalError("cannot load the built-in gazetteer: \(error)")
        }
    }()

    /// An extractor over the shipped gazetteer.
    static let extractor = Extractor(gazetteer: gazetteer)

    /// A fixture page of Tests/DepecheCoreTests/Fixtures/extract.
    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("Tests/DepecheCoreTests/Fixtures/extract/\(name)"),
                   encoding: .utf8)
    }

    /// Extracts from plain article text.
    static func extract(_ text: String) -> Extraction { extractor.extract(Article(text: text)) }

    /// The entities of `type` in `text`, as their first surface forms.
    static func texts(_ type: EntityType, in text: String) -> [String] {
        extract(text).entities.filter { $0.type == type }.map(\.text)
    }
}
