import DepecheCore
import DepecheNATS

/// `sink.kind`: the local event log alone, or NATS JetStream with the local log as this host's
/// copy. The STATUS line and the metrics follow the NATS sink through `counters`.
func sinkFactory(config: DepecheConfig, counters: PipelineCounters) -> EventSinkFactory {
    switch config.sink.kind {
    case .jsonl:
        return { log, _ in log }
    case .nats:
        let settings = config.sink.nats
        let observer = JetStreamSink.Observer(
            problem: { counters.sinkProblem($0) }, published: { counters.published(latency: $0) })
        return { log, logger in
            try await JetStreamSink.start(
                settings: settings, log: log, stateDirectory: config.stateDirectory, logger: logger, observer: observer)
        }
    }
}
