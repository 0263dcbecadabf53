/// A `document.ingested`: a new document, with what the pipeline learned about it.
public struct IngestedDocument: Sendable {
    /// The content id, `sha256:<hex>` of the bytes.
    public var id: String
    /// The file.
    public var receipt: Receipt
    /// Where the bytes are kept, relative to the state directory, or nil when not archived.
    public var stored: String?
    /// How the bytes were decoded.
    public var encoding: String
    /// `text` or `html`.
    public var format: DocumentFormat
    /// The document's language: `fr`, `en`, `ar` or `und`.
    public var lang: String

    /// Creates the event body.
    public init(id: String, receipt: Receipt, stored: String?, encoding: String, format: DocumentFormat, lang: String) {
        self.id = id
        self.receipt = receipt
        self.stored = stored
        self.encoding = encoding
        self.format = format
        self.lang = lang
    }

    func write(into json: inout JSONWriter) {
        json.field("id", id)
        receipt.write(into: &json)
        json.field("stored", stored)
        json.field("encoding", encoding)
        json.field("format", format.rawValue)
        json.field("lang", lang)
    }
}
