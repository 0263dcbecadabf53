/// The article of an HTML page: its paragraphs as plain text, and what its markup states
/// about it (and the publisher its `<footer>` names, `PageCredits`). Parses with libxml2, reads the metadata, removes page furniture (scripts,
/// navigation, headers, footers, asides, forms, comment and sharing blocks, …), picks the
/// element that holds the article's prose and renders it with paragraph breaks, headline first.
public enum HTMLArticleExtractor {
    /// The article text and metadata of `html` (already decoded markup). A page libxml2 cannot
    /// build a tree from gives empty text and no metadata. The markup is released once parsed
    /// (when the caller holds no other copy): a large page's tree is what the rest reads.
    public static func article(fromHTML html: consuming String) -> Article {
        guard let page = read(HTMLDocument(parsing: consume html)) else { return Article(text: "") }
        // The tree is freed by now: the text's String does not add to the tree's memory.
        let text = String(decoding: page.text, as: UTF8.self)
        return Article(text: withHeadline(page.headline, text), metadata: page.metadata)
    }

    /// The page's metadata, headline and rendered article (UTF-8); nil without a root element.
    private static func read(_ document: HTMLDocument?) -> (text: [UInt8], headline: String?, metadata: ArticleMetadata)? {
        guard let document, let root = document.root else { return nil }
        let reader = HTMLMetadataReader(document: document)
        var metadata = reader.metadata
        metadata.publisher = document.first("footer").flatMap { PageCredits.publisher(in: $0.textContent) }
        HTMLPageFurniture.remove(from: document)
        let body = document.first("body") ?? root
        let measures = HTMLTreeMeasures(root: root)
        let elements = HTMLContentScorer(body: body, measures: measures).articleElements(in: body)
        return (HTMLTextRenderer.utf8(of: elements, measures: measures), reader.headline ?? metadata.title, metadata)
    }

    /// `text` with `headline` as its first paragraph, unless the text already opens with it.
    private static func withHeadline(_ headline: String?, _ text: String) -> String {
        guard let headline, !text.hasPrefix(headline) else { return text }
        return text.isEmpty ? headline : headline + "\n\n" + text
    }
}
