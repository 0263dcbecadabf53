import Testing

@testable import DepecheCore

@Suite struct PipelineCountersTests {
    /// The value of the series `name` with `labels` in the registry's exposition.
    private func value(_ metrics: PrometheusMetrics, _ name: String, _ labels: [String: String] = [:]) -> Double? {
        PrometheusSample.parse(metrics.exposition()).first { $0.name == name && $0.labels == labels }?.value
    }

    @Test func unlabelledMetricsAreExportedAtZeroFromTheStart() {
        let metrics = PrometheusMetrics()
        _ = PipelineCounters(factory: metrics.factory)
        for name in [
            MetricName.documentsIngested, MetricName.bytes, MetricName.queueDepth, MetricName.rescans,
            MetricName.inotifyOverflows, MetricName.logSegmentBytes, MetricName.pipelineLatency + "_count",
            MetricName.sinkAwaitingAcknowledgement,
        ] {
            #expect(value(metrics, name) == 0, "\(name)")
        }
    }

    @Test func everyUpdateReachesBothTheSnapshotAndPrometheus() {
        let metrics = PrometheusMetrics()
        let counters = PipelineCounters(factory: metrics.factory)
        counters.queueDepth(3)
        counters.documentIngested(bytes: 1000, latency: .milliseconds(4))
        counters.duplicateFound(match: "exact", bytes: 200, latency: .microseconds(300))
        counters.queueDepth(1)
        counters.duplicateFound(match: "near", bytes: 300, latency: .milliseconds(2))
        counters.documentRejected(reason: "empty", bytes: 0, latency: .milliseconds(30))
        counters.rescanned()
        counters.inotifyOverflowed()
        counters.logSegmentSize(bytes: 4096)

        #expect(
            counters.snapshot()
                == PipelineCounters.Snapshot(ingested: 1, duplicates: 2, rejected: 1, bytes: 1500, queueDepth: 1))
        #expect(value(metrics, MetricName.documentsIngested) == 1)
        #expect(value(metrics, MetricName.documentsDuplicate, ["match": "exact"]) == 1)
        #expect(value(metrics, MetricName.documentsDuplicate, ["match": "near"]) == 1)
        #expect(value(metrics, MetricName.documentsRejected, ["reason": "empty"]) == 1)
        #expect(value(metrics, MetricName.bytes) == 1500)
        #expect(value(metrics, MetricName.queueDepth) == 1)
        #expect(value(metrics, MetricName.rescans) == 1)
        #expect(value(metrics, MetricName.inotifyOverflows) == 1)
        #expect(value(metrics, MetricName.logSegmentBytes) == 4096)
        #expect(value(metrics, MetricName.pipelineLatency + "_count") == 4)
        #expect(value(metrics, MetricName.pipelineLatency + "_bucket", ["le": "0.001"]) == 1)
        #expect(value(metrics, MetricName.pipelineLatency + "_bucket", ["le": "0.005"]) == 3)
        #expect(value(metrics, MetricName.pipelineLatency + "_bucket", ["le": "+Inf"]) == 4)
        let sum = value(metrics, MetricName.pipelineLatency + "_sum") ?? 0
        #expect(abs(sum - 0.0363) < 1e-9)
    }

    @Test func concurrentUpdatesAreAllCounted() async {
        let counters = PipelineCounters(factory: PrometheusMetrics().factory)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<1000 { counters.documentIngested(bytes: 1, latency: .zero) }
                }
            }
        }
        #expect(counters.snapshot().ingested == 4000)
        #expect(counters.snapshot().bytes == 4000)
    }

    @Test func statusLine() {
        let busy = PipelineCounters.Snapshot(ingested: 1204, duplicates: 37, rejected: 2, bytes: 0, queueDepth: 0)
        #expect(busy.statusLine == "1,204 ingested, 37 duplicates, 2 rejected, inbox empty")
        let one = PipelineCounters.Snapshot(ingested: 0, duplicates: 1, rejected: 0, bytes: 0, queueDepth: 1500)
        #expect(one.statusLine == "0 ingested, 1 duplicate, 0 rejected, 1,500 queued")
    }

    /// Events awaiting acknowledgement: a gauge in the export, and in `STATUS=` while paused.
    @Test func eventsAwaitingAcknowledgementAreAGaugeAndInTheStatusWhilePaused() {
        let metrics = PrometheusMetrics()
        let counters = PipelineCounters(factory: metrics.factory)
        counters.awaitingAcknowledgement(3)
        #expect(value(metrics, MetricName.sinkAwaitingAcknowledgement) == 3)
        #expect(counters.snapshot().statusLine == "0 ingested, 0 duplicates, 0 rejected, inbox empty", "not while taking files")
        counters.sinkProblem("waiting for NATS (no responders)")
        counters.awaitingAcknowledgement(2)
        #expect(value(metrics, MetricName.sinkAwaitingAcknowledgement) == 2)
        #expect(value(metrics, MetricName.sinkAvailable) == 0)
        #expect(counters.snapshot().statusLine
            == "paused: waiting for NATS (no responders); 2 events awaiting acknowledgement; 0 ingested, 0 duplicates, 0 rejected, inbox empty")
        counters.awaitingAcknowledgement(1)
        #expect(counters.snapshot().statusLine.hasPrefix("paused: waiting for NATS (no responders); 1 event awaiting acknowledgement; "))
        counters.sinkProblem(nil)
        counters.awaitingAcknowledgement(0)
        #expect(value(metrics, MetricName.sinkAwaitingAcknowledgement) == 0)
        #expect(!counters.snapshot().statusLine.contains("awaiting"))
    }

    @Test(arguments: [
        (0, "0"), (7, "7"), (999, "999"), (1000, "1,000"), (1204, "1,204"), (999_999, "999,999"),
        (1_234_567, "1,234,567"), (-1234, "-1,234"),
    ])
    func thousandsSeparators(value: Int, text: String) {
        #expect(value.withThousandsSeparators == text)
    }
}
