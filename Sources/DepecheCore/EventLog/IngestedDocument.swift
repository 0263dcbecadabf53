/// A `document.ingested`: a new document, with what the pipeline learned about it.
public struct IngestedDocument: Sendable {
    /// The analysis of the file's bytes.
    public var document: AnalyzedDocument
    /// The file.
    public var receipt: Receipt
    /// Where the bytes are kept, relative to the state directory, or nil when not archived.
    public var stored: String?
    /// Whether the event carries the cleaned article as `text`.
    public var includeText: Bool
    /// The earlier article this one is near, if any.
    public var nearDuplicate: NearDuplicate?

    /// Creates the event body.
    public init(
        document: AnalyzedDocument, receipt: Receipt, stored: String?, includeText: Bool, nearDuplicate: NearDuplicate? = nil
    ) {
        self.document = document
        self.receipt = receipt
        self.stored = stored
        self.includeText = includeText
        self.nearDuplicate = nearDuplicate
    }

    /// The content id.
    public var id: String { document.id }

    func write(into json: inout JSONWriter) {
        json.field("id", document.id)
        receipt.write(into: &json)
        json.field("stored", stored)
        json.field("encoding", document.decoding.encoding)
        json.field("format", document.decoding.format.rawValue)
        json.field("text_sha256", document.fingerprint.textSHA256)
        json.field("simhash", document.fingerprint.simhashHex)
        json.field("minhash", document.fingerprint.sketch.hex)
        if let nearDuplicate {
            json.field("near_duplicate_of", nearDuplicate.id)
            json.field("similarity", nearDuplicate.similarity)
            if let host = nearDuplicate.host { json.field("near_duplicate_host", host) }
        }
        document.extraction.write(into: &json)
        if includeText {
            // Room for the text at once (and its escapes, a line break's two bytes): grown by
            // doubling, the buffer of a page of megabytes would be copied whole, both alive.
            let bytes = document.article.text.utf8.count
            json.reserveCapacity(bytes + bytes / 8 + 16)
            json.field("text", document.article.text)
        }
    }
}
