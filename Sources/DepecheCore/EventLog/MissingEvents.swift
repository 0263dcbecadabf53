/// Events a reader should have found next but that are no longer in the log: `log.retain_segments`
/// removed the segment holding them before they were read, or its file was moved away
/// (`logrotate`).
public struct MissingEvents: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `seq`s that are gone.
    public var range: ClosedRange<Int>

    /// Creates the error for the `seq`s in `range`.
    public init(range: ClosedRange<Int>) { self.range = range }

    /// `events 4–26 are gone from the log …`.
    public var description: String {
        let seqs = range.count == 1 ? "event \(range.lowerBound) is" : "events \(range.lowerBound)–\(range.upperBound) are"
        return "\(seqs) gone from the log (log.retain_segments removed the segment holding them, or it was moved away)"
    }
}
