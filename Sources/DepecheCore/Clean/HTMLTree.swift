/// The nodes of a parsed HTML page in flat tables: 24 bytes a node, where libxml2's tree
/// took some 600 bytes a link. Nodes are linked by index (parent, first child, next sibling);
/// text is a range of one shared byte buffer; an element's attributes are a range of the
/// attribute table, their names interned, their values ranges of the byte buffer. A removed
/// node stays in its list of siblings with no parent, and readers pass over it (`present(from:)`).
/// `HTMLTreeBuilder` fills it, `HTMLDocument` owns and frees it.
struct HTMLTree {
    /// One node: its links and what it is.
    struct Node {
        var parent = HTMLTree.none
        var firstChild = HTMLTree.none
        var next = HTMLTree.none
        /// An element's name (an index into `names`, so ≥ 0) or one of the negative kinds below.
        var kind: Int32
        /// Text: where its bytes start in `bytes`. Element: its first attribute in `attributes`.
        var start: Int32
        /// Text: how many bytes. Element: how many attributes.
        var count: Int32 = 0
    }

    /// An attribute of an element: its interned name, its (decoded) value in `bytes`.
    struct Attribute {
        var name: Int32
        var start: Int32
        var count: Int32
    }

    /// No node: the end of a list of siblings, the parent of the root.
    static let none: Int32 = -1
    /// Kinds of nodes that are not elements.
    static let text: Int32 = -1
    static let cdata: Int32 = -2
    static let comment: Int32 = -3
    static let instruction: Int32 = -4

    var nodes = HTMLTreeStorage<Node>()
    var attributes = HTMLTreeStorage<Attribute>()
    var bytes = HTMLTreeStorage<UInt8>()
    /// Element and attribute names (lowercase, as the parser reads them), each once.
    var names: [String] = []
    /// The first element at the top of the document, `none` when there is none.
    var root = HTMLTree.none

    /// Adds a node that is linked nowhere yet; returns its index.
    mutating func add(_ node: Node) -> Int32 {
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    /// Links `child` after `last`, the last child of `parent` (`none` when it has none yet).
    func append(_ child: Int32, to parent: Int32, after last: Int32) {
        nodes[child].parent = parent
        if last == Self.none { nodes[parent].firstChild = child } else { nodes[last].next = child }
    }

    /// Removes `node` (and so its subtree) from the tree: it loses its parent, and is passed over.
    func unlink(_ node: Int32) {
        nodes[node].parent = Self.none
    }

    /// `node` if it is still in the tree, else its first next sibling that is; `none` if none is.
    /// A child without a parent is one that was removed.
    func present(from node: Int32) -> Int32 {
        var node = node
        while node != Self.none, nodes[node].parent == Self.none { node = nodes[node].next }
        return node
    }

    /// The bytes of a range of `bytes`, valid until `deallocate()`.
    func bytes(from start: Int32, count: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let base = bytes.base else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: base + Int(start), count: Int(count))
    }

    /// Frees the tables.
    func deallocate() {
        nodes.deallocate()
        attributes.deallocate()
        bytes.deallocate()
    }
}
