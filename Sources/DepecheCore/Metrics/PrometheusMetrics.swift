import CoreMetrics
import Prometheus

/// depeche's metrics backend: a Prometheus registry and the swift-metrics factory that fills
/// it (swift-prometheus). ``PipelineCounters`` updates it; ``PrometheusTextfileWriter``
/// writes it for node_exporter; ``exposition()`` renders it.
///
/// ```swift
/// let metrics = PrometheusMetrics()
/// metrics.bootstrap()                    // once, in main
/// let counters = PipelineCounters()      // reports to the bootstrapped factory
/// ```
public struct PrometheusMetrics: Sendable {
    /// Histogram buckets of ``MetricName/pipelineLatency``: one document takes milliseconds.
    public static let latencyBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    /// Histogram buckets of ``MetricName/sinkPublishLatency``: a round trip to a NATS cluster
    /// takes from a fraction of a millisecond (loopback) to tens (across sites).
    public static let publishLatencyBuckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(4),
        .milliseconds(8), .milliseconds(16), .milliseconds(32), .milliseconds(64), .milliseconds(128),
        .milliseconds(256), .milliseconds(512), .seconds(1), .seconds(5),
    ]

    /// The registry every metric lives in.
    public let registry: PrometheusCollectorRegistry
    /// The swift-metrics factory that creates metrics in ``registry``.
    public let factory: PrometheusMetricsFactory

    /// A fresh, empty registry and its factory.
    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[MetricName.pipelineLatency] = Self.latencyBuckets
        factory.durationHistogramBuckets[MetricName.sinkPublishLatency] = Self.publishLatencyBuckets
        self.factory = factory
    }

    /// Makes ``factory`` the process-wide swift-metrics backend; call once, before creating
    /// ``PipelineCounters``.
    public func bootstrap() {
        MetricsSystem.bootstrap(factory)
    }

    /// Every metric in the Prometheus text exposition format (version 0.0.4).
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}
