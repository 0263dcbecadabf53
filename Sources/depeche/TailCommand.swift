import ArgumentParser
import DepecheCore

struct TailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail", abstract: "Print events from the log in order, across rotated segments.")

    @OptionGroup var options: ConfigOptions

    @Option(help: "Start at this seq.")
    var from: Int = 1

    @Option(help: "Resume after the last seq recorded in this file, and record what is printed (at-least-once).")
    var cursorFile: String?

    @Flag(help: "Keep printing new events as they are appended.")
    var follow = false

    func run() async throws {
        let config = try await options.load()
        let tail = EventTail(activePath: config.logPath, cursorFile: cursorFile)
        try await tail.run(from: from, follow: follow) { emit($0) }
    }
}
