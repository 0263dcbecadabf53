/// Reads what an HTML page states about its article: `<meta>` tags (Open Graph,
/// `article:published_time`, `author`, `date`, Dublin Core, …), a JSON-LD `NewsArticle`,
/// `<time datetime>`, `<a rel="author">`, a byline and a date marked by class (`HTMLBylineElement`),
/// the home page's logo (`<a href="/"><img alt>`), `<h1>` and `<title>`. Must run before furniture is removed: the headline often sits in a `<header>`,
/// the JSON-LD in a `<script>`.
struct HTMLMetadataReader {
    /// `<meta>` names that state the publication date, in order of trust.
    static let dateNames = [
        "article:published_time", "datepublished", "og:published_time", "date", "pubdate", "publishdate",
        "publish-date", "publish_date", "dc.date.issued", "dc.date", "dcterms.date", "dcterms.created",
        "sailthru.date", "parsely-pub-date",
    ]
    /// `<meta>` names that state the byline, in order of trust.
    static let authorNames = ["author", "article:author", "dc.creator", "parsely-author", "sailthru.author"]
    /// `<meta>` names that state the headline, in order of trust.
    static let titleNames = ["og:title", "twitter:title", "title", "dc.title"]

    /// The first `content` of each `<meta>`, keyed by its lowercased `property`, `name` or `itemprop`.
    private var metas: [String: String] = [:]
    private var jsonLD: HTMLJSONLD?
    private var timeStamps: [(datetime: String, rank: Int)] = []
    private var pageTitle: String?
    /// The text of the page's first link to its author (`<a rel="author">`, `<a href="/author/…">`).
    private var authorLink: String?
    /// The text of the page's first element whose class marks the byline (`class="author-name"`).
    private var bylineElement: String?
    /// The text of the page's first logo linked to its home page (`<a href="/"><img alt="X">`).
    private var homeLogo: String?
    /// The text of the page's first `<h1>`.
    private(set) var headline: String?

    /// Reads `document`'s metadata markup.
    init(document: HTMLDocument) {
        document.root?.walk { node in
            if node.isElement { read(node) }
            return true
        }
    }

    /// What the page states: headline, publication date (ISO), byline and publication.
    var metadata: ArticleMetadata {
        ArticleMetadata(
            title: fullTitle,
            published: publishedDate,
            author: jsonLD?.author ?? firstMeta(Self.authorNames) { !$0.hasPrefix("http") && !$0.hasPrefix("@") }
                ?? authorLink ?? bylineElement.flatMap(bylineName),
            source: siteName)
    }

    /// The site's name: `og:site_name`, unless it describes the site beside a name the `<title>`
    /// gives after a separator ("Hespress - هسبريس جريدة إلكترونية مغربية" and "… | هسبريس": the
    /// name alone).
    private var siteName: String? {
        guard let stated = metas["og:site_name"] else { return jsonLD?.publisher ?? metas["application-name"] ?? homeLogo }
        // "… - Hespress Français - Actualités du Maroc": the title's end is the whole stated name.
        let suffix = pageTitle.flatMap { title in title.hasSuffix(stated) ? nil : title }.flatMap { title in
            MastheadName.titleSeparators.compactMap { title.ranges(of: $0).last?.upperBound }.max().map { String(title[$0...]) }
        }
        if let suffix, !suffix.isEmpty, suffix.count < stated.count, stated.contains(suffix) { return suffix }
        return stated
    }

    /// The author a byline element names; after the site's own name and a dash ("Hespress FR -
    /// Zineb Amrani"), the name that follows.
    private func bylineName(_ text: String) -> String? {
        guard let name = HTMLBylineElement.name(in: text) else { return nil }
        let siteNames = [metas["og:site_name"], metas["application-name"], homeLogo, siteName].compactMap { $0 }
        guard siteNames.contains(name), let end = text.range(of: name)?.upperBound else { return name }
        let rest = text[end...].drop { $0 == " " || $0 == "-" || $0 == "–" || $0 == "—" || $0 == "|" }
        return HTMLBylineElement.name(in: String(rest))
    }

    /// The stated title, or the `<h1>` when it begins with the stated one and goes on (a share
    /// card's title is often the headline cut short).
    private var fullTitle: String? {
        guard let stated = firstMeta(Self.titleNames) ?? jsonLD?.headline else { return headline ?? pageTitle }
        if let headline, headline.count > stated.count, headline.hasPrefix(stated) { return headline }
        return stated
    }

    private var publishedDate: String? {
        let stated =
            [metas["article:published_time"], jsonLD?.datePublished]
            + Self.dateNames.dropFirst().map { metas[$0] }
            + timeStamps.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
            .map(\.element.datetime)
        return stated.lazy.compactMap { $0.flatMap(HTMLDate.isoDate) }.first
    }

    private func firstMeta(_ names: [String], where accept: (String) -> Bool = { _ in true }) -> String? {
        names.lazy.compactMap { metas[$0] }.first(where: accept)
    }

    private mutating func read(_ node: HTMLNode) {
        switch node.name {
        case "meta":
            guard let content = node.attribute("content").map(HTMLLayout.foldingSpaces), !content.isEmpty,
                let key = node.attribute("property") ?? node.attribute("name") ?? node.attribute("itemprop")
            else { return }
            if metas[key.lowercased()] == nil { metas[key.lowercased()] = content }
        case "script" where jsonLD == nil && node.attribute("type")?.lowercased() == "application/ld+json":
            jsonLD = HTMLJSONLD(json: node.textContent)
        case "time":
            guard let datetime = node.attribute("datetime") else { return }
            timeStamps.append((datetime, Self.rank(ofTime: node)))
        case "title" where pageTitle == nil:
            pageTitle = nonEmpty(node.textContent)
        case "a" where authorLink == nil && (node.attribute("rel")?.lowercased() == "author"
                                             || node.attribute("href").map(Self.isAuthorPage) == true):
            authorLink = nonEmpty(node.textContent)
        case "a" where homeLogo == nil && node.attribute("href").map(Self.isHomePage) == true && Self.isMarkedAsLogo(node):
            // `<div class="logo"><a href="/">Name</a></div>`: the site's name written as text.
            guard let name = nonEmpty(node.textContent), name.split(separator: " ").count <= Self.longestLogoName else { return }
            homeLogo = name
        case "img" where homeLogo == nil:
            guard let link = node.parent, link.isElement("a"), let href = link.attribute("href"), Self.isHomePage(href),
                  let alt = node.attribute("alt").flatMap(nonEmpty), !alt.lowercased().contains("logo"),
                  alt.split(separator: " ").count <= Self.longestLogoName else { return }
            homeLogo = alt
        case "h1" where headline == nil:
            headline = nonEmpty(node.textContent)
        default:
            readLabelled(node)
        }
    }

    /// A byline or a date marked only by the element's class or id: the date counts inside an
    /// `<article>`, after every `<time>`.
    private mutating func readLabelled(_ node: HTMLNode) {
        guard node.attribute("class") != nil || node.attribute("id") != nil else { return }
        let label = HTMLLabel(node)
        if bylineElement == nil, HTMLBylineElement.marksByline(node, label: label),
           !HTMLBylineElement.isInFurniture(node) {
            let text = node.textContent
            if HTMLBylineElement.name(in: text) != nil { bylineElement = text }
        } else if label.contains(anyOf: HTMLBylineElement.dateLabels), Self.rank(ofTime: node) == 1,
                  let date = HTMLDate.isoDate(from: node.textContent) {
            timeStamps.append((date, Self.labelledDateRank))
        }
    }

    /// Rank of a date marked by class: trusted less than any `<time>`.
    private static let labelledDateRank = 3

    /// Whether a link leads to an author's page, the way publishing systems name it
    /// ("/author/nadia-ghomari", "/auteur/…").
    private static func isAuthorPage(_ href: String) -> Bool {
        let path = href.lowercased()
        return authorPaths.contains { path.contains($0) }
    }

    /// Path segments of author pages.
    private static let authorPaths = ["/author/", "/auteur/", "/authors/", "/auteurs/"]

    /// How much a `<time>` is trusted as the article's date: marked as the publication date
    /// first, then inside an `<article>`, then anywhere (first in the page wins among equals).
    private static func rank(ofTime node: HTMLNode) -> Int {
        if node.attribute("itemprop")?.lowercased() == "datepublished" || node.attribute("pubdate") != nil { return 0 }
        return node.isInside("article") ? 1 : 2
    }

    /// Most words in a logo's alternative text that names the publication.
    private static let longestLogoName = 6

    /// Whether the link or its parent has a class that marks the site's logo or name ("logo",
    /// "site-logo", "brand", "site-title", "site-name"): a bare home link is a menu's "Home".
    private static func isMarkedAsLogo(_ link: HTMLNode) -> Bool {
        [link, link.parent].contains { node in
            guard let classes = node?.attribute("class")?.lowercased() else { return false }
            return ["logo", "brand", "site-title", "site-name"].contains { classes.contains($0) }
        }
    }

    /// "/", "./", "https://example.ma/", "https://example.ma": a link to the site's home page.
    private static func isHomePage(_ href: String) -> Bool {
        if href == "/" || href == "./" { return true }
        let parts = href.split(separator: "/", omittingEmptySubsequences: false)
        // "https:", "", "example.ma" and at most an empty last part.
        return parts.count >= 3 && parts.count <= 4 && parts[0].hasSuffix(":") && parts[1].isEmpty && !parts[2].isEmpty
            && (parts.count == 3 || parts[3].isEmpty)
    }

    private func nonEmpty(_ text: String) -> String? {
        let folded = HTMLLayout.foldingSpaces(text)
        return folded.isEmpty ? nil : folded
    }
}
