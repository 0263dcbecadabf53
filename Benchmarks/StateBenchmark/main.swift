// state-bench: the state store at scale (`make bench-state`; release build, wall-clock times):
//
//     swift run -c release state-bench [--documents N] [--batch B] [--directory DIR] [--reuse]
//
// Fills a store with N documents (default 1,000,000) in transactions of B (default 100,000),
// with random fingerprints (SimHashes spread like articles of a diverse vocabulary), then
// reports: the fill's rate, the daemon's insert rate (transactions of 1,000, a group commit's
// worth, on the filled store), store bytes per document (and per database), exact lookup
// p50/p99, near lookup p50/p99 at 10 bits, recall on 1,000 planted near copies (0 to 10 bits
// away, MinHash sketches agreeing in 9 to 16 positions, half of them spread one to a band of the
// index: its hardest case), false matches on 20,000 unrelated
// articles, and, with the release `depeche` beside this binary, the daemon's time from start
// to READY and its anonymous memory on that state and on an empty one.
import DepecheCore
import Foundation
import Glibc

var arguments = ArraySlice(CommandLine.arguments.dropFirst())
var documentCount = 1_000_000
var directory = "/tmp/depeche-state-bench"
var fillBatch = 100_000
/// Measures lookups on the store a previous run with the same options left (no fill, no inserts, no daemon).
var reuse = false
while let flag = arguments.popFirst() {
    if flag == "--reuse" {
        reuse = true
        continue
    }
    guard let value = arguments.popFirst() else { fatalError("\(flag) needs a value") }
    switch flag {
    case "--documents": documentCount = Int(value) ?? documentCount
    case "--directory": directory = value
    case "--batch": fillBatch = Int(value) ?? fillBatch
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

/// Milliseconds of this thread's CPU time `body` took (what a lookup costs when no other
/// process takes the core away: the machine may be shared).
func cpuMilliseconds(_ body: () throws -> Void) rethrows -> Double {
    var start = timespec(), end = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
    try body()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
    return Double(end.tv_sec - start.tv_sec) * 1e3 + Double(end.tv_nsec - start.tv_nsec) / 1e6
}

/// "p50 12.3 µs, p99 45.6 µs" of `samples` given in milliseconds (with p90 and p99.9 when `tail`).
func quantiles(_ samples: [Double], tail: Bool = false) -> String {
    let sorted = samples.sorted()
    let at = { (fraction: Double) in sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))] * 1000 }
    return tail
        ? String(format: "p50 %.1f µs, p90 %.1f µs, p99 %.1f µs, p99.9 %.1f µs", at(0.5), at(0.9), at(0.99), at(0.999))
        : String(format: "p50 %.1f µs, p99 %.1f µs", at(0.5), at(0.99))
}

/// The words as lower-case hex digits, 16 each.
func hex(_ words: [UInt64]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    return String(unsafeUninitializedCapacity: words.count * 16) { buffer in
        for (index, word) in words.enumerated() {
            for nibble in 0..<16 { buffer[index * 16 + nibble] = digits[Int(word >> UInt64(60 - 4 * nibble) & 0xF)] }
        }
        return words.count * 16
    }
}

/// The load averages, from /proc/loadavg.
func load() -> String { (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?" }

var random = SplitMix64(seed: 2026)
@MainActor func sketch() -> MinHashSketch { MinHashSketch(hex: hex([random.next(), random.next()]))! }

let state = directory + "/state"
if !reuse { _ = try? FileManager.default.removeItem(atPath: directory) }
try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
try FileManager.default.createDirectory(atPath: directory + "/inbox", withIntermediateDirectories: true)
var store: StateStore! = try StateStore(directory: state + "/store", mapSize: 1 << 36)
print("state-bench: \(documentCount) documents, in \(directory); load average \(load())")

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
        if batch.count == fillBatch || seq == documentCount {
            if !reuse { try store.apply(batch, through: seq) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
print(String(format: "fill: %.0f documents/s (%.1f s, transactions of %d)", Double(documentCount) / insertMilliseconds * 1000, insertMilliseconds / 1000, fillBatch))
let used = try store.usedBytes()
print(String(format: "store file after the fill: %.0f bytes/document (%.1f MiB; free pages included: a fill transaction rewrites most pages)",
    Double(used) / Double(documentCount), Double(used) / 1_048_576))

// MARK: Lookups

var exact: [Double] = []
for id in sampleIDs {
    exact.append(try milliseconds {
        let first = try store.read { try $0.first(withContent: id) }
        precondition(first != nil, "a known id was not found")
    })
}
print("exact lookup: \(quantiles(exact)) (\(exact.count) known ids, one read transaction each)")

/// Looks up a near copy of every planted article and 20,000 unrelated articles, and prints
/// recall, false matches and the lookups' times under `label`.
@MainActor func measureNearLookups(_ label: String, seed: UInt64) throws {
    // Its own random numbers: the documents filed after the first run's lookups (a --reuse run
    // finds them) come from the shared generator, and a query must not be one of them.
    var random = SplitMix64(seed: seed)
    var near: [Double] = []
    var nearCPU: [Double] = []
    var found = 0
    var examined = 0
    var seeks = 0
    for (index, copy) in planted.enumerated() {
        var simhash = copy.simhash
        var bits = Set<UInt64>()
        while bits.count < index % 11 { bits.insert(random.next() % 64) }
        for bit in bits { simhash ^= 1 << bit }
        let agreement = NearDuplicatePolicy.minimumSketchAgreement + index % (MinHashSketch.count - NearDuplicatePolicy.minimumSketchAgreement + 1)
        var agreeing = Set<Int>()
        if index % 2 == 0 {
            for position in stride(from: 0, to: MinHashSketch.count, by: 2) { agreeing.insert(position + Int(random.next() % 2)) }
        }
        while agreeing.count < agreement { agreeing.insert(Int(random.next() % UInt64(MinHashSketch.count))) }
        var digits = Array(copy.sketch.hex.utf8)
        for position in 0..<MinHashSketch.count where !agreeing.contains(position) {
            digits[2 * position] = digits[2 * position] == UInt8(ascii: "f") ? UInt8(ascii: "0") : UInt8(ascii: "f")
        }
        let edited = MinHashSketch(hex: String(decoding: digits, as: UTF8.self))!
        var result: (match: NearDuplicate?, examined: Int, seeks: Int)?
        near.append(try milliseconds { nearCPU.append(try cpuMilliseconds { result = try store.read { try $0.nearest(simhash: simhash, sketch: edited) } }) })
        if let result {
            if result.match?.id == copy.id { found += 1 }
            examined += result.examined
            seeks += result.seeks
        }
    }
    var falseMatches = 0
    var unrelatedExamined = 0
    for _ in 0..<20_000 {
        let simhash = random.next()
        let unrelated = MinHashSketch(hex: hex([random.next(), random.next()]))!
        var result: (match: NearDuplicate?, examined: Int, seeks: Int)?
        near.append(try milliseconds { nearCPU.append(try cpuMilliseconds { result = try store.read { try $0.nearest(simhash: simhash, sketch: unrelated) } }) })
        if let result {
            if result.match != nil { falseMatches += 1 }
            unrelatedExamined += result.examined
        }
    }
    print("near lookups, \(label):")
    print(String(format: "  planted near copies: recall %.3f (%d of %d, 0 to 10 bits away, sketches agreeing in %d to 16 positions)",
        Double(found) / Double(planted.count), found, planted.count, NearDuplicatePolicy.minimumSketchAgreement))
    print("  unrelated articles: \(falseMatches) false matches of 20,000")
    print("  at 10 bits: wall \(quantiles(near)); CPU \(quantiles(nearCPU, tail: true)) (\(seeks / max(1, planted.count)) keys sought, \(examined / max(1, planted.count)) filed values compared per planted lookup, \(unrelatedExamined / 20_000) per unrelated one)")
}

// The first pass maps the store's pages into this process as it reads them (page faults: a
// daemon pays them once); the second finds them mapped, as a daemon that has run for a while.
try measureNearLookups("first pass (pages not yet mapped by this process)", seed: 1)
try measureNearLookups("second pass (warm: other random queries, pages mapped)", seed: 2)

if reuse { exit(0) }

// MARK: Inserts as the daemon makes them

let extra = 20_000
let groupMilliseconds = try milliseconds {
    var batch: [StoreChange] = []
    for seq in documentCount + 1...documentCount + extra {
        batch.append(.document(StoredDocument(
            id: "sha256:" + hex([random.next(), random.next(), random.next(), random.next()]), seq: seq,
            textHash: hex([random.next(), random.next(), random.next(), random.next()]), simhash: random.next(), sketch: sketch())))
        if batch.count == 1000 {
            try store.apply(batch, through: seq)
            batch.removeAll(keepingCapacity: true)
        }
    }
}
print(String(format: "insert, transactions of 1,000 (a group commit) on the filled store: %.0f documents/s", Double(extra) / groupMilliseconds * 1000))
print("load average \(load())")
let known = documentCount + extra
let compact = directory + "/compact"
_ = try? FileManager.default.removeItem(atPath: compact)
try FileManager.default.createDirectory(atPath: compact, withIntermediateDirectories: true)
try store.copyCompacted(to: compact)
let compactBytes = (try FileManager.default.attributesOfItem(atPath: compact + "/data.mdb")[.size] as? Int) ?? 0
try FileManager.default.removeItem(atPath: compact)
print(String(format: "store compacted (mdb_env_copy2, MDB_CP_COMPACT): %.0f bytes/document (%.1f MiB)", Double(compactBytes) / Double(known), Double(compactBytes) / 1_048_576))

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

store = nil
let line = #"{"v":1,"seq":\#(known),"ts":"2026-12-02T00:00:00.000Z","type":"document.rejected","path":"x","size":0,"received":"2026-12-02T00:00:00.000Z","file":null,"reason":"empty","detail":"bench","quarantined":null}"# + "\n"
FileManager.default.createFile(atPath: state + "/events.jsonl", contents: Data(line.utf8))
try FileManager.default.createDirectory(atPath: directory + "/empty", withIntermediateDirectories: true)
/// Drops the store's data file from the page cache (`POSIX_FADV_DONTNEED`; no process maps it
/// now), for a cold start; false when the call failed.
func dropFromPageCache(_ path: String) -> Bool {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    return fdatasync(fd) == 0 && posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) == 0
}

if let empty = try daemonStart(stateDirectory: directory + "/empty", inbox: directory + "/inbox"),
    let _ = try daemonStart(stateDirectory: state, inbox: directory + "/inbox"),
    let full = try daemonStart(stateDirectory: state, inbox: directory + "/inbox")
{
    print(String(format: "daemon, empty state: READY in %.0f ms, RssAnon %d KiB", empty.milliseconds, empty.rssAnonKiB))
    print(String(format: "daemon, %d documents known (warm page cache): READY in %.0f ms, RssAnon %d KiB (%+d KiB, %.1f bytes/document)",
        known, full.milliseconds, full.rssAnonKiB, full.rssAnonKiB - empty.rssAnonKiB,
        Double((full.rssAnonKiB - empty.rssAnonKiB) * 1024) / Double(known)))
    if dropFromPageCache(state + "/store/data.mdb"), let cold = try daemonStart(stateDirectory: state, inbox: directory + "/inbox") {
        print(String(format: "daemon, %d documents known, store dropped from the page cache (POSIX_FADV_DONTNEED; other caches warm): READY in %.0f ms", known, cold.milliseconds))
    }
} else {
    print("daemon: no release depeche beside this binary; start-up not measured")
}
