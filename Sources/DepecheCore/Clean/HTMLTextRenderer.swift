/// Turns article elements into plain text: one paragraph per block, separated by a blank
/// line, `<br>` as a line break, runs of white space folded to one space (kept as written in
/// `<pre>`). Lists and blocks that are mostly links (a "read also" box inside the article)
/// are left out.
struct HTMLTextRenderer {
    /// A block whose text is more than this share of links is left out.
    static let maximumLinkDensity = 0.5
    /// Blocks that are left out when they are mostly links.
    static let linkListElements: Set<String> = ["ul", "ol", "dl", "div", "section", "table", "p", "li"]

    private let measures: HTMLTreeMeasures
    private var paragraphs: [String] = []
    private var line: [Unicode.Scalar] = []
    private var lines: [String] = []

    /// Renders `elements` (in document order) with the measures of their tree.
    static func text(of elements: [HTMLNode], measures: HTMLTreeMeasures) -> String {
        var renderer = HTMLTextRenderer(measures: measures)
        for element in elements { renderer.render(element, preformatted: false) }
        renderer.endParagraph()
        return renderer.paragraphs.joined(separator: "\n\n")
    }

    private init(measures: HTMLTreeMeasures) {
        self.measures = measures
    }

    private mutating func render(_ node: HTMLNode, preformatted: Bool) {
        if node.isText {
            append(node.content, preformatted: preformatted)
            return
        }
        guard node.isElement else { return }
        let name = node.name
        if name == "br" {
            endLine()
            return
        }
        let measure = measures[node]
        if Self.linkListElements.contains(name), measure.linkDensity > Self.maximumLinkDensity { return }
        let isBlock = HTMLLayout.isBlock(node)
        if isBlock { endParagraph() }
        for child in node.children {
            render(child, preformatted: preformatted || name == "pre")
        }
        if isBlock { endParagraph() }
    }

    /// Appends text to the current line, folding white space unless it is preformatted.
    private mutating func append(_ text: String, preformatted: Bool) {
        for scalar in text.unicodeScalars {
            if preformatted, scalar == "\n" {
                endLine()
            } else if !preformatted, scalar.value <= 0x20 {
                if let last = line.last, last != " " { line.append(" ") }
            } else {
                line.append(scalar)
            }
        }
    }

    private mutating func endLine() {
        while line.last == " " { line.removeLast() }
        var text = String(String.UnicodeScalarView(line))
        line.removeAll(keepingCapacity: true)
        while text.first == " " { text.removeFirst() }
        lines.append(text)
    }

    private mutating func endParagraph() {
        endLine()
        while lines.last?.isEmpty == true { lines.removeLast() }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        if !lines.isEmpty { paragraphs.append(lines.joined(separator: "\n")) }
        lines.removeAll(keepingCapacity: true)
    }
}
