import ArgumentParser
import DepecheCore
import Foundation

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print the daemon's metrics (from metrics.textfile), or counts read from the event log when metrics are off.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try await options.load()
        if let textfile = config.metricsTextfile, let exposition = FileManager.default.contents(atPath: textfile) {
            print(MetricsSummary.render(exposition: Array(exposition)), terminator: "")
            return
        }
        var counts: [String: Int] = [:]
        var lastSeq = 0
        try EventLogReader(activePath: config.logPath).forEach { event in
            var key = event.type ?? "unknown"
            if let reason = event.string("reason") { key += " (\(reason))" }
            counts[key, default: 0] += 1
            lastSeq = event.seq ?? lastSeq
        }
        print("event log \(config.logPath): last seq \(lastSeq)")
        for (key, count) in counts.sorted(by: { $0.key < $1.key }) { print("  \(key): \(count)") }
        if config.metricsTextfile == nil { print("(metrics.textfile is off: set it for live metrics)") }
    }
}
