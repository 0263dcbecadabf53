import DepecheCore
import Glibc
import Logging

/// What each libFuzzer target does with one input. The fuzz package compiles this very file
/// (Fuzz/FuzzReplay/FuzzReplay.swift is a symbolic link to it) and its targets call it;
/// ``FuzzRegressionTests`` replays the kept inputs through it. A rejection or a thrown error
/// is a normal outcome; a crash, a hang or a sanitizer report is a bug.
public enum FuzzReplay {
    /// FuzzDecode: the decode stage, as a text file and as an HTML page.
    public static func decode(_ bytes: [UInt8]) {
        for fileExtension in ["txt", "html"] {
            if let decoded = try? TextDecoder.decode(bytes, fileExtension: fileExtension) {
                precondition(!decoded.text.isEmpty, "a decoded page is never empty")
            }
        }
    }

    /// The analyzer with the built-in gazetteer.
    public static func analyzer() -> DocumentAnalyzer {
        let gazetteer = (try? Gazetteer.builtIn()) ?? Gazetteer(entries: [])
        return DocumentAnalyzer(extractor: Extractor(gazetteer: gazetteer))
    }

    /// FuzzAnalyze: decode → clean → extract (the daemon's analyzer) as a text file and as an
    /// HTML page, each analysis written as its event line (the JSON writer's buffer and escapes
    /// under whatever text and entities come out), and, so that extraction also sees what
    /// decoding rejects, the lossy UTF-8 text straight through text cleaning and extraction.
    public static func analyze(_ bytes: [UInt8], with analyzer: DocumentAnalyzer) {
        for fileExtension in ["txt", "html"] {
            guard let document = try? analyzer.analyze(bytes, fileExtension: fileExtension) else { continue }
            let receipt = Receipt(path: InboxPath(bytes: Array(bytes.prefix(40))), identity: nil, received: Timestamp(nanoseconds: 0))
            let line = DocumentEvent.ingested(IngestedDocument(document: document, receipt: receipt, stored: nil, includeText: true))
                .line(seq: 1, at: Timestamp(nanoseconds: 0))
            precondition(line.last == 0x0A && !line.dropLast().contains { $0 < 0x20 }, "an event line holds a raw control byte")
        }
        _ = analyzer.extractor.extract(Article(text: TextBoilerplate.articleText(of: String(decoding: bytes, as: UTF8.self))))
    }

    /// FuzzClean: any bytes, as lossy UTF-8, through HTML cleaning (libxml2's parser, the
    /// article picker, the metadata reader) and text cleaning, whatever decoding would say.
    public static func clean(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        for format in [DocumentFormat.html, .text] {
            let article = ArticleCleaner().clean(DecodedDocument(text: text, format: format))
            precondition(article.text.utf8.count <= 4 * bytes.count + 64, "cleaning grew the page out of proportion")
        }
    }

    /// FuzzEventLog: the bytes as the event log at `options.path` and as an index snapshot at
    /// `snapshotPath`, through everything that reads them: the line parser, `depeche check`,
    /// the replay that brings the state store up to the log at start-up, the log's own recovery
    /// (torn-tail cut, last `seq`), the snapshot reader.
    public static func eventLog(_ bytes: [UInt8], options: JSONLEventLog.Options, snapshotPath: String, logger: Logger) {
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            _ = try? EventLogReader.parse(Array(line), path: "fuzz", lineNumber: 1)
        }
        write(bytes, to: options.path)
        _ = try? EventLogCheck.run(activePath: options.path)
        try? EventLogReader(activePath: options.path).forEach { event in _ = StoreChange.replaying(event) }
        _ = try? JSONLEventLog(options: options, logger: logger).lastSeq
        write(bytes, to: snapshotPath)
        _ = try? IndexSnapshot.read(from: snapshotPath)
    }

    private static func write(_ bytes: [UInt8], to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        precondition(fd >= 0, "cannot write \(path)")
        defer { close(fd) }
        precondition(bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } == bytes.count)
    }
}
