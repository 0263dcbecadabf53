/// An HTML page parsed by libxml2's forgiving HTML parser (`HTMLSAXParser`) into a compact tree
/// of our own (`HTMLTree`). Owns the tree and frees it when released; its nodes are valid only
/// while the document lives. Not shared across tasks: one extraction, one document.
final class HTMLDocument {
    fileprivate let tree: HTMLTree

    /// Parses already decoded markup. Nil for an empty page.
    init?(parsing html: String) {
        guard let tree = HTMLSAXParser.tree(of: html) else { return nil }
        self.tree = tree
    }

    deinit { tree.deallocate() }

    /// The `<html>` element (the first element of the page), nil when there is no element.
    var root: HTMLNode? {
        tree.root == HTMLTree.none ? nil : HTMLNode(index: tree.root, document: self)
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
    fileprivate let index: Int32
    /// Not retained: nodes are made by the million and live no longer than their document,
    /// which the caller holds (as libxml2's node pointers did before).
    fileprivate unowned(unsafe) let document: HTMLDocument

    private var node: HTMLTree.Node { document.tree.nodes[index] }

    /// Where the node is in its document's table of nodes: from 0 to below `documentNodeCount`,
    /// a key for tables with an entry per node.
    var position: Int { Int(index) }

    /// How many nodes the document has, removed ones included.
    var documentNodeCount: Int { document.tree.nodes.count }

    /// How many bytes of text and attribute values the document holds.
    var documentTextBytes: Int { document.tree.bytes.count }

    /// Whether this is an element (a tag).
    var isElement: Bool { node.kind >= 0 }

    /// Whether this is character data: text or CDATA.
    var isText: Bool { node.kind == HTMLTree.text || node.kind == HTMLTree.cdata }

    /// Whether this is an HTML comment.
    var isComment: Bool { node.kind == HTMLTree.comment }

    /// The element's tag name, lowercase as libxml2's HTML parser reads it; "" for other nodes.
    var name: String {
        let kind = node.kind
        return kind >= 0 ? document.tree.names[Int(kind)] : ""
    }

    /// Whether this is an element named `name` (lowercase).
    func isElement(_ name: String) -> Bool {
        let kind = node.kind
        return kind >= 0 && document.tree.names[Int(kind)] == name
    }

    /// The text of a text node, entities already decoded; "" for other nodes.
    var content: String {
        String(decoding: contentBytes, as: UTF8.self)
    }

    /// The UTF-8 of a text node's text (empty for other nodes), valid while the document lives.
    var contentBytes: UnsafeBufferPointer<UInt8> {
        guard isText else { return UnsafeBufferPointer(start: nil, count: 0) }
        let node = node
        return document.tree.bytes(from: node.start, count: node.count)
    }

    /// The parent element, nil for the document's root element.
    var parent: HTMLNode? {
        let parent = node.parent
        return parent == HTMLTree.none ? nil : HTMLNode(index: parent, document: document)
    }

    /// Whether an element named one of `names` (lowercase) encloses this node.
    func isInside(_ names: String...) -> Bool {
        var ancestor = parent
        while let current = ancestor {
            if names.contains(where: current.isElement) { return true }
            ancestor = current.parent
        }
        return false
    }

    /// The direct children, in document order.
    var children: [HTMLNode] {
        var nodes: [HTMLNode] = []
        forEachChild { nodes.append($0) }
        return nodes
    }

    /// Calls `body` with each direct child, in document order.
    func forEachChild(_ body: (HTMLNode) -> Void) {
        let tree = document.tree
        var child = tree.present(from: tree.nodes[index].firstChild)
        while child != HTMLTree.none {
            body(HTMLNode(index: child, document: document))
            child = tree.present(from: tree.nodes[child].next)
        }
    }

    /// Visits every node below this one in document order, depth first; `visit` returns
    /// whether to go down into the node it was given. `visit` must not remove nodes.
    func walk(_ visit: (HTMLNode) -> Bool) {
        let tree = document.tree
        let nodes = tree.nodes
        var next = tree.present(from: nodes[index].firstChild)
        while next != HTMLTree.none {
            let firstChild = tree.present(from: nodes[next].firstChild)
            if visit(HTMLNode(index: next, document: document)), firstChild != HTMLTree.none {
                next = firstChild
                continue
            }
            var node = next
            next = HTMLTree.none
            while node != index {
                let sibling = tree.present(from: nodes[node].next)
                if sibling != HTMLTree.none {
                    next = sibling
                    break
                }
                node = nodes[node].parent
                guard node != HTMLTree.none else { break }
            }
        }
    }

    /// The value of attribute `name` (lowercase, as the HTML parser reads attribute names),
    /// entities decoded, or nil when the element has none.
    func attribute(_ name: String) -> String? {
        let node = node
        guard node.kind >= 0 else { return nil }
        let tree = document.tree
        for position in node.start..<(node.start + node.count) {
            let attribute = tree.attributes[position]
            if tree.names[Int(attribute.name)] == name {
                return String(decoding: tree.bytes(from: attribute.start, count: attribute.count), as: UTF8.self)
            }
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

    /// Whether the text below this node is at most `limit` UTF-8 bytes, found without gathering
    /// it (a page's last block may be the whole page).
    func hasText(atMost limit: Int) -> Bool {
        var length = contentBytes.count
        walk { node in
            length += node.contentBytes.count
            return length <= limit
        }
        return length <= limit
    }

    /// Unlinks this node and its subtree from the document.
    func remove() {
        document.tree.unlink(index)
    }

    static func == (left: HTMLNode, right: HTMLNode) -> Bool {
        left.index == right.index && left.document === right.document
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(index)
    }
}
