import Foundation

/// The products `swift test` built next to the test runner.
enum BuiltBinary {
    /// `.build/<configuration>/depeche`.
    static var depeche: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("depeche")
    }
}
