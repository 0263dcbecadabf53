/// The article of an HTML page: its paragraphs as plain text, and what its markup states
/// about it (and the publisher its `<footer>` names, `PageCredits`). Parses with libxml2, reads the metadata, removes page furniture (scripts,
/// navigation, headers, footers, asides, forms, comment and sharing blocks, …), picks the
/// element that holds the article's prose and renders it with paragraph breaks, headline first.
public enum HTMLArticleExtractor {
    /// The article text and metadata of `html` (already decoded markup). A page libxml2 cannot
    /// build a tree from gives empty text and no metadata.
    public static func article(fromHTML html: String) -> Article {
        guard let document = HTMLDocument(parsing: html), let root = document.root else { return Article(text: "") }
        let reader = HTMLMetadataReader(document: document)
        var metadata = reader.metadata
        metadata.publisher = document.first("footer").flatMap { PageCredits.publisher(in: $0.textContent) }
        HTMLPageFurniture.remove(from: document)
        let body = document.first("body") ?? root
        let measures = HTMLTreeMeasures(root: root)
        let elements = HTMLContentScorer(body: body, measures: measures).articleElements(in: body)
        let text = HTMLTextRenderer.text(of: elements, measures: measures)
        return Article(text: withHeadline(reader.headline ?? metadata.title, text), metadata: metadata)
    }

    /// `text` with `headline` as its first paragraph, unless the text already opens with it.
    private static func withHeadline(_ headline: String?, _ text: String) -> String {
        guard let headline, !text.hasPrefix(headline) else { return text }
        return text.isEmpty ? headline : headline + "\n\n" + text
    }
}
