/// Turns article elements into plain text: one paragraph per block, separated by a blank
/// line, `<br>` as a line break, runs of white space folded to one space (kept as written in
/// `<pre>`). A data table's row is one line, its cells separated by "; " ("Imiter; Tinghir;
/// Argent; 98 tonnes; +6%"): a cell a line read as a menu of short lines, and a cell is no
/// paragraph. Lists and blocks that are mostly links (a "read also" box inside the article)
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
    /// Whether a table cell's separator is owed before the next character.
    private var pendingSeparator = false

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
        if name == "tr", isDataRow(node) {
            renderRow(node, preformatted: preformatted)
            return
        }
        let isBlock = HTMLLayout.blockElements.contains(name)
        if isBlock { breakLine(2) }
        node.forEachChild { render($0, preformatted: preformatted || name == "pre") }
        if isBlock { breakLine(2) }
    }

    /// Longest cell of a data table, in bytes of text: a layout table's cells hold the page.
    private static let longestDataCell = 120

    /// A row of short cells without blocks inside them: a data table's, not a layout's.
    private func isDataRow(_ row: HTMLNode) -> Bool {
        var cells = 0, isData = true
        row.forEachChild { cell in
            guard cell.isElement else { return }
            let measure = measures[cell]
            if cell.name == "td" || cell.name == "th", !measure.containsBlock, measure.textLength <= Self.longestDataCell {
                cells += 1
            } else {
                isData = false
            }
        }
        return isData && cells >= 2
    }

    /// A data row on one line of its own, "; " between its cells.
    private mutating func renderRow(_ row: HTMLNode, preformatted: Bool) {
        breakLine(2)
        var first = true
        row.forEachChild { cell in
            guard cell.isElement else { return }
            let before = output.count
            if !first { pendingSeparator = true }
            cell.forEachChild { render($0, preformatted: preformatted) }
            if output.count > before { first = false }
            pendingSeparator = false
        }
        breakLine(2)
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
                if pendingSeparator {
                    output.append(contentsOf: [UInt8(ascii: ";"), UInt8(ascii: " ")])
                    (pendingSeparator, pendingSpace) = (false, false)
                }
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
