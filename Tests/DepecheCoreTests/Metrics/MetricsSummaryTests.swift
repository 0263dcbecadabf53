import Testing

@testable import DepecheCore

@Suite struct MetricsSummaryTests {
    @Test func rendersTheRegistryAsATable() {
        let metrics = PrometheusMetrics()
        let counters = PipelineCounters(factory: metrics.factory)
        for _ in 0..<1204 { counters.documentIngested(bytes: 10_000, latency: .milliseconds(3)) }
        for _ in 0..<30 { counters.duplicateFound(match: "exact", bytes: 1000, latency: .microseconds(500)) }
        for _ in 0..<20 { counters.duplicateFound(match: "near", bytes: 1000, latency: .milliseconds(20)) }
        counters.documentRejected(reason: "empty", bytes: 0, latency: .milliseconds(1))
        counters.documentRejected(reason: "binary", bytes: 0, latency: .milliseconds(1))
        counters.rescanned()
        counters.logSegmentSize(bytes: 4_300_000)

        #expect(
            MetricsSummary.render(exposition: metrics.exposition()) == """
                ingested           1,204
                duplicates         50 (exact 30, near 20)
                rejected           2 (binary 1, empty 1)
                bytes read         11.5 MiB
                latency            mean 3.2 ms, p50 ≤ 5 ms, p99 ≤ 25 ms over 1,256 files
                queue depth        0
                rescans            1
                inotify overflows  0
                log segment        4.1 MiB

                """)
    }

    @Test func anEmptyExpositionShowsZeros() {
        let text = MetricsSummary.render(exposition: [])
        #expect(text.hasPrefix("ingested           0\nduplicates         0\n"))
        #expect(text.contains("latency            no files yet\n"))
    }

    @Test func parsesLabelsWithEscapes() {
        let samples = PrometheusSample.parse(
            Array(
                """
                # TYPE x counter
                x{reason="say \\"hi\\"",b="back\\\\slash\\nline"} 3 1700000000
                y 4.5
                not a sample
                """.utf8))
        #expect(
            samples == [
                PrometheusSample(name: "x", labels: ["reason": "say \"hi\"", "b": "back\\slash\nline"], value: 3),
                PrometheusSample(name: "y", value: 4.5),
            ])
    }
}
