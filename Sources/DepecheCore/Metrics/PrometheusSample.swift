/// One sample line of the Prometheus text format: `name{label="value",…} 12`.
public struct PrometheusSample: Sendable, Equatable {
    /// The series name, such as `depeche_documents_rejected_total`.
    public var name: String
    /// The labels, unescaped.
    public var labels: [String: String]
    /// The value.
    public var value: Double

    /// The samples of a text exposition (from ``PrometheusMetrics/exposition()`` or a
    /// textfile), skipping comments and lines it cannot read.
    public static func parse(_ text: [UInt8]) -> [PrometheusSample] {
        text.split(separator: UInt8(ascii: "\n")).compactMap { line in
            guard line.first != UInt8(ascii: "#") else { return nil }
            return PrometheusSample(line: line)
        }
    }

    /// A sample with the given parts.
    public init(name: String, labels: [String: String] = [:], value: Double) {
        self.name = name
        self.labels = labels
        self.value = value
    }

    /// Reads `name[{labels}] value [timestamp]`.
    init?(line: ArraySlice<UInt8>) {
        var index = line.startIndex
        while index < line.endIndex, line[index] != UInt8(ascii: "{"), line[index] != UInt8(ascii: " ") { index += 1 }
        guard index > line.startIndex, index < line.endIndex else { return nil }
        name = String(decoding: line[line.startIndex..<index], as: UTF8.self)
        labels = [:]
        if line[index] == UInt8(ascii: "{") {
            guard let end = Self.parseLabels(line, from: index + 1, into: &labels) else { return nil }
            index = end
        }
        let fields = line[index...].split(separator: UInt8(ascii: " "))
        guard let first = fields.first, let value = Double(String(decoding: first, as: UTF8.self)) else { return nil }
        self.value = value
    }

    /// Reads `key="value",…}` starting at `start`; returns the index after `}`.
    private static func parseLabels(
        _ line: ArraySlice<UInt8>, from start: Int, into labels: inout [String: String]
    ) -> Int? {
        var index = start
        while index < line.endIndex {
            if line[index] == UInt8(ascii: "}") { return index + 1 }
            if line[index] == UInt8(ascii: ",") || line[index] == UInt8(ascii: " ") {
                index += 1
                continue
            }
            guard let equals = line[index...].firstIndex(of: UInt8(ascii: "=")),
                equals + 1 < line.endIndex, line[equals + 1] == UInt8(ascii: "\"")
            else { return nil }
            let key = String(decoding: line[index..<equals], as: UTF8.self)
            var value: [UInt8] = []
            index = equals + 2
            while index < line.endIndex, line[index] != UInt8(ascii: "\"") {
                if line[index] == UInt8(ascii: "\\"), index + 1 < line.endIndex {
                    index += 1
                    value.append(line[index] == UInt8(ascii: "n") ? UInt8(ascii: "\n") : line[index])
                } else {
                    value.append(line[index])
                }
                index += 1
            }
            guard index < line.endIndex else { return nil }
            labels[key] = String(decoding: value, as: UTF8.self)
            index += 1
        }
        return nil
    }
}
