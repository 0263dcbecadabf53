import ArgumentParser
import DepecheCore
import Glibc

struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the event the daemon would log for each file (no state, no moves).",
        discussion: """
            - reads one page from standard input (its event's path is -); links are not followed, \
            as in the inbox, so give -, not /dev/stdin. A FILE that does not exist is named on \
            stderr and the exit status is \(missingFileStatus.rawValue); the other files are still read.
            """)

    /// The exit status when a FILE leads to no file (or names standard input through a link).
    static let missingFileStatus = ExitCode.validationFailure

    @OptionGroup var options: ConfigOptions

    @Argument(help: "Files to read; - for standard input.")
    var files: [String]

    func validate() throws {
        if files.count(where: { $0 == "-" }) > 1 { throw ValidationError("- (standard input) can be given once") }
    }

    func run() async throws {
        let config = try await options.load()
        let extraction = StandaloneExtraction(analyzer: try Daemon.analyzer(for: config), config: config)
        let progress = isatty(STDERR_FILENO) == 1 ? ProgressBar(total: files.count) : nil
        var (printed, refused) = (0, false)
        for (index, file) in files.enumerated() {
            do {
                let event = file == "-" ? extraction.event(readingStandardInput: STDIN_FILENO) : try extraction.event(forFileAt: file)
                // The line in place: a page's text may be megabytes, a copy of it as many more.
                event.withLine(seq: printed + 1, at: event.receipt.received) { emit($0) }
                printed += 1
            } catch {
                if progress != nil { emitError("\n") }
                emitError("depeche extract: \(error)\n")
                refused = true
            }
            progress?.show(done: index + 1)
        }
        progress?.finish()
        if refused { throw Self.missingFileStatus }
    }
}
