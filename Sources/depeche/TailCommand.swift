import ArgumentParser
import DepecheCore
import DepecheNATS
import Glibc
import Synchronization

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

    // `.unconditional`: `--from -5` reaches validate() (and its message) instead of reading as a flag.
    @Option(parsing: .unconditional, help: "Start at this seq, 1 or more (default: the oldest event still kept).")
    var from: Int?

    @Option(help: "Resume after the last seq recorded in this file, and record what is printed (at-least-once).")
    var cursorFile: String?

    @Flag(help: "Keep printing new events as they are appended.")
    var follow = false

    @Flag(help: "When events are gone from the log, warn on stderr and go on after them instead of failing.")
    var skipMissing = false

    @Flag(help: "Read the NATS JetStream stream (sink.nats.*) instead of the local log: every host's events, in stream order.")
    var nats = false

    @Option(help: "With --nats: resume where this durable consumer left off, acknowledging each event after printing it (at-least-once).")
    var durable: String?

    func validate() throws {
        if let from, from < 1 { throw ValidationError("--from takes a seq, 1 or more (the log's first event is seq 1), got \(from)") }
        if durable != nil && !nats { throw ValidationError("--durable needs --nats") }
        if let durable, !SinkSettings.isToken(durable) { throw ValidationError("--durable: letters, digits, - and _ only") }
        if nats && (cursorFile != nil || from != nil || skipMissing) { throw ValidationError("--nats reads the stream: use --durable, not --cursor-file, --from or --skip-missing") }
    }

    func run() async throws {
        let config = try await options.load()
        if nats {
            try tailStream(config.sink.nats)
            return
        }
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
