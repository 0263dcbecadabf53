/// depeche: a pipeline of small stages, watch → read → decode/clean → fingerprint/dedup →
/// extract → event log → dispose. See `Pipeline.swift` for how they fit together.
public enum Depeche {
    /// The release (`depeche --version`); the one place the version is written, read by the
    /// Makefile for the Debian package.
    public static let version = "0.1.0"

    /// The version of the event log format written by this build (`"v"` on every line).
    public static let eventFormatVersion = 1
}
