import ArgumentParser
import DepecheCore

struct TailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail", abstract: "Print events from the log in order, across rotated segments.",
        discussion: """
            Events that should be printed but are gone from the log (log.retain_segments removed \
            their segment) are never skipped silently: tail names the missing seq range on stderr \
            and exits with status \(missingEventsStatus.rawValue) before printing anything after them, \
            unless --skip-missing is given.
            """)

    /// The exit status when events are gone from the log.
    static let missingEventsStatus = ExitCode(3)

    @OptionGroup var options: ConfigOptions

    @Option(help: "Start at this seq (default: the oldest event still kept).")
    var from: Int?

    @Option(help: "Resume after the last seq recorded in this file, and record what is printed (at-least-once).")
    var cursorFile: String?

    @Flag(help: "Keep printing new events as they are appended.")
    var follow = false

    @Flag(help: "When events are gone from the log, warn on stderr and go on after them instead of failing.")
    var skipMissing = false

    func run() async throws {
        let config = try await options.load()
        let tail = EventTail(activePath: config.logPath, cursorFile: cursorFile)
        do {
            try await tail.run(from: from, follow: follow, missing: reportMissing) { emit($0) }
        } catch let gone as MissingEvents {
            emitError("depeche tail: \(gone); nothing after them printed (--skip-missing goes on after them)\n")
            throw Self.missingEventsStatus
        }
    }

    private func reportMissing(_ range: ClosedRange<Int>) throws {
        guard skipMissing else { throw MissingEvents(range: range) }
        emitError("depeche tail: warning: \(MissingEvents(range: range)); going on at \(range.upperBound + 1)\n")
    }
}
