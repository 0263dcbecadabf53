import DepecheCore
import Foundation
import Logging
import Testing

/// Every input kept from fuzzing (Fuzz/corpus-crashes/<Target>/: inputs that once crashed a
/// target, fixed since; Fuzz/seeds/<Target>/: the seed corpus) replayed through the target's
/// own calls (``FuzzReplay``) in the normal build.
@Suite struct FuzzRegressionTests {
    static let root = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(4).joined(separator: "/")

    /// The kept inputs of one target.
    static func inputs(_ target: String) -> [[UInt8]] {
        ["corpus-crashes", "seeds"].flatMap { folder -> [[UInt8]] in
            let directory = "\(root)/Fuzz/\(folder)/\(target)"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().compactMap { name in
                FileManager.default.contents(atPath: directory + "/" + name).map(Array.init)
            }
        }
    }

    @Test func decodeInputs() {
        let inputs = Self.inputs("FuzzDecode")
        #expect(!inputs.isEmpty, "no kept inputs under \(Self.root)/Fuzz")
        inputs.forEach(FuzzReplay.decode)
    }

    @Test func analyzeInputs() {
        let analyzer = FuzzReplay.analyzer()
        #expect(!analyzer.extractor.gazetteer.entries.isEmpty, "the built-in gazetteer did not load")
        let inputs = Self.inputs("FuzzAnalyze")
        #expect(!inputs.isEmpty)
        for bytes in inputs { FuzzReplay.analyze(bytes, with: analyzer) }
    }

    @Test func cleanInputs() {
        let inputs = Self.inputs("FuzzClean")
        #expect(!inputs.isEmpty)
        inputs.forEach(FuzzReplay.clean)
    }

    @Test func eventLogInputs() async throws {
        let scratch = TemporaryDirectory()
        let config = try await ConfigLoader.load(file: nil, environment: [:], overrides: ["state_dir": scratch.path, "log.fsync": "never"])
        let quiet = Logger(label: "fuzz", factory: { _ in SwiftLogNoOpLogHandler() })
        let inputs = Self.inputs("FuzzEventLog")
        #expect(!inputs.isEmpty)
        for bytes in inputs {
            FuzzReplay.eventLog(bytes, options: JSONLEventLog.Options(config), snapshotPath: scratch.url("index.snapshot"), logger: quiet)
        }
    }
}
