/// What a page is, as far as the pipeline cares.
public enum DocumentFormat: String, Sendable {
    /// Plain text, like the scraped sample pages.
    case text
    /// An HTML page.
    case html
}

/// How a page's bytes were read: what events and the journal say of the decode stage.
public struct Decoding: Sendable {
    /// The encoding the bytes were read as: `utf-8`, `utf-8-repaired`, `utf-16le`, `utf-16be`, `windows-1252` or `windows-1256`.
    public var encoding: String
    /// Plain text or HTML.
    public var format: DocumentFormat
    /// Problems that were repaired on the way (invalid UTF-8 sequences, …), for the journal.
    public var warnings: [String]
}

/// The output of the decode stage: a page's bytes turned into text.
public struct DecodedDocument: Sendable {
    /// The whole page as text (for HTML, the decoded markup).
    public var text: String
    /// How the page was read.
    public var decoding: Decoding

    /// Creates a decoded document.
    public init(text: String, encoding: String = "utf-8", format: DocumentFormat = .text, warnings: [String] = []) {
        self.text = text
        decoding = Decoding(encoding: encoding, format: format, warnings: warnings)
    }

    /// See ``Decoding/encoding``.
    public var encoding: String { decoding.encoding }
    /// See ``Decoding/format``.
    public var format: DocumentFormat { decoding.format }
    /// See ``Decoding/warnings``.
    public var warnings: [String] { decoding.warnings }
}
