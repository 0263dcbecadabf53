// extract-bench: how fast the extractor reads, on one core; and a `--dump` mode that prints
// the extraction of each file as an event-like JSON line (what `make eval` scores).
//
//   swift run -c release extract-bench [--docs DIR] [--gazetteer DIR] [--megabytes N]
//   swift run extract-bench --dump [--gazetteer DIR] FILE...
//
// The benchmark reads the sample pages (../shared/eval/docs by default, else the test
// fixtures), cleans them with TextBoilerplate, then repeats the cleaned articles until N MB
// (default 10) have been extracted, and reports MB/s of article text.

import DepecheCore
import Foundation

struct Options {
    static let fixtures = "Tests/DepecheCoreTests/Fixtures/extract"
    var docs: [String] = ["../shared/eval/docs", Options.fixtures]
    var gazetteer = ""
    var megabytes = 10.0
    var dump: [String]?

    init(_ arguments: [String]) {
        var rest = arguments.makeIterator()
        while let argument = rest.next() {
            switch argument {
            case "--docs": docs = [rest.next() ?? "", Options.fixtures]
            case "--gazetteer": gazetteer = rest.next() ?? gazetteer
            case "--megabytes": megabytes = Double(rest.next() ?? "") ?? megabytes
            case "--dump": dump = []
            default:
                if dump != nil {
                    dump?.append(argument)
                } else {
                    fail("unknown argument \(argument); usage: extract-bench [--docs DIR] [--gazetteer DIR] "
                        + "[--megabytes N] | --dump [--gazetteer DIR] FILE...")
                }
            }
        }
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("extract-bench: " + message + "\n").utf8))
    exit(2)
}

func read(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    return String(decoding: data, as: UTF8.self)
}

/// One line per file: what `depeche extract` prints, minus the event log's bookkeeping.
func dump(_ paths: [String], extractor: Extractor) {
    for path in paths {
        let article = Article(text: TextBoilerplate.articleText(of: read(path)))
        var json = JSONWriter()
        json.field("v", 1)
        json.field("type", "document.ingested")
        json.field("path", path)
        extractor.extract(article).write(into: &json)
        var line = json.finish()
        line.append(0x0A)
        FileHandle.standardOutput.write(Data(line))
    }
}

/// CPU time of this thread, in seconds: what "one core" means on a shared machine.
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

func benchmark(_ options: Options, extractor: Extractor) {
    guard let directory = options.docs.first(where: { FileManager.default.fileExists(atPath: $0) }),
          let names = try? FileManager.default.contentsOfDirectory(atPath: directory).sorted(), !names.isEmpty else {
        fail("no sample pages in \(options.docs.joined(separator: " or "))")
    }
    let pages = names.map { read(directory + "/" + $0) }
    let clock = ContinuousClock()
    let articles = pages.map { Article(text: TextBoilerplate.articleText(of: $0)) }
    var cleaned = 0
    let cleanStart = cpuSeconds()
    while cleaned < Int(options.megabytes * 100_000) {
        for page in pages { cleaned += TextBoilerplate.articleText(of: page).isEmpty ? 0 : page.utf8.count }
    }
    let cleanSeconds = cpuSeconds() - cleanStart
    let pageBytes = pages.reduce(0) { $0 + $1.utf8.count }
    let articleBytes = articles.reduce(0) { $0 + $1.text.utf8.count }
    let target = Int(options.megabytes * 1_000_000)
    var done = 0, entities = 0, rounds = 0
    let cpuStart = cpuSeconds()
    let elapsed = clock.measure {
        while done < target {
            for article in articles {
                entities += extractor.extract(article).entities.count
                done += article.text.utf8.count
            }
            rounds += 1
        }
    }
    let cpu = cpuSeconds() - cpuStart
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    print("pages: \(pages.count) from \(directory), \(pageBytes) bytes; articles \(articleBytes) bytes")
    print("clean (TextBoilerplate): \(String(format: "%.1f", Double(cleaned) / cleanSeconds / 1e6)) MB/s of pages "
        + "per CPU second")
    print("extract: \(done) bytes in \(String(format: "%.3f", seconds)) s over \(rounds) rounds, "
        + "\(entities / max(rounds, 1)) entities per round")
    print("extract: \(String(format: "%.1f", Double(done) / cpu / 1e6)) MB/s of article text per CPU second on one "
        + "core (\(String(format: "%.1f", Double(done) / seconds / 1e6)) MB/s wall clock)")
    let pagesPerArticleByte = Double(pageBytes) / Double(articleBytes)
    print("extract: \(String(format: "%.1f", Double(done) * pagesPerArticleByte / cpu / 1e6)) MB/s of scraped pages "
        + "(the pages these articles were cleaned from) per CPU second")
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
let gazetteer: Gazetteer
do {
    gazetteer = try Gazetteer.load(directory: options.gazetteer)
} catch {
    fail("\(error)")
}
let extractor = Extractor(gazetteer: gazetteer)
if let paths = options.dump {
    dump(paths, extractor: extractor)
} else {
    benchmark(options, extractor: extractor)
}
