import Foundation

/// The products `swift test` built next to the test runner.
enum BuiltBinary {
    /// `.build/<configuration>/depeche`.
    static var depeche: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("depeche")
    }

    /// The project's gazetteers (`config/gazetteer`), for daemons started outside the package root.
    static var gazetteer: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("config/gazetteer").path
    }
}
