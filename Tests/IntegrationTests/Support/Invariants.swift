import DepecheCore

/// A file a test put into the inbox, and the outcome the contract promises for it.
struct DroppedFile {
    /// What the file is.
    enum Content {
        /// A regular file with these bytes.
        case bytes([UInt8])
        /// A symbolic link with this target.
        case symlink(String)
        /// A FIFO, socket or device node.
        case special
    }

    /// What its one event must be.
    enum Expected: Equatable {
        /// `document.ingested`, or `document.duplicate` of the first file with the same bytes.
        case document
        /// `document.rejected` with this reason.
        case rejected(String)
    }

    /// The path relative to the inbox, byte for byte.
    var path: [UInt8]
    /// Its content.
    var content: Content
    /// Its outcome.
    var expected: Expected

    /// A regular file.
    init(path: [UInt8], bytes: [UInt8], expected: Expected) {
        self.path = path
        self.content = .bytes(bytes)
        self.expected = expected
    }

    /// Any file.
    init(path: [UInt8], content: Content, expected: Expected) {
        self.path = path
        self.content = content
        self.expected = expected
    }

    /// `sha256:<hex>` of the bytes of a regular file.
    var id: String? {
        guard case .bytes(let bytes) = content else { return nil }
        return ContentHash.id(of: bytes)
    }
}

/// The promises of the event-log contract, checked after a run against what was dropped:
/// one outcome per file, one `ingested` per distinct content (every other copy a `duplicate`
/// of it), `seq` gap-free from 1, no torn line, the inbox empty, the archive holding each
/// ingested content under its hash and the quarantine each rejected file unchanged.
/// Assumes `dispose.mode: archive` (the default).
struct Invariants {
    /// The inbox.
    let inbox: String
    /// The state directory.
    let stateDirectory: String

    /// Every broken promise, as a sentence; empty when all hold.
    func violations(of log: EventLogFile.Contents, dropped: [DroppedFile]) -> [String] {
        var problems = log.problems
        problems += sequence(log.events)
        let byPath = Dictionary(grouping: log.events, by: \.path)
        let expected = Dictionary(dropped.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for (path, events) in byPath where expected[path] == nil {
            problems.append("\(events.count) event(s) for \(FileSystem.display(path)), which was never dropped")
        }
        for file in dropped {
            let events = byPath[file.path] ?? []
            guard events.count == 1, let event = events.first else {
                problems.append("\(FileSystem.display(file.path)): \(events.count) events (seq \(events.map(\.seq))), expected exactly one")
                continue
            }
            problems += outcome(of: file, event)
        }
        problems += oneIngestedPerContent(log.events, dropped: dropped)
        for leftover in FileSystem.nonDirectories(below: inbox) {
            problems.append("still in the inbox: \(FileSystem.display(leftover))")
        }
        return problems
    }

    /// For every `ingested` or `duplicate` event, the archive file it names holds bytes whose
    /// SHA-256 is its id; for every `rejected` event, something is at its quarantine path. For
    /// runs where the dropped files are not known exactly (replaced files, renamed directories).
    func storageViolations(_ events: [LogEvent]) -> [String] {
        events.compactMap { event in
            switch event.type {
            case "document.ingested", "document.duplicate":
                guard let stored = event.string("stored"), let bytes = try? FileSystem.read(stateDirectory + "/" + stored) else {
                    return "seq \(event.seq): \(event.string("stored") ?? "no stored path") is missing"
                }
                return ContentHash.id(of: bytes) == event.id ? nil : "seq \(event.seq): \(stored) does not hold \(event.id ?? "?")"
            case "document.rejected":
                let location = Array(stateDirectory.utf8) + Array("/quarantine/\(event.seq)/".utf8) + event.path
                return FileSystem.kind(bytes: location) != nil ? nil : "seq \(event.seq): \(event.displayPath) is not in the quarantine"
            default:
                return nil
            }
        }
    }

    /// `seq` is 1, 2, 3, … in file order.
    private func sequence(_ events: [LogEvent]) -> [String] {
        for (index, event) in events.enumerated() where event.seq != index + 1 {
            return ["seq \(event.seq) at position \(index + 1): the sequence has a gap or repeats"]
        }
        return []
    }

    /// The one event of `file` matches what it is, and the file is where the event says.
    private func outcome(of file: DroppedFile, _ event: LogEvent) -> [String] {
        let name = FileSystem.display(file.path)
        switch (file.expected, event.type) {
        case (.document, "document.ingested"), (.document, "document.duplicate"):
            guard let id = file.id, event.id == id else {
                return ["\(name): event id \(event.id ?? "none"), expected \(file.id ?? "none")"]
            }
            return archived(file, event)
        case (.rejected(let reason), "document.rejected"):
            guard event.string("reason") == reason else {
                return ["\(name): rejected as \(event.string("reason") ?? "?"), expected \(reason) (\(event.string("detail") ?? ""))"]
            }
            return quarantined(file, event)
        default:
            return ["\(name): \(event.type) (\(event.string("reason") ?? "")), expected \(file.expected)"]
        }
    }

    /// The archive holds the bytes under `stored`, whose name is their SHA-256 (a duplicate's
    /// too: its bytes are archived under its own id, a byte copy's with the first document's).
    private func archived(_ file: DroppedFile, _ event: LogEvent) -> [String] {
        let name = FileSystem.display(file.path)
        guard let stored = event.string("stored"), case .bytes(let original) = file.content else {
            return ["\(name): \(event.type) without a \"stored\" path"]
        }
        let hex = ContentHash.hexDigits(of: event.id ?? "")
        guard stored.hasPrefix("archive/\(hex.prefix(2))/\(hex)") else {
            return ["\(name): stored at \(stored), not under its hash"]
        }
        guard let bytes = try? FileSystem.read(stateDirectory + "/" + stored) else { return ["\(name): \(stored) is missing"] }
        guard ContentHash.id(of: bytes) == event.id, bytes == original else {
            return ["\(name): \(stored) does not hold the file's bytes"]
        }
        return []
    }

    /// The quarantine holds the file as it was dropped.
    private func quarantined(_ file: DroppedFile, _ event: LogEvent) -> [String] {
        let name = FileSystem.display(file.path)
        guard let relative = event.string("quarantined") else { return ["\(name): rejected but not quarantined"] }
        let prefix = Array("quarantine/\(event.seq)/".utf8)
        let expectedPath = prefix + file.path
        guard Array(relative.utf8) == prefix + Array(FileSystem.display(file.path).utf8) else {
            return ["\(name): quarantined at \(relative), expected quarantine/\(event.seq)/\(name)"]
        }
        let location = Array(stateDirectory.utf8) + [UInt8(ascii: "/")] + expectedPath
        switch file.content {
        case .bytes(let original):
            guard let bytes = try? FileSystem.read(bytes: location) else { return ["\(name): missing from \(relative)"] }
            return bytes == original ? [] : ["\(name): \(relative) does not hold the original bytes"]
        case .symlink(let target):
            return FileSystem.linkTarget(bytes: location) == target ? [] : ["\(name): \(relative) is not the original link"]
        case .special:
            let kind = FileSystem.kind(bytes: location)
            return kind != nil && kind != .regular ? [] : ["\(name): \(relative) is missing or became a regular file"]
        }
    }

    /// For each distinct content: one `ingested`, and every `duplicate` points at it, after it.
    private func oneIngestedPerContent(_ events: [LogEvent], dropped: [DroppedFile]) -> [String] {
        var problems: [String] = []
        let contents = Set(dropped.filter { $0.expected == .document }.compactMap(\.id))
        let ingested = Dictionary(grouping: events.filter { $0.type == "document.ingested" }, by: { $0.id ?? "" })
        for id in contents where ingested[id]?.count != 1 {
            problems.append("\(id): \(ingested[id]?.count ?? 0) ingested events, expected one")
        }
        for duplicate in events where duplicate.type == "document.duplicate" {
            guard let first = ingested[duplicate.id ?? ""]?.first else {
                problems.append("duplicate seq \(duplicate.seq) of \(duplicate.id ?? "?") without an ingested event")
                continue
            }
            if duplicate.string("of") != first.id || duplicate.int("of_seq") != first.seq || first.seq >= duplicate.seq {
                problems.append("duplicate seq \(duplicate.seq) points at \(duplicate.int("of_seq") ?? -1), expected \(first.seq)")
            }
        }
        return problems
    }
}
