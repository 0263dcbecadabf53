/// A page after the pure stages: decoded, cleaned, fingerprinted and read for entities.
public struct AnalyzedDocument: Sendable {
    /// `sha256:<hex>` of the bytes.
    public var id: String
    /// How the page was read (its decoded text is not kept: nothing reads it once cleaned, and
    /// on a large page it is one more copy of the page in memory).
    public var decoding: Decoding
    /// The article alone.
    public var article: Article
    /// Fingerprints of the normalised article.
    public var fingerprint: ArticleFingerprint
    /// Metadata and entities of the article.
    public var extraction: Extraction
}

/// A page decoded, cleaned and fingerprinted, not yet read for entities.
public struct PreparedDocument: Sendable {
    /// `sha256:<hex>` of the bytes.
    public var id: String
    /// How the page was read.
    public var decoding: Decoding
    /// The article alone.
    public var article: Article
    /// Fingerprints of the normalised article.
    public var fingerprint: ArticleFingerprint
}

/// The pure part of the pipeline, shared by `depeche run` and `depeche extract`:
/// decode → clean → fingerprint → extract, a function of the bytes and the gazetteer.
public struct DocumentAnalyzer: Sendable {
    /// The entity extractor (with its gazetteer).
    public let extractor: Extractor

    /// Creates an analyzer.
    public init(extractor: Extractor) { self.extractor = extractor }

    /// Analyzes one file's bytes; `fileExtension` helps tell HTML from text.
    public func analyze(_ bytes: [UInt8], fileExtension: String) throws(Rejection) -> AnalyzedDocument {
        try analyze(bytes, id: ContentHash.id(of: bytes), fileExtension: fileExtension)
    }

    /// Analyzes one file's bytes, whose `id` (`ContentHash.id(of:)`) is known. Bytes the caller
    /// gives up are freed once decoded, before the page is parsed: a large page is then in memory
    /// once, not twice.
    public func analyze(_ bytes: consuming [UInt8], id: String, fileExtension: String) throws(Rejection) -> AnalyzedDocument {
        extract(try prepare(bytes, id: id, fileExtension: fileExtension))
    }

    /// The stages before extraction, decode → clean → fingerprint: enough to tell an article
    /// already stored (by its `text_sha256`) from a new one.
    public func prepare(_ bytes: consuming [UInt8], id: String, fileExtension: String) throws(Rejection) -> PreparedDocument {
        let (article, decoding) = try Self.cleaned(bytes, fileExtension: fileExtension)
        return PreparedDocument(id: id, decoding: decoding, article: article, fingerprint: ArticleFingerprint.of(article))
    }

    /// The last stage: the prepared article read for entities.
    public func extract(_ prepared: PreparedDocument) -> AnalyzedDocument {
        AnalyzedDocument(
            id: prepared.id, decoding: prepared.decoding, article: prepared.article, fingerprint: prepared.fingerprint,
            extraction: extractor.extract(prepared.article))
    }

    /// Decode → clean; the bytes (when no one else holds them) and the decoded text are freed
    /// on the way, before fingerprints and extraction.
    private static func cleaned(_ bytes: consuming [UInt8], fileExtension: String) throws(Rejection) -> (Article, Decoding) {
        let decoded = try TextDecoder.decode(bytes, fileExtension: fileExtension)
        _ = consume bytes
        let decoding = decoded.decoding
        return (ArticleCleaner().clean(consume decoded), decoding)
    }
}
