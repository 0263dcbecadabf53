/// What a page is, as far as the pipeline cares.
public enum DocumentFormat: String, Sendable {
    /// Plain text, like the scraped sample pages.
    case text
    /// An HTML page.
    case html
}

/// How a page's bytes were read: what events and the journal say of the decode stage.
public struct Decoding: Sendable {
    /// The encoding the bytes were read as: `utf-8`, `utf-8-repaired`, `utf-16le`, `utf-16be` or `windows-1252`.
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
    /// The encoding the bytes were read as: `utf-8`, `utf-8-repaired`, `utf-16le`, `utf-16be` or `windows-1252`.
    public var encoding: String
    /// Plain text or HTML.
    public var format: DocumentFormat
    /// Problems that were repaired on the way (invalid UTF-8 sequences, …), for the journal.
    public var warnings: [String]

    /// Creates a decoded document.
    public init(text: String, encoding: String = "utf-8", format: DocumentFormat = .text, warnings: [String] = []) {
        self.text = text
        self.encoding = encoding
        self.format = format
        self.warnings = warnings
    }

    /// How the page was read, without its text.
    public var decoding: Decoding { Decoding(encoding: encoding, format: format, warnings: warnings) }
}
