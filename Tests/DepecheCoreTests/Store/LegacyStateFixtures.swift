import Foundation

/// The files of Fixtures/legacy-state/ (its README.md says what they hold): an `index.snapshot`
/// and a `near.index` as a depeche from before the state store wrote them.
enum LegacyStateFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/legacy-state")

    /// The path of fixture `name`.
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The bytes of fixture `name`.
    static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: directory.appendingPathComponent(name))) }
}
