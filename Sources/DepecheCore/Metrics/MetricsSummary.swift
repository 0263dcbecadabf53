/// What `depeche status` prints: depeche's metrics (``MetricName``) as a short table a
/// person reads, from a Prometheus text exposition (the live registry or the textfile).
///
/// ```
/// ingested           1,204
/// duplicates         37 (exact 30, near 7)
/// rejected           2 (empty 2)
/// bytes read         12.3 MiB
/// latency            mean 4.2 ms, p50 ≤ 5 ms, p99 ≤ 25 ms over 1,243 files
/// queue depth        0
/// rescans            1
/// inotify overflows  0
/// log segment        4.1 MiB
/// ```
public enum MetricsSummary {
    /// The table for `exposition`; metrics it does not contain show as 0.
    public static func render(exposition: [UInt8]) -> String {
        render(PrometheusSample.parse(exposition))
    }

    /// The table for `samples`.
    public static func render(_ samples: [PrometheusSample]) -> String {
        let rows: [(String, String)] = [
            ("ingested", count(total(MetricName.documentsIngested, samples))),
            ("duplicates", breakdown(MetricName.documentsDuplicate, by: MetricName.matchLabel, samples)),
            ("rejected", breakdown(MetricName.documentsRejected, by: MetricName.reasonLabel, samples)),
            ("bytes read", byteSize(total(MetricName.bytes, samples))),
            ("latency", latency(samples)),
            ("queue depth", count(total(MetricName.queueDepth, samples))),
            ("rescans", count(total(MetricName.rescans, samples))),
            ("inotify overflows", count(total(MetricName.inotifyOverflows, samples))),
            ("log segment", byteSize(total(MetricName.logSegmentBytes, samples))),
        ]
        let width = rows.map(\.0.count).max()! + 2
        return rows.map { name, value in name + String(repeating: " ", count: width - name.count) + value + "\n" }
            .joined()
    }

    /// The sum of every series named `name`.
    private static func total(_ name: String, _ samples: [PrometheusSample]) -> Double {
        samples.filter { $0.name == name }.reduce(0) { $0 + $1.value }
    }

    /// `37 (exact 30, near 7)`: the total, then each label value, largest first.
    private static func breakdown(_ name: String, by label: String, _ samples: [PrometheusSample]) -> String {
        let series = samples.filter { $0.name == name && $0.value > 0 }
            .map { ($0.labels[label] ?? "", $0.value) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        let sum = count(series.reduce(0) { $0 + $1.1 })
        guard !series.isEmpty else { return sum }
        return sum + " (" + series.map { "\($0.0) \(count($0.1))" }.joined(separator: ", ") + ")"
    }

    /// `mean 4.2 ms, p50 ≤ 5 ms, p99 ≤ 25 ms over 1,243 files`, from the histogram's buckets.
    private static func latency(_ samples: [PrometheusSample]) -> String {
        let name = MetricName.pipelineLatency
        let observations = total(name + "_count", samples)
        guard observations > 0 else { return "no files yet" }
        let mean = total(name + "_sum", samples) / observations
        let buckets = samples.filter { $0.name == name + "_bucket" }
            .compactMap { sample in sample.labels["le"].flatMap(Double.init).map { ($0, sample.value) } }
            .sorted { $0.0 < $1.0 }
        func quantile(_ q: Double) -> String {
            guard let bucket = buckets.first(where: { $0.1 >= q * observations }), bucket.0.isFinite else {
                return "> " + seconds(buckets.last(where: { $0.0.isFinite })?.0 ?? 0)
            }
            return "≤ " + seconds(bucket.0)
        }
        return "mean \(seconds(mean)), p50 \(quantile(0.5)), p99 \(quantile(0.99)) over \(count(observations)) files"
    }

    private static func count(_ value: Double) -> String {
        Int(value.rounded()).withThousandsSeparators
    }

    private static func seconds(_ value: Double) -> String {
        value < 1 ? oneDecimal(value * 1000) + " ms" : oneDecimal(value) + " s"
    }

    private static func byteSize(_ value: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var scaled = value
        var unit = 0
        while scaled >= 1024, unit < units.count - 1 {
            scaled /= 1024
            unit += 1
        }
        return unit == 0 ? count(value) + " B" : oneDecimal(scaled) + " " + units[unit]
    }

    /// `4.2`, or `5` when the tenths are zero.
    private static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? (tenths / 10).withThousandsSeparators : "\(tenths / 10).\(tenths % 10)"
    }
}
