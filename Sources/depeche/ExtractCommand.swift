import ArgumentParser
import DepecheCore
import Glibc

struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the event the daemon would log for each file (no state, no moves).")

    @OptionGroup var options: ConfigOptions

    @Argument(help: "Files to read.")
    var files: [String]

    func run() async throws {
        let config = try await options.load()
        let extraction = StandaloneExtraction(analyzer: try Daemon.analyzer(for: config), config: config)
        let progress = isatty(STDERR_FILENO) == 1 ? ProgressBar(total: files.count) : nil
        for (index, file) in files.enumerated() {
            let line = extraction.eventLine(forFileAt: file, seq: index + 1)
            emit(line)
            progress?.show(done: index + 1)
        }
        progress?.finish()
    }
}
