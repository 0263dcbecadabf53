/// `depeche check` for the event log: every line valid JSON, `v` known, `seq` gap-free, each
/// closed segment named by its first `seq`.
public enum EventLogCheck {
    /// What the check found in a sound log.
    public struct Summary: Sendable, Equatable {
        /// Events read.
        public var events: Int
        /// The first and last `seq` (0 when the log is empty).
        public var firstSeq: Int
        /// The last `seq`.
        public var lastSeq: Int
        /// Files read.
        public var segments: Int
    }

    /// Checks the log whose active file is `activePath`; throws ``EventLogCorruption`` at the
    /// first problem, naming the file and line.
    public static func run(activePath: String) throws -> Summary {
        let segments = EventLogSegments(activePath: activePath)
        var summary = Summary(events: 0, firstSeq: 0, lastSeq: 0, segments: 0)
        let files = segments.closed().map { (path: $0.path, named: Optional($0.firstSeq)) } + [(segments.activePath, nil)]
        for (path, named) in files {
            guard let bytes = try? Posix.readFile(path) else { continue }
            summary.segments += 1
            if let last = bytes.last, last != UInt8(ascii: "\n") {
                let line = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
                throw EventLogCorruption(path: path, lineNumber: line, problem: "the last line is not terminated (a torn write)")
            }
            var lineNumber = 0
            try EventLogReader.forEachLine(in: bytes, path: path) { event in
                lineNumber += 1
                let seq = event.seq!
                guard event.fields["v"] as? Int == Depeche.eventFormatVersion else {
                    throw EventLogCorruption(path: path, lineNumber: lineNumber, problem: "unknown format version \"v\"")
                }
                guard event.type != nil, event.string("ts") != nil else {
                    throw EventLogCorruption(path: path, lineNumber: lineNumber, problem: "missing \"type\" or \"ts\"")
                }
                if lineNumber == 1, let name = named, name != seq {
                    throw EventLogCorruption(
                        path: path, lineNumber: 1, problem: "the segment begins with seq \(seq), not the seq \(name) its name says")
                }
                if summary.events > 0 && seq != summary.lastSeq + 1 {
                    throw EventLogCorruption(
                        path: path, lineNumber: lineNumber, problem: "seq \(seq) follows \(summary.lastSeq): the sequence has a gap")
                }
                if summary.events == 0 { summary.firstSeq = seq }
                summary.lastSeq = seq
                summary.events += 1
            }
        }
        return summary
    }
}
