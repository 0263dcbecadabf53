import Foundation
import Glibc
import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

@testable import DepecheCore

@Suite struct PrometheusTextfileWriterTests {
    @Test func writeReplacesTheFileWholeAndLeavesNothingElse() throws {
        let directory = TemporaryDirectory()
        let metrics = PrometheusMetrics()
        let counters = PipelineCounters(factory: metrics.factory)
        let writer = PrometheusTextfileWriter(
            configuration: .init(path: directory.path + "/depeche.prom"), metrics: metrics,
            logger: RecordingLogHandler.Store().logger())

        try writer.write()
        counters.documentIngested(bytes: 10, latency: .milliseconds(1))
        try writer.write()

        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["depeche.prom"])
        let text = try #require(directory.read("depeche.prom"))
        #expect(text == metrics.exposition())
        #expect(text.last == UInt8(ascii: "\n"))
        #expect(PrometheusSample.parse(text).contains { $0.name == MetricName.documentsIngested && $0.value == 1 })
        var status = stat()
        #expect(stat(directory.path + "/depeche.prom", &status) == 0)
        #expect(status.st_mode & 0o777 == 0o644)
    }

    @Test func aMissingDirectoryIsReportedWithItsPath() {
        let writer = PrometheusTextfileWriter(
            configuration: .init(path: "/nonexistent/depeche/depeche.prom"), metrics: PrometheusMetrics(),
            logger: RecordingLogHandler.Store().logger())
        do throws(TextfileWriteError) {
            try writer.write()
            Issue.record("writing into a missing directory succeeded")
        } catch {
            #expect(error.operation == "open")
            #expect(error.errno == ENOENT)
            #expect(error.description.contains("/nonexistent/depeche/"))
        }
    }

    @Test func theServiceWritesUntilShutdownAndOnceMoreAfter() async throws {
        let directory = TemporaryDirectory()
        let metrics = PrometheusMetrics()
        let counters = PipelineCounters(factory: metrics.factory)
        let path = directory.path + "/depeche.prom"
        let writer = PrometheusTextfileWriter(
            configuration: .init(path: path, interval: .seconds(60)), metrics: metrics,
            logger: RecordingLogHandler.Store().logger())

        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await writer.run() }
                while directory.read("depeche.prom") == nil { try await Task.sleep(for: .milliseconds(10)) }
                counters.documentRejected(reason: "binary", bytes: 5, latency: .zero)
                trigger.triggerGracefulShutdown()
                try await group.next()
            }
        }
        let text = try #require(directory.read("depeche.prom"))
        #expect(PrometheusSample.parse(text).contains { $0.name == MetricName.documentsRejected && $0.value == 1 })
    }

    @Test func aFailingWriteIsLoggedOnceAndTheServiceKeepsRunning() async throws {
        let logs = RecordingLogHandler.Store()
        let writer = PrometheusTextfileWriter(
            configuration: .init(path: "/nonexistent/depeche.prom", interval: .milliseconds(20)),
            metrics: PrometheusMetrics(), logger: logs.logger())
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await writer.run() }
                try await Task.sleep(for: .milliseconds(200))
                trigger.triggerGracefulShutdown()
                try await group.next()
            }
        }
        let warnings = logs.all.filter { $0.level == .warning && $0.message == "metrics textfile not written" }
        #expect(warnings.count == 2, "one for the run of failures, one for the final write")
    }

    /// The daemon's writer reads the event log's size for each write (not at every event).
    @Test func theDaemonsTextfileHoldsTheLogsSizeWhenWritten() async throws {
        let directory = TemporaryDirectory()
        let logPath = directory.write("events.jsonl", "{}\n")
        let config = try await ConfigLoader.load(
            file: nil,
            environment: ["DEPECHE_METRICS_TEXTFILE": directory.path + "/depeche.prom", "DEPECHE_LOG_PATH": logPath])
        let metrics = PrometheusMetrics()
        let layer = ServiceLayer(config: config, metrics: metrics, logger: RecordingLogHandler.Store().logger(), environment: [:])
        let writer = try #require(
            layer.services(around: .init(service: Idle()), reload: {}).lazy.compactMap { $0.service as? PrometheusTextfileWriter }.first)
        func logged() throws -> Double? {
            try writer.write()
            let text = try #require(directory.read("depeche.prom"))
            return PrometheusSample.parse(text).first { $0.name == MetricName.logSegmentBytes }?.value
        }
        #expect(try logged() == 3)
        _ = directory.write("events.jsonl", String(repeating: "{}\n", count: 1000))
        #expect(try logged() == 3000)
    }

    /// A service that does nothing: the daemon's place in the layer's services.
    private struct Idle: Service {
        func run() async throws {}
    }

    @Test func configurationIsOffUnlessAPathIsSet() async throws {
        let off = try await ConfigLoader.load(file: nil, environment: [:])
        #expect(PrometheusTextfileWriter.Configuration(off) == nil)
        let on = try await ConfigLoader.load(
            file: nil,
            environment: [
                "DEPECHE_METRICS_TEXTFILE": "/var/lib/prometheus/node-exporter/depeche.prom",
                "DEPECHE_METRICS_INTERVAL_S": "30",
            ])
        #expect(
            PrometheusTextfileWriter.Configuration(on)
                == .init(path: "/var/lib/prometheus/node-exporter/depeche.prom", interval: .seconds(30)))
    }
}
