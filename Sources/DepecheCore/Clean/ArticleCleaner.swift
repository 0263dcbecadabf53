/// Stage "clean": a decoded page → its article. HTML pages go through
/// `HTMLArticleExtractor` (markup furniture removed, article element picked, metadata read),
/// then, like plain-text pages, through `TextBoilerplate`, which drops what markup did not
/// mark: tickers of other headlines, "Lire aussi" lines, share and widget lines.
public struct ArticleCleaner: Sendable {
    /// Creates a cleaner.
    public init() {}

    /// The article of `document`, with the metadata its markup states (none for text pages).
    /// An HTML page's markup is released once it is parsed, when the caller gives it up.
    public func clean(_ document: consuming DecodedDocument) -> Article {
        switch document.format {
        case .html:
            let page = HTMLArticleExtractor.article(fromHTML: (consume document).text)
            let article = TextBoilerplate.article(of: page.text)
            var metadata = page.metadata
            metadata.publisher = metadata.publisher ?? article.metadata.publisher
            return Article(text: article.text, metadata: metadata)
        case .text:
            return TextBoilerplate.article(of: document.text)
        }
    }
}
