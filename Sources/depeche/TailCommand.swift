import ArgumentParser
import DepecheCore
import DepecheNATS
import Glibc
import Synchronization

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

    @Flag(help: "Read the NATS JetStream stream (sink.nats.*) instead of the local log: every host's events, in stream order.")
    var nats = false

    @Option(help: "With --nats: resume where this durable consumer left off, acknowledging each event after printing it (at-least-once).")
    var durable: String?

    func validate() throws {
        if durable != nil && !nats { throw ValidationError("--durable needs --nats") }
        if let durable, !SinkSettings.isToken(durable) { throw ValidationError("--durable: letters, digits, - and _ only") }
        if nats && (cursorFile != nil || from != 1) { throw ValidationError("--nats reads the stream: use --durable, not --cursor-file or --from") }
    }

    func run() async throws {
        let config = try await options.load()
        if nats {
            try tailStream(config.sink.nats)
            return
        }
        let tail = EventTail(activePath: config.logPath, cursorFile: cursorFile)
        try await tail.run(from: from, follow: follow) { emit($0) }
    }

    /// The stream's events as JSON lines; SIGINT or SIGTERM ends it after the batch in hand.
    private func tailStream(_ settings: SinkSettings.NATS) throws {
        signal(SIGINT) { _ in tailInterrupted.store(true, ordering: .relaxed) }
        signal(SIGTERM) { _ in tailInterrupted.store(true, ordering: .relaxed) }
        let connection = try JetStreamConnection(settings: settings, name: "depeche tail")
        let reader = try StreamReader(connection: connection, settings: settings, start: durable.map { .durable($0) } ?? .sequence(1))
        try reader.read(follow: follow, shouldStop: { tailInterrupted.load(ordering: .relaxed) }) { message in
            emit(message.data + [UInt8(ascii: "\n")])
        }
    }
}

/// Set by SIGINT/SIGTERM during `tail --nats`.
private let tailInterrupted = Atomic<Bool>(false)
