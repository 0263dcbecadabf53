/// The article of an HTML page: its paragraphs as plain text, and what its markup states
/// about it (and the publisher its footer names, `PageCredits`). Parses with libxml2, reads the metadata, removes page furniture (scripts,
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
        let body = document.first("body") ?? root
        metadata.publisher = publisher(in: body)
        HTMLPageFurniture.remove(from: document)
        let measures = HTMLTreeMeasures(root: root)
        let elements = HTMLContentScorer(body: body, measures: measures).articleElements(in: body)
        return (HTMLTextRenderer.utf8(of: elements, measures: measures), reader.headline ?? metadata.title, metadata)
    }

    /// The publication the page's footer names (`<footer>`, `role="contentinfo"`, or a block whose
    /// class or id says footer: `<div id="footer">`, `<td class="pied">`); on a page without
    /// one, the holder of the last copyright line of the block that closes it (a table
    /// layout's last row). Read before furniture is removed: footers are furniture.
    private static func publisher(in body: HTMLNode) -> String? {
        var footer: HTMLNode?
        body.walk { node in
            if footer == nil, node.isElement, node.isElement("footer") || node.attribute("role")?.lowercased() == "contentinfo"
                || HTMLLabel(node).contains(anyOf: footerNameWords) {
                footer = node
            }
            return footer == nil
        }
        if let footer { return PageCredits.publisher(in: footer.textContent) }
        return lastBlock(of: body).flatMap { PageCredits.lastCopyrightHolder(in: $0.textContent) }
    }

    /// Longest text (UTF-8 bytes) of the block that closes a page without a footer.
    private static let closingBlockLength = 400

    /// The block that closes the page: the last block (a rule aside) of the last block of …
    /// `body`, down to one without blocks inside (a table layout's last cell), when it is short.
    private static func lastBlock(of body: HTMLNode) -> HTMLNode? {
        var node = body
        for _ in 0..<closingBlockDepth {
            // Through the children one by one: a list of links may hold hundreds of thousands.
            var last: HTMLNode?
            node.forEachChild { child in if HTMLLayout.isBlock(child) && !child.isElement("hr") { last = child } }
            guard let last else { break }
            node = last
        }
        return node != body && node.hasText(atMost: closingBlockLength) ? node : nil
    }

    /// How deep the closing block is looked for.
    private static let closingBlockDepth = 12

    /// Words that mark a block as the page's footer when they occur anywhere in its `class` or `id`.
    private static let footerNameWords = HTMLLabel.words(["footer", "pied", "copyright"])

    /// `text` with `headline` as its first paragraph, unless the text already opens with it.
    private static func withHeadline(_ headline: String?, _ text: String) -> String {
        guard let headline, !text.hasPrefix(headline) else { return text }
        return text.isEmpty ? headline : headline + "\n\n" + text
    }
}
