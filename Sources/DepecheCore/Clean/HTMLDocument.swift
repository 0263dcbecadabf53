import CLibXML2

/// An HTML page parsed by libxml2's forgiving HTML parser (`htmlReadMemory`), which repairs
/// whatever markup scrapers save. Owns the tree and frees it when released; its nodes are
/// valid only while the document lives. Not shared across tasks: one extraction, one document.
final class HTMLDocument {
    private let document: htmlDocPtr

    /// libxml2's global tables must be set up once, before parsers run on several threads.
    private static let libraryInitialised: Void = xmlInitParser()

    /// Repair broken markup; print no errors or warnings; never fetch anything over the network.
    private static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue)

    /// Parses already decoded markup. The parser is told the bytes are UTF-8, so a
    /// `<meta charset>` in the page (which the decoder has already honoured) is not applied twice.
    /// Nil when libxml2 builds no tree at all (an empty page).
    init?(parsing html: String) {
        Self.libraryInitialised
        var html = html
        let parsed = html.withUTF8 { bytes -> htmlDocPtr? in
            guard bytes.count <= Int(Int32.max) else { return nil }
            return bytes.withMemoryRebound(to: CChar.self) {
                htmlReadMemory($0.baseAddress, Int32($0.count), nil, "UTF-8", Self.options)
            }
        }
        guard let parsed else { return nil }
        document = parsed
    }

    deinit { xmlFreeDoc(document) }

    /// The `<html>` element.
    var root: HTMLNode? {
        xmlDocGetRootElement(document).map(HTMLNode.init)
    }

    /// The first element named `name` in document order, or nil.
    func first(_ name: String) -> HTMLNode? {
        root?.descendants().first { $0.isElement(name) }
    }
}

/// A node of an `HTMLDocument`'s tree: an element, a text run, a comment, ….
struct HTMLNode: Hashable {
    fileprivate let pointer: xmlNodePtr

    /// Whether this is an element (a tag).
    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }

    /// Whether this is character data: text or CDATA.
    var isText: Bool { pointer.pointee.type == XML_TEXT_NODE || pointer.pointee.type == XML_CDATA_SECTION_NODE }

    /// Whether this is an HTML comment.
    var isComment: Bool { pointer.pointee.type == XML_COMMENT_NODE }

    /// The element's tag name, lowercase as libxml2's HTML parser stores it; "" for other nodes.
    var name: String {
        guard isElement, let name = pointer.pointee.name else { return "" }
        return String(cString: name)
    }

    /// Whether this is an element named `name` (lowercase).
    func isElement(_ name: String) -> Bool {
        isElement && self.name == name
    }

    /// The text of a text node, entities already decoded; "" for other nodes.
    var content: String {
        guard isText, let content = pointer.pointee.content else { return "" }
        return String(cString: content)
    }

    /// The parent node, nil for the document's root element.
    var parent: HTMLNode? {
        guard let parent = pointer.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return HTMLNode(pointer: parent)
    }

    /// The direct children, in document order.
    var children: [HTMLNode] {
        var nodes: [HTMLNode] = []
        var child = pointer.pointee.children
        while let node = child {
            nodes.append(HTMLNode(pointer: node))
            child = node.pointee.next
        }
        return nodes
    }

    /// Every node below this one, depth first, in document order.
    func descendants() -> [HTMLNode] {
        var nodes: [HTMLNode] = []
        var stack = children.reversed() as [HTMLNode]
        while let node = stack.popLast() {
            nodes.append(node)
            stack.append(contentsOf: node.children.reversed())
        }
        return nodes
    }

    /// The value of attribute `name` (lowercase), or nil when the element has none.
    func attribute(_ name: String) -> String? {
        guard isElement else { return nil }
        var attribute = pointer.pointee.properties
        while let current = attribute {
            if let attributeName = current.pointee.name, String(cString: attributeName).lowercased() == name {
                var value = ""
                var child = current.pointee.children
                while let text = child {
                    if let content = text.pointee.content { value += String(cString: content) }
                    child = text.pointee.next
                }
                return value
            }
            attribute = current.pointee.next
        }
        return nil
    }

    /// All text below this node, concatenated as it stands in the markup.
    var textContent: String {
        if isText { return content }
        return descendants().lazy.filter(\.isText).map(\.content).joined()
    }

    /// Unlinks this node and its subtree from the document and frees them.
    func remove() {
        xmlUnlinkNode(pointer)
        xmlFreeNode(pointer)
    }
}
