/// depeche: a pipeline of small stages, watch → read → decode/clean → fingerprint/dedup →
/// extract → event log → dispose. See `Pipeline.swift` for how they fit together.
public enum Depeche {
    /// The version of the event log format written by this build (`"v"` on every line).
    public static let eventFormatVersion = 1
}
