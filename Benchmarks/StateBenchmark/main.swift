// state-bench: the state store at scale (`make bench-state`; release build, wall-clock times):
//
//     swift run -c release state-bench [--documents N] [--tables T] [--directory DIR]
//
// Fills a store with N documents (default 1,000,000) in transactions of 1,000 (a group
// commit's worth), with random fingerprints (SimHashes spread like articles of a diverse
// vocabulary), then reports: insert throughput, store bytes per document, exact lookup
// p50/p99, near lookup p50/p99 at 10 bits, recall on 1,000 planted near copies (0 to 10 bits
// away, MinHash sketches agreeing in 12 of 16 positions), false matches on 20,000 unrelated
// articles, and, with the release `depeche` beside this binary, the daemon's time from start
// to READY and its anonymous memory on that state and on an empty one.
import DepecheCore
import Foundation
import Glibc

var arguments = ArraySlice(CommandLine.arguments.dropFirst())
var documentCount = 1_000_000
var tableCount = StateStore.defaultNearTables
var directory = "/tmp/depeche-state-bench"
while let flag = arguments.popFirst() {
    guard let value = arguments.popFirst() else { fatalError("\(flag) needs a value") }
    switch flag {
    case "--documents": documentCount = Int(value) ?? documentCount
    case "--tables": tableCount = Int(value) ?? tableCount
    case "--directory": directory = value
    default: fatalError("unknown option \(flag)")
    }
}

/// Milliseconds `body` took, by the wall clock.
func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
}

/// "p50 12.3 µs, p99 45.6 µs" of `samples` given in milliseconds.
func quantiles(_ samples: [Double]) -> String {
    let sorted = samples.sorted()
    let at = { (fraction: Double) in sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))] * 1000 }
    return String(format: "p50 %.1f µs, p99 %.1f µs", at(0.5), at(0.99))
}

func hex(_ words: [UInt64]) -> String { words.map { String(format: "%016lx", $0) }.joined() }

var random = SplitMix64(seed: 2026)
@MainActor func sketch() -> MinHashSketch { MinHashSketch(hex: hex([random.next(), random.next()]))! }

let state = directory + "/state"
_ = try? FileManager.default.removeItem(atPath: directory)
try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
try FileManager.default.createDirectory(atPath: directory + "/inbox", withIntermediateDirectories: true)
let store = try StateStore(directory: state + "/store", mapSize: 1 << 36, nearTables: tableCount)
print("state-bench: \(documentCount) documents, \(tableCount) near-duplicate tables, in \(directory)")

// MARK: Insert

struct Planted { var seq: Int; var id: String; var simhash: UInt64; var sketch: MinHashSketch }
var sampleIDs: [String] = []
var planted: [Planted] = []
let plantEvery = max(1, documentCount / 1000)
let insertMilliseconds = try milliseconds {
    var batch: [StoreChange] = []
    for seq in 1...documentCount {
        let id = "sha256:" + hex([random.next(), random.next(), random.next(), random.next()])
        let simhash = random.next()
        let documentSketch = sketch()
        if seq % 100 == 0 && sampleIDs.count < 10_000 { sampleIDs.append(id) }
        if seq % plantEvery == 0 && planted.count < 1000 { planted.append(Planted(seq: seq, id: id, simhash: simhash, sketch: documentSketch)) }
        batch.append(.document(StoredDocument(
            id: id, seq: seq, textHash: hex([random.next(), random.next(), random.next(), random.next()]), simhash: simhash,
            sketch: documentSketch)))
        if batch.count == 1000 || seq == documentCount {
            try store.apply(batch, through: seq)
            batch.removeAll(keepingCapacity: true)
        }
    }
}
print(String(format: "insert: %.0f documents/s (%.1f s, transactions of 1,000)", Double(documentCount) / insertMilliseconds * 1000, insertMilliseconds / 1000))
let used = try store.usedBytes()
print(String(format: "store: %.0f bytes/document (%.1f MiB used)", Double(used) / Double(documentCount), Double(used) / 1_048_576))

// MARK: Lookups

var exact: [Double] = []
for id in sampleIDs {
    exact.append(try milliseconds {
        let first = try store.read { try $0.first(withContent: id) }
        precondition(first != nil, "a known id was not found")
    })
}
print("exact lookup: \(quantiles(exact)) (\(exact.count) known ids, one read transaction each)")

var near: [Double] = []
var found = 0
var examined = 0
for (index, copy) in planted.enumerated() {
    var simhash = copy.simhash
    var bits = Set<UInt64>()
    while bits.count < index % 11 { bits.insert(random.next() % 64) }
    for bit in bits { simhash ^= 1 << bit }
    let original = copy.sketch.hex
    let edited = MinHashSketch(hex: String(original.prefix(24)) + hex([random.next()]).prefix(8))!
    near.append(try milliseconds {
        let result = try store.read { try $0.nearest(simhash: simhash, sketch: edited) }
        if result.match?.id == copy.id { found += 1 }
        examined += result.examined
    })
}
print(String(format: "planted near copies: recall %.3f (%d of %d, 0 to 10 bits away)", Double(found) / Double(planted.count), found, planted.count))
var falseMatches = 0
for _ in 0..<20_000 {
    let simhash = random.next()
    let unrelated = sketch()
    near.append(try milliseconds { if try store.read({ try $0.nearest(simhash: simhash, sketch: unrelated) }).match != nil { falseMatches += 1 } })
}
print("unrelated articles: \(falseMatches) false matches of 20,000")
print("near lookup at 10 bits: \(quantiles(near)) (\(examined / max(1, planted.count)) SimHashes compared per planted lookup)")

// MARK: The daemon on this state

/// Starts the release daemon on `stateDirectory` (its log's last seq must be the store's),
/// waits for READY ("watching the inbox"), and returns the time it took and its RssAnon.
@MainActor func daemonStart(stateDirectory: String, inbox: String) throws -> (milliseconds: Double, rssAnonKiB: Int)? {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("depeche").path
    guard access(binary, X_OK) == 0 else { return nil }
    let journal = directory + "/journal"
    unlink(journal)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = ["run", "--inbox", inbox, "--state-dir", stateDirectory]
    process.standardError = FileHandle(forWritingAtPath: journal) ?? {
        FileManager.default.createFile(atPath: journal, contents: nil)
        return FileHandle(forWritingAtPath: journal)!
    }()
    let start = ContinuousClock.now
    try process.run()
    defer {
        process.terminate()
        process.waitUntilExit()
    }
    while !((try? String(contentsOfFile: journal, encoding: .utf8))?.contains("watching the inbox") ?? false) {
        guard process.isRunning else { fatalError("depeche exited: \((try? String(contentsOfFile: journal, encoding: .utf8)) ?? "")") }
        usleep(1000)
    }
    let elapsed = ContinuousClock.now - start
    usleep(300_000)
    let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
    let rss = status.split(separator: "\n").first { $0.hasPrefix("RssAnon:") }?.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    return (Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15, rss)
}

let line = #"{"v":1,"seq":\#(documentCount),"ts":"2026-12-02T00:00:00.000Z","type":"document.rejected","path":"x","size":0,"received":"2026-12-02T00:00:00.000Z","file":null,"reason":"empty","detail":"bench","quarantined":null}"# + "\n"
FileManager.default.createFile(atPath: state + "/events.jsonl", contents: Data(line.utf8))
try FileManager.default.createDirectory(atPath: directory + "/empty", withIntermediateDirectories: true)
if let empty = try daemonStart(stateDirectory: directory + "/empty", inbox: directory + "/inbox"),
    let _ = try daemonStart(stateDirectory: state, inbox: directory + "/inbox"),
    let full = try daemonStart(stateDirectory: state, inbox: directory + "/inbox")
{
    print(String(format: "daemon, empty state: READY in %.0f ms, RssAnon %d KiB", empty.milliseconds, empty.rssAnonKiB))
    print(String(format: "daemon, %d documents known (warm page cache): READY in %.0f ms, RssAnon %d KiB (%+d KiB, %.1f bytes/document)",
        documentCount, full.milliseconds, full.rssAnonKiB, full.rssAnonKiB - empty.rssAnonKiB,
        Double((full.rssAnonKiB - empty.rssAnonKiB) * 1024) / Double(documentCount)))
} else {
    print("daemon: no release depeche beside this binary; start-up not measured")
}
