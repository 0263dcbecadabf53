// neardup-bench: how fast depeche cleans and fingerprints pages, and how fast and how big
// the near-duplicate index is with a million articles. One core, release build:
//
//     swift run -c release neardup-bench [PAGE_DIRECTORY …]
//
// Pages default to the HTML test fixtures (Tests/DepecheCoreTests/Fixtures/html); `.html`
// and `.htm` files in the directories given are read.
import DepecheCore
import Foundation

/// Seconds taken by `body`.
func seconds(_ body: () -> Void) -> Double {
    let elapsed = ContinuousClock().measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// The process's resident memory, in MB, from /proc.
func residentMB() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
    return line.split(separator: " ").dropFirst().first.flatMap { Double($0) }.map { $0 / 1024 } ?? 0
}

/// The value at `fraction` of sorted `values`.
func percentile(_ values: [Double], _ fraction: Double) -> Double {
    values[min(values.count - 1, Int(Double(values.count) * fraction))]
}

// MARK: Cleaning and fingerprinting

let benchmarkDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let defaultPages = benchmarkDirectory.appendingPathComponent("../../Tests/DepecheCoreTests/Fixtures/html").standardized
let directories = CommandLine.arguments.dropFirst().map { URL(fileURLWithPath: $0) }
var documents: [DecodedDocument] = []
for directory in directories.isEmpty ? [defaultPages] : directories {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    for name in names.sorted() {
        let fileExtension = URL(fileURLWithPath: name).pathExtension.lowercased()
        guard fileExtension == "html" || fileExtension == "htm",
            let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path),
            let document = try? TextDecoder.decode([UInt8](data), fileExtension: fileExtension)
        else { continue }
        documents.append(document)
    }
}
guard !documents.isEmpty else { fatalError("no pages found") }
let pageBytes = documents.reduce(0) { $0 + $1.text.utf8.count }
let rounds = max(1, 20_000_000 / pageBytes)
func clean(_ document: DecodedDocument) -> Article { HTMLArticleExtractor.article(fromHTML: document.text) }
let articles = documents.map(clean)
print("pages: \(documents.count) HTML, \(pageBytes) bytes, \(rounds) rounds")

var sink = 0
let cleanTime = seconds {
    for _ in 0..<rounds { for document in documents { sink &+= clean(document).text.utf8.count } }
}
let fingerprintTime = seconds {
    for _ in 0..<rounds { for article in articles { sink &+= Int(truncatingIfNeeded: ArticleFingerprint.of(article).simhash) } }
}
let totalMB = Double(pageBytes * rounds) / 1e6
print(String(format: "clean:                 %7.1f MB/s of pages", totalMB / cleanTime))
print(String(format: "fingerprint:           %7.1f MB/s of pages (articles are %.0f%% of pages)",
    totalMB / fingerprintTime, 100 * Double(articles.reduce(0) { $0 + $1.text.utf8.count }) / Double(pageBytes)))
print(String(format: "clean + fingerprint:   %7.1f MB/s of pages, %.0f pages/s",
    totalMB / (cleanTime + fingerprintTime), Double(documents.count * rounds) / (cleanTime + fingerprintTime)))

// MARK: The index with a million articles

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

let articleCount = 1_000_000
var generator = SplitMix64(seed: 2025)
let simhashes = (0..<articleCount).map { _ in generator.next() }
let ids = simhashes.map { "sha256:" + String(repeating: "0", count: 48) + String($0, radix: 16).leftPadded(16) }
// The structure does not depend on the distance: memory is measured on the first index, built
// in a fresh heap (later ones reuse what earlier ones freed).
for (order, maxDistance) in [NearDuplicateIndex.defaultMaxDistance, 3, 7, 15].enumerated() {
    let before = residentMB()
    var index = NearDuplicateIndex(maxDistance: maxDistance)
    let insertTime = seconds {
        for (simhash, id) in zip(simhashes, ids) { index.insert(simhash: simhash, id: id) }
    }
    let memory = order == 0 ? String(format: ", +%.0f MB resident", residentMB() - before) : ""
    var misses: [Double] = []
    var hits: [Double] = []
    var found = 0
    for query in 0..<20_000 {
        let known = simhashes[Int(generator.next() % UInt64(articleCount))]
        let near = (0..<3).reduce(known) { value, _ in value ^ (1 << (generator.next() % 64)) }
        let random = generator.next()
        hits.append(seconds { if index.nearest(simhash: near) != nil { found += 1 } })
        misses.append(seconds { if index.nearest(simhash: random) != nil { found += 1 } })
        _ = query
    }
    hits.sort()
    misses.sort()
    print(String(format: "index, max distance %2d: %d articles inserted in %.2f s", maxDistance, index.count, insertTime) + memory)
    print(String(format: "  lookup, new story:     p50 %6.1f µs  p99 %6.1f µs", percentile(misses, 0.5) * 1e6, percentile(misses, 0.99) * 1e6))
    print(String(format: "  lookup, near an old:   p50 %6.1f µs  p99 %6.1f µs  (%d of 40000 found)", percentile(hits, 0.5) * 1e6, percentile(hits, 0.99) * 1e6, found))
    if maxDistance == NearDuplicateIndex.defaultMaxDistance {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("neardup-bench-\(getpid()).idx").path
        let saveTime = seconds { try! index.save(to: path) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var loaded = NearDuplicateIndex()
        let loadTime = seconds { loaded = try! NearDuplicateIndex.load(from: path) }
        try? FileManager.default.removeItem(atPath: path)
        print(String(format: "  snapshot: %.1f MB, save %.2f s, load %.2f s (%d articles)", Double(size) / 1e6, saveTime, loadTime, loaded.count))
    }
}
print("(checksum \(sink))")
