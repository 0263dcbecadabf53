/// Metadata a page states outright (HTML `<meta>`, JSON-LD, `<time>`); nil where it does not.
public struct ArticleMetadata: Sendable, Equatable {
    /// The headline.
    public var title: String?
    /// The publication date, ISO 8601 (`2024-02-07`).
    public var published: String?
    /// The byline.
    public var author: String?
    /// The publication's name.
    public var source: String?
    /// The publication the page's copyright or source line names ("© 2024 X. All rights
    /// reserved.", "Source : X"): the source when neither markup nor a byline names one.
    public var publisher: String?

    /// Creates metadata; every field defaults to nil.
    public init(title: String? = nil, published: String? = nil, author: String? = nil, source: String? = nil,
                publisher: String? = nil) {
        self.title = title
        self.published = published
        self.author = author
        self.source = source
        self.publisher = publisher
    }
}

/// The output of the clean stage: the article alone, without the page around it.
public struct Article: Sendable {
    /// The article's text: what fingerprints and entities are computed on.
    public var text: String
    /// What the page states about the article, when it says it in markup.
    public var metadata: ArticleMetadata

    /// Creates an article.
    public init(text: String, metadata: ArticleMetadata = ArticleMetadata()) {
        self.text = text
        self.metadata = metadata
    }
}
