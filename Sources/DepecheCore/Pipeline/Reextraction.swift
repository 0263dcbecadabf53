import Foundation
import Glibc

/// `depeche reextract`: today's analysis (cleaning, metadata, entities with the gazetteers as
/// they are now) run again over the archived copy of every document the log has ingested.
///
/// It only reads (the event log and `state_dir/archive`), so it is safe while the daemon runs.
/// Each result is shaped like the document's `document.ingested` line (same `seq`, `ts`, `id`,
/// `path`, `received`, `file`, `stored`, near-duplicate fields) with the analysis redone and a
/// `reextracted` timestamp added.
public struct Reextraction: Sendable {
    /// Why a document of the log could not be analysed again.
    public enum Skip: Sendable, Equatable {
        /// Its bytes were never archived (`dispose.mode` was `delete` or `keep`).
        case notArchived
        /// The event names an archived copy that is no longer there.
        case archiveMissing(String)
        /// The archived copy no longer has the document's id, or today's analysis rejects it.
        case unusable(String)
    }

    /// What became of one `document.ingested` event.
    public enum Outcome: Sendable {
        /// The new line, with its newline.
        case reextracted([UInt8])
        /// The document's `seq` and `path`, and why it was passed over.
        case skipped(seq: Int, path: String, Skip)
    }

    /// The log read.
    public let reader: EventLogReader
    /// The state directory that archive paths (`stored`) are relative to.
    public let stateDirectory: String
    /// Today's analysis.
    public let analyzer: DocumentAnalyzer
    /// Whether lines carry the cleaned article as `text` (`event.include_text`).
    public let includeText: Bool

    /// Re-extraction over the log, archive and gazetteers `config` names.
    public init(config: DepecheConfig, analyzer: DocumentAnalyzer) {
        reader = EventLogReader(activePath: config.logPath)
        stateDirectory = config.stateDirectory
        self.analyzer = analyzer
        includeText = config.includeText
    }

    /// How many `document.ingested` events have a `seq` in `seqs` (for a progress bar).
    public func count(_ seqs: ClosedRange<Int>) throws -> Int {
        var count = 0
        try forEachIngested(seqs) { _, _ in count += 1 }
        return count
    }

    /// Calls `body` with the outcome for every `document.ingested` event whose `seq` is in `seqs`, in order.
    public func run(_ seqs: ClosedRange<Int>, _ body: (Outcome) throws -> Void) throws {
        try forEachIngested(seqs) { event, seq in try body(outcome(for: event, seq: seq)) }
    }

    private func forEachIngested(_ seqs: ClosedRange<Int>, _ body: (LoggedEvent, Int) throws -> Void) throws {
        try reader.forEach(from: seqs.lowerBound) { event in
            guard let seq = event.seq, seqs.contains(seq), event.type == "document.ingested" else { return }
            try body(event, seq)
        }
    }

    private func outcome(for event: LoggedEvent, seq: Int) -> Outcome {
        let path = event.string("path") ?? ""
        guard let stored = event.string("stored") else { return .skipped(seq: seq, path: path, .notArchived) }
        guard let bytes = try? Posix.readFile(stateDirectory + "/" + stored) else {
            return .skipped(seq: seq, path: path, .archiveMissing(stored))
        }
        let receipt = Receipt(logged: event)
        let document: AnalyzedDocument
        do { document = try analyzer.analyze(bytes, fileExtension: receipt.path.fileExtension) } catch {
            return .skipped(seq: seq, path: path, .unusable("today's analysis rejects it: \(error.detail)"))
        }
        guard document.id == event.string("id") else {
            return .skipped(seq: seq, path: path, .unusable("\(stored) no longer holds \(event.string("id") ?? "its id")"))
        }
        var nearDuplicate: NearDuplicate?
        if let of = event.string("near_duplicate_of"), let similarity = event.fields["similarity"] as? Double {
            nearDuplicate = NearDuplicate(
                id: of, distance: Int(((1 - similarity) * 64).rounded()), similarity: similarity, host: event.string("near_duplicate_host"))
        }
        let ingested = IngestedDocument(
            document: document, receipt: receipt, stored: stored, includeText: includeText, nearDuplicate: nearDuplicate)
        let written = event.string("ts").flatMap(Timestamp.init(rfc3339:)) ?? receipt.received
        let now = Timestamp.now()
        return .reextracted(DocumentEvent.ingested(ingested).line(seq: seq, at: written) { $0.field("reextracted", now.rfc3339) })
    }
}

extension Receipt {
    /// The receipt a logged document event records: `path` (byte-exact from `path_b64` when
    /// present), `size`, `file`, `received`.
    public init(logged event: LoggedEvent) {
        let exact = event.string("path_b64").flatMap { Data(base64Encoded: $0) }.map { InboxPath(bytes: Array($0)) }
        let file = event.fields["file"] as? [String: Any]
        var identity: FileIdentity?
        if let file, let inode = file["ino"] as? Int, let mtime = file["mtime_ns"] as? Int, let size = event.fields["size"] as? Int {
            identity = FileIdentity(inode: UInt64(truncatingIfNeeded: inode), size: size, mtimeNanoseconds: Int64(mtime))
        }
        self.init(
            path: exact ?? InboxPath(event.string("path") ?? ""), identity: identity,
            received: event.string("received").flatMap(Timestamp.init(rfc3339:)) ?? Timestamp(nanoseconds: 0))
    }
}
