/// How much text an element holds and how much of it is links: what the content scorer
/// weighs. Lengths count non-space Unicode scalars.
///
/// There is one for every node of a page, so it is packed in 8 bytes: each length in 24 bits,
/// which hold any page up to 16 MiB; the commas in 15 bits; `containsBlock` in the last. Counts
/// stop at their largest value rather than overflow (a page larger than the default limit of
/// 16 MiB may reach it; 32,767 commas score as many as more would).
struct HTMLTextMeasure {
    private static let lengthLimit = (1 << 24) - 1
    private static let commaLimit = (1 << 15) - 1

    private var packed: UInt64 = 0

    /// Text below the element.
    var textLength: Int {
        get { Int(packed & 0xFF_FFFF) }
        set { store(min(newValue, Self.lengthLimit), shift: 0, width: 24) }
    }

    /// Text below the element that sits inside `<a>` links.
    var linkTextLength: Int {
        get { Int((packed >> 24) & 0xFF_FFFF) }
        set { store(min(newValue, Self.lengthLimit), shift: 24, width: 24) }
    }

    /// Commas (Latin and Arabic) in that text: prose has them, menus and tickers do not.
    var commas: Int {
        get { Int((packed >> 48) & 0x7FFF) }
        set { store(min(newValue, Self.commaLimit), shift: 48, width: 15) }
    }

    /// Whether a block element (a paragraph, a div, …) is below the element.
    var containsBlock: Bool {
        get { packed >> 63 != 0 }
        set { store(newValue ? 1 : 0, shift: 63, width: 1) }
    }

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
        var length = 0
        var commas = 0
        var previous: UInt8 = 0
        for byte in text {
            if byte > 0x20, byte & 0xC0 != 0x80 { length += 1 }
            // "," or the Arabic comma U+060C (D8 8C).
            if byte == UInt8(ascii: ",") || (previous == 0xD8 && byte == 0x8C) { commas += 1 }
            previous = byte
        }
        textLength = length
        self.commas = commas
        if insideLink { linkTextLength = length }
    }

    /// An empty measure.
    init() {}

    /// Sets the `width` bits at `shift` to `value`, which fits in them.
    private mutating func store(_ value: Int, shift: UInt64, width: UInt64) {
        let mask: UInt64 = ((1 << width) - 1) << shift
        packed = (packed & ~mask) | (UInt64(value) << shift)
    }
}

/// The text measures of every element of a tree, and of the loose text runs that sit
/// directly in an element beside block children (`<div>Some text<p>…</p></div>`).
struct HTMLTreeMeasures {
    /// The measure of each element, everything below it included, by the node's position in
    /// its document (other nodes' are empty): a flat table, where a dictionary took three times
    /// the memory on a page of a few hundred thousand links.
    private var elements: [HTMLTextMeasure]
    /// For elements that have block children: the inline text directly inside them.
    private(set) var looseText: [HTMLNode: HTMLTextMeasure] = [:]

    /// Measures `root` and everything below it.
    init(root: HTMLNode) {
        elements = Array(repeating: HTMLTextMeasure(), count: root.documentNodeCount)
        _ = measure(root, insideLink: false)
    }

    /// The measure of `node`; an empty one for nodes that were not measured.
    subscript(node: HTMLNode) -> HTMLTextMeasure {
        elements[node.position]
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
        elements[node.position] = total
        if total.containsBlock, loose.textLength > 0 { looseText[node] = loose }
        return total
    }
}
