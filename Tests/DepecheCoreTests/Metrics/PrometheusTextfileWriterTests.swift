import Glibc
import Logging
import ServiceLifecycleTestKit
import Testing

@testable import DepecheCore

@Suite struct PrometheusTextfileWriterTests {
    /// A fresh directory under /tmp, removed with its files when the test ends.
    private final class Directory {
        let path: String
        init() throws {
            var template = Array("/tmp/depeche-textfile-XXXXXX".utf8CString)
            guard mkdtemp(&template) != nil else { throw POSIXFailure(call: "mkdtemp") }
            path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        deinit {
            for name in entries() { unlink(path + "/" + name) }
            rmdir(path)
        }
        func entries() -> [String] {
            guard let directory = opendir(path) else { return [] }
            defer { closedir(directory) }
            var names: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                    String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { names.append(name) }
            }
            return names.sorted()
        }
        func contents(of name: String) -> [UInt8]? {
            let fd = open(path + "/" + name, O_RDONLY)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while case let count = read(fd, &buffer, buffer.count), count > 0 { bytes += buffer[..<count] }
            return bytes
        }
    }

    @Test func writeReplacesTheFileWholeAndLeavesNothingElse() throws {
        let directory = try Directory()
        let metrics = PrometheusMetrics()
        let counters = PipelineCounters(factory: metrics.factory)
        let writer = PrometheusTextfileWriter(
            configuration: .init(path: directory.path + "/depeche.prom"), metrics: metrics,
            logger: RecordingLogHandler.Store().logger())

        try writer.write()
        counters.documentIngested(bytes: 10, latency: .milliseconds(1))
        try writer.write()

        #expect(directory.entries() == ["depeche.prom"])
        let text = try #require(directory.contents(of: "depeche.prom"))
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
        let directory = try Directory()
        let metrics = PrometheusMetrics()
        let counters = PipelineCounters(factory: metrics.factory)
        let path = directory.path + "/depeche.prom"
        let writer = PrometheusTextfileWriter(
            configuration: .init(path: path, interval: .seconds(60)), metrics: metrics,
            logger: RecordingLogHandler.Store().logger())

        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await writer.run() }
                while directory.contents(of: "depeche.prom") == nil { try await Task.sleep(for: .milliseconds(10)) }
                counters.documentRejected(reason: "binary", bytes: 5, latency: .zero)
                trigger.triggerGracefulShutdown()
                try await group.next()
            }
        }
        let text = try #require(directory.contents(of: "depeche.prom"))
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
