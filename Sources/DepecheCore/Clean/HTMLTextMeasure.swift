/// How much text an element holds and how much of it is links: what the content scorer
/// weighs. Lengths count non-space Unicode scalars.
struct HTMLTextMeasure {
    /// Text below the element.
    var textLength = 0
    /// Text below the element that sits inside `<a>` links.
    var linkTextLength = 0
    /// Commas (Latin and Arabic) in that text: prose has them, menus and tickers do not.
    var commas = 0
    /// Whether a block element (a paragraph, a div, …) is below the element.
    var containsBlock = false

    /// The share of the text that is link text, 0 for an element without text.
    var linkDensity: Double {
        textLength == 0 ? 0 : Double(linkTextLength) / Double(textLength)
    }

    /// Adds a child's measure to this one.
    mutating func add(_ other: HTMLTextMeasure) {
        textLength += other.textLength
        linkTextLength += other.linkTextLength
        commas += other.commas
    }

    /// The measure of a text run (UTF-8), counted as link text when it sits inside a link.
    /// Counts characters other than ASCII white space.
    init(text: UnsafeBufferPointer<UInt8>, insideLink: Bool) {
        var previous: UInt8 = 0
        for byte in text {
            if byte > 0x20, byte & 0xC0 != 0x80 { textLength += 1 }
            // "," or the Arabic comma U+060C (D8 8C).
            if byte == UInt8(ascii: ",") || (previous == 0xD8 && byte == 0x8C) { commas += 1 }
            previous = byte
        }
        if insideLink { linkTextLength = textLength }
    }

    /// An empty measure.
    init() {}
}

/// The text measures of every element of a tree, and of the loose text runs that sit
/// directly in an element beside block children (`<div>Some text<p>…</p></div>`).
struct HTMLTreeMeasures {
    /// The measure of each element, everything below it included.
    private(set) var elements: [HTMLNode: HTMLTextMeasure] = [:]
    /// For elements that have block children: the inline text directly inside them.
    private(set) var looseText: [HTMLNode: HTMLTextMeasure] = [:]

    /// Measures `root` and everything below it.
    init(root: HTMLNode) {
        _ = measure(root, insideLink: false)
    }

    /// The measure of `node`; an empty one for nodes that were not measured.
    subscript(node: HTMLNode) -> HTMLTextMeasure {
        elements[node] ?? HTMLTextMeasure()
    }

    private mutating func measure(_ node: HTMLNode, insideLink: Bool) -> HTMLTextMeasure {
        if node.isText { return HTMLTextMeasure(text: node.contentBytes, insideLink: insideLink) }
        guard node.isElement else { return HTMLTextMeasure() }
        let inLink = insideLink || node.isElement("a")
        var total = HTMLTextMeasure()
        var loose = HTMLTextMeasure()
        node.forEachChild { child in
            let measure = measure(child, insideLink: inLink)
            total.add(measure)
            if HTMLLayout.isBlock(child) || measure.containsBlock {
                total.containsBlock = true
            } else {
                loose.add(measure)
            }
        }
        elements[node] = total
        if total.containsBlock, loose.textLength > 0 { looseText[node] = loose }
        return total
    }
}
