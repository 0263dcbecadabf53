/// The parts of an HTML page that are never the article: scripts and styles, navigation,
/// page headers and footers, asides, forms, embedded frames, image captions and credits, and
/// blocks whose `class` or `id`
/// names them as comments, sharing buttons, related links, newsletters, cookie banners,
/// menus, breadcrumbs, tickers or advertising.
enum HTMLPageFurniture {
    /// Elements dropped with everything inside them.
    static let droppedElements: Set<String> = [
        "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe", "frame",
        "frameset", "object", "embed", "svg", "canvas", "video", "audio", "button", "input", "select",
        "textarea", "template", "dialog", "menu", "link", "meta", "head", "figcaption",
    ]

    /// Words that mark a block as furniture when they occur anywhere in its `class` or `id`.
    static let droppedNameWords = HTMLLabel.words([
        "comment", "share", "sharing", "social", "related", "newsletter", "cookie", "consent", "menu",
        "breadcrumb", "subscri", "sidebar", "widget", "promo", "advert", "publicite", "banner", "ticker",
        "marquee", "popup", "modal", "outbrain", "taboola", "pagination", "pager", "footer", "header",
        "navbar", "navigation", "similaire", "similar", "recommend", "popular", "populaire", "mostread",
        "most-read", "readmore", "read-more", "signal", "caption", "credit",
    ])

    /// Short words that mark furniture only as a whole part of a `class` or `id`
    /// (`main-nav`, `ad-slot`, `lire-aussi`), since inside other words they mean nothing.
    static let droppedNameParts = Set(HTMLLabel.words(["nav", "ad", "ads", "pub", "tags", "aussi", "print"]))

    /// ARIA roles of page furniture.
    static let droppedRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "search", "dialog"]

    /// Elements that hold the whole page or name the article: never dropped for their class.
    static let structuralElements: Set<String> = ["html", "body", "main", "article"]

    /// Removes every furniture element and every comment from `document`.
    static func remove(from document: HTMLDocument) {
        var furniture: [HTMLNode] = []
        document.root?.walk { node in
            guard isFurniture(node) else { return true }
            furniture.append(node)
            return false
        }
        for node in furniture { node.remove() }
    }

    /// Whether `node` is furniture: a comment, a dropped element, a hidden one, or a block
    /// whose role, class or id names furniture.
    private static func isFurniture(_ node: HTMLNode) -> Bool {
        if node.isComment { return true }
        guard node.isElement else { return false }
        let name = node.name
        if droppedElements.contains(name) { return true }
        if node.attribute("hidden") != nil { return true }
        if let role = node.attribute("role")?.lowercased(), droppedRoles.contains(role) { return true }
        guard !structuralElements.contains(name) else { return false }
        let label = HTMLLabel(node)
        return label.contains(anyOf: droppedNameWords) || label.hasPart(in: droppedNameParts)
    }
}
