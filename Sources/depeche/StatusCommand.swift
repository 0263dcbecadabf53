import ArgumentParser
import DepecheCore
import Foundation

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print the daemon's metrics (from metrics.textfile), or counts read from the event log when metrics are off.",
        discussion: "The first line says whether a daemon runs on the state directory (its lock tells), the next when the metrics were written.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try await options.load()
        let presence = DaemonPresence.of(stateDirectory: config.stateDirectory)
        print(StatusHeader.daemon(presence, stateDirectory: config.stateDirectory))
        if let textfile = config.metricsTextfile, let exposition = FileManager.default.contents(atPath: textfile) {
            if let written = StatusHeader.metrics(textfile: textfile, presence: presence) { print(written) }
            print(MetricsSummary.render(exposition: Array(exposition)), terminator: "")
            return
        }
        let logExists = FileManager.default.fileExists(atPath: config.logPath)
        var counts: [String: Int] = [:]
        var lastSeq = 0
        if logExists {
            try EventLogReader(activePath: config.logPath).forEach { event in
                var key = event.type ?? "unknown"
                if let reason = event.string("reason") { key += " (\(reason))" }
                counts[key, default: 0] += 1
                lastSeq = event.seq ?? lastSeq
            }
        }
        if lastSeq == 0, let storeSeq = try StoreCheck.seq(config: config), storeSeq > 0 {
            // Moved away or removed (logrotate, say): the daemon goes on after the store's seq.
            print("event log \(config.logPath): \(logExists ? "no events" : "none") (moved away or removed); the state store "
                + "is at seq \(storeSeq): the next event is seq \(storeSeq + 1)")
            return
        }
        guard logExists else { throw NoEventLog(path: config.logPath) }
        print("event log \(config.logPath): last seq \(lastSeq)")
        for (key, count) in counts.sorted(by: { $0.key < $1.key }) { print("  \(key): \(count)") }
        if config.metricsTextfile == nil { print("(metrics.textfile is off: set it for live metrics)") }
    }
}

/// `status` found no log where the configuration puts it, and no state store: the daemon never
/// ran with it (or the path is mistyped), which "last seq 0" would hide.
struct NoEventLog: Error, CustomStringConvertible {
    var path: String

    var description: String { "no event log at \(path): depeche has not run with this configuration (check --state-dir, log.path or --config)" }
}
