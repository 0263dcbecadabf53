// fingerprint-bench: how fast depeche cleans and fingerprints pages (`make bench-fingerprint`).
// One core, release build:
//
//     swift run -c release fingerprint-bench [PAGE_DIRECTORY …]
//
// Times are the thread's CPU time, so other processes on a shared machine do not inflate them.
//
// Pages default to the test fixtures (Tests/DepecheCoreTests/Fixtures/html): HTML pages and
// text pages. Every file of the directories given is decoded as the daemon decodes it.
// Near-duplicate lookups are the state store's: `make bench-state`.
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
print("(checksum \(sink))")
