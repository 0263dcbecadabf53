// neardup-bench: how fast depeche cleans and fingerprints pages, and how fast and how big
// the near-duplicate index is with a million articles. One core, release build:
//
//     swift run -c release neardup-bench [PAGE_DIRECTORY …]
//
// Times are the thread's CPU time, so other processes on a shared machine do not inflate them.
//
// Pages default to the test fixtures (Tests/DepecheCoreTests/Fixtures/html): HTML pages and
// text pages. Every file of the directories given is decoded as the daemon decodes it.
import DepecheCore
import Foundation
import Glibc

/// CPU seconds this thread spent in `body`: other processes on a shared machine do not count.
func seconds(_ body: () -> Void) -> Double {
    func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    let start = now()
    body()
    return now() - start
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
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path),
            let document = try? TextDecoder.decode([UInt8](data), fileExtension: fileExtension)
        else { continue }
        documents.append(document)
    }
}
guard !documents.isEmpty else { fatalError("no pages found") }
let cleaner = ArticleCleaner()

/// Cleans, then fingerprints, `pages` repeated to about 20 MB, and prints MB/s of pages.
/// Returns a checksum of the results, so that the work cannot be optimised away.
func measure(_ label: String, _ pages: [DecodedDocument]) -> Int {
    guard !pages.isEmpty else { return 0 }
    var sink = 0
    let pageBytes = pages.reduce(0) { $0 + $1.text.utf8.count }
    let rounds = max(1, 20_000_000 / pageBytes)
    let articles = pages.map(cleaner.clean)
    let articleBytes = articles.reduce(0) { $0 + $1.text.utf8.count }
    let cleanTime = seconds {
        for _ in 0..<rounds { for page in pages { sink &+= cleaner.clean(page).text.utf8.count } }
    }
    let htmlPages = pages.filter { $0.format == .html }
    let extractionTime = seconds {
        for _ in 0..<rounds {
            for page in htmlPages { sink &+= HTMLArticleExtractor.article(fromHTML: page.text).text.utf8.count }
        }
    }
    let fingerprintTime = seconds {
        for _ in 0..<rounds {
            for article in articles { sink &+= Int(truncatingIfNeeded: ArticleFingerprint.of(article).simhash) }
        }
    }
    let megabytes = Double(pageBytes * rounds) / 1e6
    print(
        "\(label): \(pages.count) pages, \(pageBytes) bytes (articles \(100 * articleBytes / pageBytes)% of it), \(rounds) rounds"
    )
    print(
        String(
            format: "  clean %.1f MB/s, fingerprint %.1f MB/s, both %.1f MB/s of pages (%.0f pages/s)",
            megabytes / cleanTime, megabytes / fingerprintTime, megabytes / (cleanTime + fingerprintTime),
            Double(pages.count * rounds) / (cleanTime + fingerprintTime)))
    if !htmlPages.isEmpty {
        print(
            String(
                format:
                    "  of which HTML extraction (libxml2, furniture, scoring, rendering) %.1f MB/s, TextBoilerplate the rest",
                megabytes / extractionTime))
    }
    return sink
}

var sink = measure("HTML", documents.filter { $0.format == .html })
sink &+= measure("text", documents.filter { $0.format == .text })

// MARK: The index with a million articles

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

let articleCount = 1_000_000
var generator = SplitMix64(seed: 2025)
func randomSketch(_ generator: inout SplitMix64) -> MinHashSketch {
    MinHashSketch(signature: (0..<16).map { _ in UInt32(truncatingIfNeeded: generator.next()) })
}
let simhashes = (0..<articleCount).map { _ in generator.next() }
let sketches = (0..<articleCount).map { _ in randomSketch(&generator) }
let ids = simhashes.map { "sha256:" + String(repeating: "0", count: 48) + String($0, radix: 16).leftPadded(16) }
// MARK: The exact index with a million documents (measured first, in a fresh heap)

do {
    let before = residentMB()
    var exact = DedupIndex()
    let textHashes = ids.map { String($0.dropFirst(7).reversed()) }
    let extra = residentMB() - before   // the benchmark's own strings, not the index
    let insertTime = seconds {
        for number in 0..<articleCount { exact.insert(id: ids[number], textHash: textHashes[number], seq: number + 1) }
    }
    let bytesPerDocument = (residentMB() - before - extra) * 1_048_576 / Double(articleCount)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("dedup-bench-\(getpid()).snapshot").path
    let snapshot = IndexSnapshot(seq: articleCount, index: exact, ledger: DispositionLedger())
    let saveTime = seconds { try! snapshot.write(to: path) }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    var read: IndexSnapshot?
    let loadTime = seconds { read = try! IndexSnapshot.read(from: path) }
    try? FileManager.default.removeItem(atPath: path)
    print(String(format: "exact index: %d documents inserted in %.2f s, %.0f bytes resident each; snapshot %.0f MB, "
        + "save %.2f s, load %.2f s", exact.count, insertTime, bytesPerDocument, Double(size) / 1e6, saveTime, loadTime))
    sink &+= read?.index.count ?? 0
}

// MARK: The near-duplicate index with a million articles

// The structure does not depend on the distance: memory is measured on the first index, built
// in a fresh heap (later ones reuse what earlier ones freed).
for (order, maxDistance) in [NearDuplicatePolicy.defaultMaxDistance, 3, 7, 15].enumerated() {
    let before = residentMB()
    var index = NearDuplicateIndex(maxDistance: maxDistance)
    let insertTime = seconds {
        for number in 0..<articleCount {
            index.insert(simhash: simhashes[number], sketch: sketches[number], id: ids[number])
        }
    }
    let memory = order == 0 ? String(format: ", +%.0f MB resident", residentMB() - before) : ""
    var misses: [Double] = []
    var hits: [Double] = []
    var found = 0
    var falseMatches = 0
    for _ in 0..<20_000 {
        // An edited version of an indexed article: 3 SimHash bits and 2 sketch positions differ.
        let known = Int(generator.next() % UInt64(articleCount))
        let near = (0..<3).reduce(simhashes[known]) { value, _ in value ^ (1 << (generator.next() % 64)) }
        let hex = sketches[known].hex
        let edited = MinHashSketch(hex: "0000" + hex.dropFirst(4))!
        hits.append(seconds { if index.nearest(simhash: near, sketch: edited) != nil { found += 1 } })
        // A new story: random SimHash and sketch.
        let random = generator.next()
        let sketch = randomSketch(&generator)
        misses.append(seconds { if index.nearest(simhash: random, sketch: sketch) != nil { falseMatches += 1 } })
    }
    hits.sort()
    misses.sort()
    print(
        String(format: "index, max distance %2d: %d articles inserted in %.2f s", maxDistance, index.count, insertTime)
            + memory)
    print(
        String(
            format: "  lookup, new story:     p50 %6.1f µs  p99 %6.1f µs  (%d of 20000 matched an unrelated article)",
            percentile(misses, 0.5) * 1e6, percentile(misses, 0.99) * 1e6, falseMatches))
    print(
        String(
            format: "  lookup, edited story:  p50 %6.1f µs  p99 %6.1f µs  (%d of 20000 found)",
            percentile(hits, 0.5) * 1e6, percentile(hits, 0.99) * 1e6, found))
    if maxDistance == NearDuplicatePolicy.defaultMaxDistance {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("neardup-bench-\(getpid()).idx").path
        let saveTime = seconds { try! index.save(to: path) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var loaded = NearDuplicateIndex()
        let loadTime = seconds { loaded = try! NearDuplicateIndex.load(from: path) }
        try? FileManager.default.removeItem(atPath: path)
        print(
            String(
                format: "  snapshot: %.1f MB, save %.2f s, load %.2f s (%d articles)", Double(size) / 1e6, saveTime,
                loadTime, loaded.count))
    }
}
// MARK: Pages of one template: SimHashes that share three blocks

do {
    var dense = NearDuplicateIndex()
    for number in 0..<200_000 {
        dense.insert(simhash: 0x0123_4567_89AB_0000 ^ (generator.next() & 0xF_FFFF), sketch: sketches[number],
                     id: ids[number])
    }
    var times: [Double] = []
    for number in 0..<2_000 {
        let query = 0x0123_4567_89AB_0000 ^ (generator.next() & 0xF_FFFF)
        times.append(seconds { if dense.nearest(simhash: query, sketch: sketches[number]) != nil { sink &+= 1 } })
    }
    times.sort()
    print(String(format: "dense index (200000 SimHashes in one bucket per table but one): lookup p50 %.1f µs, "
        + "p99 %.1f µs", percentile(times, 0.5) * 1e6, percentile(times, 0.99) * 1e6))
}
print("(checksum \(sink))")
