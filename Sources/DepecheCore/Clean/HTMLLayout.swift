/// How HTML elements lay out text: which ones start a block of their own.
enum HTMLLayout {
    /// Elements that break the flow of text: each starts a new paragraph.
    static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dir",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    ]

    /// Whether `node` is an element that starts a block.
    static func isBlock(_ node: HTMLNode) -> Bool {
        node.isElement && blockElements.contains(node.name)
    }

    /// Whether `scalar` is white space between words (ASCII white space and no-break spaces).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value <= 0x20 || scalar.value == 0xA0 || scalar.value == 0x202F || scalar.value == 0x2009
    }

    /// `text` with white space (and no-break spaces) folded to single spaces and trimmed.
    static func foldingSpaces(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.unicodeScalars.append(" ") }
                result.unicodeScalars.append(scalar)
                pendingSpace = false
            }
        }
        return result
    }
}
