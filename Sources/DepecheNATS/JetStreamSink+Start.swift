import DepecheCore
import Logging

extension JetStreamSink {
    /// Connects, creates or checks the stream, and brings the local log up to date with this
    /// host's events in the stream and in the outbox (`nats.cursor` and `nats.outbox` in
    /// `stateDirectory`). While NATS does not answer it waits, retrying with a growing pause
    /// (up to 5 s) and telling `observer` why; an incompatible stream stops start-up.
    public static func start(
        settings: SinkSettings.NATS, log: JSONLEventLog, stateDirectory: String, logger: Logger, observer: Observer = Observer()
    ) async throws -> JetStreamSink {
        let acknowledgements = AcknowledgementInbox()
        let connection = try JetStreamConnection(settings: settings, name: "depeche \(settings.hostID)", acknowledgements: acknowledgements)
        let publisher = Publisher(
            connection: connection, acknowledgements: acknowledgements, settings: settings, mirror: log,
            cursor: MirrorCursor(path: stateDirectory + "/nats.cursor"), outbox: try Outbox(path: stateDirectory + "/nats.outbox"),
            logger: logger, observer: observer)
        var pause = Duration.milliseconds(250)
        while true {
            do {
                if try StreamSetup.ensure(settings, on: connection) {
                    logger.notice("NATS stream created", metadata: [
                        "nats.stream": "\(settings.stream)", "nats.subjects": "\(settings.subjectPrefix).>", "nats.replicas": "\(settings.replicas)",
                    ])
                }
                try MirrorCatchUp.run(publisher: publisher)
                break
            } catch let error where error is NATSError || error is StreamReader.EndNotReached {
                logger.warning("NATS JetStream not available yet; retrying", metadata: ["error": "\(error)", "pause": "\(pause)"])
                observer.problem("waiting for NATS at start-up (\(error))")
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(5))
            }
        }
        observer.problem(nil)
        publisher.start()
        let sink = JetStreamSink(publisher: publisher)
        try sink.flush()
        logger.info("publishing events to NATS JetStream", metadata: [
            "nats.servers": "\(settings.servers.joined(separator: ","))", "nats.stream": "\(settings.stream)", "host": "\(settings.hostID)",
            "log.seq": "\(log.lastSeq)",
        ])
        return sink
    }
}
