/// Finds the element that holds the article, in the manner of Mozilla's Readability: every
/// paragraph of prose scores for the elements around it, link-heavy elements lose their
/// score, and the best-scoring element (with sibling paragraphs that belong to it) is the
/// article. Runs on a tree whose furniture is already removed.
struct HTMLContentScorer {
    /// A paragraph shorter than this (non-space characters) is not scored: captions, buttons.
    static let minimumParagraphLength = 25
    /// A paragraph more than this share of links is a list of links, not prose.
    static let maximumParagraphLinkDensity = 0.5
    /// How many ancestors a paragraph's score reaches.
    static let scoredAncestors = 3

    /// Class or id words of elements that hold articles.
    static let contentNameWords = HTMLLabel.words([
        "article", "content", "entry", "story", "post", "text", "body", "main", "chapo",
    ])

    private let measures: HTMLTreeMeasures
    /// Readability score of every element that a paragraph scored for, before link density.
    private var scores: [HTMLNode: Double] = [:]

    /// Scores the elements below `body`.
    init(body: HTMLNode, measures: HTMLTreeMeasures) {
        self.measures = measures
        scoreParagraphs(of: body)
        body.walk { node in
            if node.isElement { scoreParagraphs(of: node) }
            return true
        }
    }

    /// The elements that make up the article, in document order: the best candidate and the
    /// siblings that score nearly as well or read as prose. `[body]` when nothing scored.
    func articleElements(in body: HTMLNode) -> [HTMLNode] {
        let candidates = scores.keys.map { (node: $0, score: finalScore($0)) }
        guard let top = candidates.max(by: { $0.score < $1.score }), let parent = top.node.parent,
            top.node != body
        else { return [body] }
        let siblingThreshold = max(10, top.score * 0.2)
        let siblings = parent.children
        let header = articleHeader(in: siblings, before: top.node)
        return siblings.filter { sibling in
            sibling == top.node || (scores[sibling] != nil && finalScore(sibling) >= siblingThreshold)
                || readsAsProse(sibling) || header.contains(sibling)
        }
    }

    /// Class or id words of a headline's block.
    private static let titleNameWords = HTMLLabel.words(["title", "titre", "headline"])

    /// Longest header line kept (characters): a byline or a date, not a paragraph.
    private static let headerLineLength = 160

    /// The short, link-free elements between the headline and the article's body: its byline
    /// and date ("Par X", "Publié le 13/06/2025"), which the text rules read. The headline is an
    /// `<h1>`, or on a page that sets it otherwise an `<h2>` or a block whose class or id says
    /// title (`<div class="titre_art">`, `<h2 class="post_title">`).
    private func articleHeader(in siblings: [HTMLNode], before top: HTMLNode) -> [HTMLNode] {
        guard let end = siblings.firstIndex(of: top),
              let headline = siblings[..<end].lastIndex(where: { $0.isElement("h1") })
                ?? siblings[..<end].lastIndex(where: { $0.isElement("h2") || HTMLLabel($0).contains(anyOf: Self.titleNameWords) })
        else { return [] }
        return siblings[(headline + 1)..<end].filter { node in
            let measure = measures[node]
            return node.isElement && measure.linkDensity == 0 && (1...Self.headerLineLength).contains(measure.textLength)
        }
    }

    /// An element's score weighed by how little of its text is links.
    private func finalScore(_ node: HTMLNode) -> Double {
        (scores[node] ?? 0) * (1 - measures[node].linkDensity)
    }

    /// Whether a sibling of the best candidate is a paragraph of prose worth keeping with it.
    private func readsAsProse(_ node: HTMLNode) -> Bool {
        guard node.isElement("p") else { return false }
        let measure = measures[node]
        if measure.textLength > 80 { return measure.linkDensity < 0.25 }
        return measure.linkDensity == 0 && node.textContent.contains(". ")
    }

    /// Scores the prose directly in `node`: the element itself when it is a leaf block of
    /// text, or the loose text beside its block children.
    private mutating func scoreParagraphs(of node: HTMLNode) {
        let measure = measures[node]
        if !measure.containsBlock, HTMLLayout.isBlock(node), let parent = node.parent {
            addParagraph(measure, from: parent)
        } else if let loose = measures.looseText[node] {
            addParagraph(loose, from: node)
        }
    }

    /// Credits a paragraph's score to `first` and, less and less, to its ancestors.
    private mutating func addParagraph(_ paragraph: HTMLTextMeasure, from first: HTMLNode) {
        guard paragraph.textLength >= Self.minimumParagraphLength,
            paragraph.linkDensity <= Self.maximumParagraphLinkDensity
        else { return }
        let score = 1 + Double(paragraph.commas) + Double(min(paragraph.textLength / 100, 3))
        var ancestor: HTMLNode? = first
        for level in 0..<Self.scoredAncestors {
            guard let node = ancestor else { break }
            let divider = level == 0 ? 1 : Double(level == 1 ? 2 : level * 3)
            scores[node, default: Self.initialScore(of: node)] += score / divider
            ancestor = node.parent
        }
    }

    /// What an element scores before any paragraph: by its tag and by its class and id.
    private static func initialScore(of node: HTMLNode) -> Double {
        var score: Double
        switch node.name {
        case "article", "main": score = 10
        case "div", "section": score = 5
        case "pre", "td", "blockquote": score = 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": score = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": score = -5
        default: score = 0
        }
        if HTMLLabel(node).contains(anyOf: contentNameWords) { score += 25 }
        return score
    }
}
