import Foundation

/// One line of the event log, read the way a downstream job would: as JSON, independently of
/// the daemon's own reader.
struct LogEvent {
    /// `seq`.
    var seq: Int
    /// `type`: `document.ingested`, `document.duplicate` or `document.rejected`.
    var type: String
    /// The file's path relative to the inbox, byte for byte (from `path_b64` when present).
    var path: [UInt8]
    /// The whole object.
    var fields: [String: Any]

    /// A string field.
    func string(_ key: String) -> String? { fields[key] as? String }
    /// An integer field.
    func int(_ key: String) -> Int? { fields[key] as? Int }

    /// `id` (`sha256:…`).
    var id: String? { string("id") }
    /// The path as text (invalid bytes as U+FFFD), for messages.
    var displayPath: String { FileSystem.display(path) }
}

/// The event log of a test daemon: the active file and its closed segments, in `seq` order.
struct EventLogFile {
    /// The active file (`…/events.jsonl`).
    let activePath: String

    /// What reading the log found.
    struct Contents {
        /// Every complete line, parsed, in file order.
        var events: [LogEvent]
        /// Problems: a line that is not a valid event, a last line without its newline.
        var problems: [String]
    }

    /// Reads every segment then the active file. A missing log reads as empty.
    func read() -> Contents {
        var contents = Contents(events: [], problems: [])
        for path in segmentPaths() + [activePath] {
            guard let bytes = try? FileSystem.read(path) else { continue }
            if let last = bytes.last, last != UInt8(ascii: "\n") {
                contents.problems.append("\(path): the last line has no newline (torn write)")
            }
            for (number, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().enumerated() {
                switch Self.parse(Array(line)) {
                case .success(let event): contents.events.append(event)
                case .failure(let problem): contents.problems.append("\(path):\(number + 1): \(problem.description)")
                }
            }
        }
        return contents
    }

    /// The events (problems ignored; see ``read()``).
    var events: [LogEvent] { read().events }

    /// Closed segments `events.<first-seq>.jsonl`, oldest first.
    func segmentPaths() -> [String] {
        let directory = (activePath as NSString).deletingLastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix("events."), name.hasSuffix(".jsonl"), let first = Int(name.dropFirst(7).dropLast(6)) else { return nil }
            return (first, directory + "/" + name)
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Parses one line as an event.
    static func parse(_ line: [UInt8]) -> Result<LogEvent, HarnessError> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)), let fields = object as? [String: Any] else {
            return .failure(HarnessError("not a JSON object: \(String(decoding: line.prefix(200), as: UTF8.self))"))
        }
        guard let seq = fields["seq"] as? Int, let type = fields["type"] as? String, let text = fields["path"] as? String else {
            return .failure(HarnessError("no seq, type or path: \(String(decoding: line.prefix(200), as: UTF8.self))"))
        }
        var path = Array(text.utf8)
        if let encoded = fields["path_b64"] as? String {
            guard let data = Data(base64Encoded: encoded) else { return .failure(HarnessError("path_b64 is not base64: \(encoded)")) }
            path = Array(data)
        }
        return .success(LogEvent(seq: seq, type: type, path: path, fields: fields))
    }
}
