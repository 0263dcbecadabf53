/// Turns article elements into plain text: one paragraph per block, separated by a blank
/// line, `<br>` as a line break, runs of white space folded to one space (kept as written in
/// `<pre>`). Lists and blocks that are mostly links (a "read also" box inside the article)
/// are left out. Works on the UTF-8 libxml2 holds, without a String per text node.
struct HTMLTextRenderer {
    /// A block whose text is more than this share of links is left out.
    static let maximumLinkDensity = 0.5
    /// Blocks that are left out when they are mostly links.
    static let linkListElements: Set<String> = ["ul", "ol", "dl", "div", "section", "table", "p", "li"]

    private let measures: HTMLTreeMeasures
    private var output: [UInt8] = []
    /// Line breaks owed before the next character: 1 a new line, 2 a new paragraph.
    private var pendingBreaks = 0
    /// Whether white space was seen since the last character.
    private var pendingSpace = false

    /// Renders `elements` (in document order) with the measures of their tree, as UTF-8.
    static func utf8(of elements: [HTMLNode], measures: HTMLTreeMeasures) -> [UInt8] {
        var renderer = HTMLTextRenderer(measures: measures, textBytes: elements.first?.documentTextBytes ?? 0)
        for element in elements { renderer.render(element, preformatted: false) }
        return renderer.output
    }

    private init(measures: HTMLTreeMeasures, textBytes: Int) {
        self.measures = measures
        // Never more than the tree's text; pages not touched cost no memory, and growing by
        // copies would hold the text twice.
        output.reserveCapacity(textBytes)
    }

    private mutating func render(_ node: HTMLNode, preformatted: Bool) {
        if node.isText {
            append(node.contentBytes, preformatted: preformatted)
            return
        }
        guard node.isElement else { return }
        let name = node.name
        if name == "br" {
            breakLine(1)
            return
        }
        if Self.linkListElements.contains(name), measures[node].linkDensity > Self.maximumLinkDensity { return }
        let isBlock = HTMLLayout.blockElements.contains(name)
        if isBlock { breakLine(2) }
        node.forEachChild { render($0, preformatted: preformatted || name == "pre") }
        if isBlock { breakLine(2) }
    }

    /// Owes `count` more line breaks (a paragraph break at most).
    private mutating func breakLine(_ count: Int) {
        pendingBreaks = min(2, pendingBreaks + count)
    }

    /// Appends text, folding white space unless it is preformatted.
    private mutating func append(_ text: UnsafeBufferPointer<UInt8>, preformatted: Bool) {
        for byte in text {
            if preformatted, byte == UInt8(ascii: "\n") {
                breakLine(1)
            } else if !preformatted, byte <= 0x20 {
                pendingSpace = true
            } else {
                if !output.isEmpty {
                    if pendingBreaks > 0 {
                        output.append(contentsOf: repeatElement(UInt8(ascii: "\n"), count: pendingBreaks))
                    } else if pendingSpace {
                        output.append(UInt8(ascii: " "))
                    }
                }
                pendingBreaks = 0
                pendingSpace = false
                output.append(byte)
            }
        }
    }
}
