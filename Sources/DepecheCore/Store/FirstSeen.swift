/// The first document seen with some content.
public struct FirstSeen: Sendable, Equatable {
    /// Its content id.
    public var id: String
    /// Its `seq`.
    public var seq: Int
}
