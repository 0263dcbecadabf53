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
        var found: HTMLNode?
        root?.walk { node in
            if found == nil, node.isElement(name) { found = node }
            return found == nil
        }
        return found
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
        isElement && xmlStrEqual(pointer.pointee.name, name) != 0
    }

    /// The text of a text node, entities already decoded; "" for other nodes.
    var content: String {
        String(decoding: contentBytes, as: UTF8.self)
    }

    /// The UTF-8 of a text node's text (empty for other nodes), valid while the document lives.
    var contentBytes: UnsafeBufferPointer<UInt8> {
        guard isText, let content = pointer.pointee.content else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))
    }

    /// The parent node, nil for the document's root element.
    var parent: HTMLNode? {
        guard let parent = pointer.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return HTMLNode(pointer: parent)
    }

    /// The direct children, in document order.
    var children: [HTMLNode] {
        var nodes: [HTMLNode] = []
        forEachChild { nodes.append($0) }
        return nodes
    }

    /// Calls `body` with each direct child, in document order.
    func forEachChild(_ body: (HTMLNode) -> Void) {
        var child = pointer.pointee.children
        while let node = child {
            body(HTMLNode(pointer: node))
            child = node.pointee.next
        }
    }

    /// Visits every node below this one in document order, depth first; `visit` returns
    /// whether to go down into the node it was given. Must not free nodes it is given.
    func walk(_ visit: (HTMLNode) -> Bool) {
        var next = pointer.pointee.children
        while let node = next {
            if visit(HTMLNode(pointer: node)), let child = node.pointee.children {
                next = child
                continue
            }
            var current = node
            next = nil
            while current != pointer {
                if let sibling = current.pointee.next {
                    next = sibling
                    break
                }
                guard let parent = current.pointee.parent else { break }
                current = parent
            }
        }
    }

    /// The value of attribute `name` (lowercase, as the HTML parser stores attribute names),
    /// or nil when the element has none.
    func attribute(_ name: String) -> String? {
        guard isElement else { return nil }
        var attribute = pointer.pointee.properties
        while let current = attribute {
            if xmlStrEqual(current.pointee.name, name) != 0 {
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
        var bytes: [UInt8] = []
        walk { node in
            bytes.append(contentsOf: node.contentBytes)
            return true
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Unlinks this node and its subtree from the document and frees them.
    func remove() {
        xmlUnlinkNode(pointer)
        xmlFreeNode(pointer)
    }
}
