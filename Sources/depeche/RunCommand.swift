import ArgumentParser
import DepecheCore
import Logging
import ServiceLifecycle
import UnixSignals

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the daemon in the foreground (systemd's way).")

    @OptionGroup var options: ConfigOptions

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        let config = try await options.load()
        let format = JournalLogHandler.Format.detect(environment: ProcessEnvironment.values(["JOURNAL_STREAM"]))
        let output = JournalLogHandler.Output()
        LoggingSystem.bootstrap { label in
            var handler = JournalLogHandler(label: label, format: format, output: output)
            handler.logLevel = logLevel
            return handler
        }
        let logger = Logger(label: "depeche")
        let metrics = PrometheusMetrics()
        metrics.bootstrap()
        let options = options
        let layer = ServiceLayer(config: config, metrics: metrics, logger: logger)
        let daemon = Daemon(
            config: config, logger: logger, hooks: layer.hooks, makeSink: sinkFactory(config: config, counters: layer.counters))
        var configuration = ServiceGroupConfiguration(
            services: layer.services(
                around: .init(service: daemon, successTerminationBehavior: .gracefullyShutdownGroup),
                reload: { try await daemon.reload(options.load()) }),
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        // Files in flight finish well within this; systemd's TimeoutStopSec is longer.
        configuration.maximumGracefulShutdownDuration = .seconds(20)
        let group = ServiceGroup(configuration: configuration)
        do {
            try await group.run()
        } catch {
            logger.critical("depeche stopped", metadata: ["error": "\(error)"])
            throw ExitCode.failure
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
