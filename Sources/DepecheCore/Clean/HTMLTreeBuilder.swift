/// Builds an `HTMLTree` from the events of libxml2's HTML parser exactly as libxml2's own tree
/// builder (SAX2.c in libxml2 2.9: `xmlSAX2StartElement`, `xmlSAX2Characters`, …) builds the tree
/// `htmlReadMemory` returns, so that every HTML stage reads the same tree as before:
/// - consecutive character runs make one text node (and consecutive CDATA runs one CDATA node);
///   text outside any element is dropped;
/// - an element name keeps what follows its prefix (`<o:p>` is a `p`); attributes keep theirs;
/// - elements, text and comments go to the innermost open element; a top-level element goes
///   into the root when the root is the document's first child, else beside it (and out of reach),
///   and the first DOCTYPE becomes the document's first child;
/// - an element below 256 open ones is dropped and parsing stops, and so it does when a text
///   node would pass 10,000,000 bytes: libxml2's limits (`xmlParserMaxDepth`, `XML_MAX_TEXT_LENGTH`).
struct HTMLTreeBuilder {
    /// What the parser must do after an event.
    enum Verdict {
        case goOn
        /// Halt: the document is too deep (libxml2's `xmlHaltParser`).
        case halt
        /// A text node would be too long: libxml2 treats it as running out of memory.
        case textTooLong
    }

    /// libxml2's `xmlParserMaxDepth`: an element is not opened below this many open ones.
    static let maximumDepth = 256
    /// libxml2's `XML_MAX_TEXT_LENGTH`: the longest text node, in bytes.
    static let maximumTextLength = 10_000_000

    private(set) var tree = HTMLTree()
    /// The open elements, innermost last (libxml2's node stack), each with its last child so far.
    private var open: [(element: Int32, lastChild: Int32)] = []
    /// The root's last child once the root is closed (top-level elements may still join it).
    private var rootLastChild = HTMLTree.none
    private var nameIndexes: [String: Int32] = [:]
    private var documentHasChildren = false
    /// Whether the document's first child is the root element (no DOCTYPE or comment before it).
    private var documentStartsWithRoot = false
    private var hasDoctype = false

    /// A start tag, implied ones included (`name` as the parser read it, lowercase). Its
    /// attributes follow (`attribute(_:value:)`), unless the element is one too deep to open:
    /// libxml2 drops that one and halts.
    mutating func startElement(_ name: UnsafeBufferPointer<UInt8>) -> Verdict {
        guard open.count <= Self.maximumDepth else { return .halt }
        let element = tree.add(HTMLTree.Node(kind: intern(Self.localName(name)), start: Int32(tree.attributes.count)))
        if !open.isEmpty {
            appendToInnermost(element)
        } else if !documentHasChildren {
            documentHasChildren = true
            documentStartsWithRoot = true
            tree.root = element
        } else if documentStartsWithRoot {
            tree.append(element, to: tree.root, after: rootLastChild)
            rootLastChild = element
        } else if tree.root == HTMLTree.none {
            tree.root = element
        }
        open.append((element, HTMLTree.none))
        return .goOn
    }

    /// An attribute of the element just started; a nil value for one written without (`<p hidden>`).
    mutating func attribute(_ name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>?) {
        guard let element = open.last?.element else { return }
        let start = Int32(tree.bytes.count)
        if let value { tree.bytes.append(contentsOf: value) }
        let count = Int32(tree.bytes.count) - start
        tree.attributes.append(HTMLTree.Attribute(name: intern(name[...]), start: start, count: count))
        tree.nodes[element].count += 1
    }

    /// An end tag, implied ones included.
    mutating func endElement() {
        guard let closed = open.popLast() else { return }
        if closed.element == tree.root { rootLastChild = closed.lastChild }
    }

    /// A run of decoded text (`HTMLTree.text`), or of a script's or style's content (`HTMLTree.cdata`).
    mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>, kind: Int32) -> Verdict {
        guard let last = open.last?.lastChild else { return .goOn }
        if last != HTMLTree.none, tree.nodes[last].kind == kind {
            let length = Int(tree.nodes[last].count) + bytes.count
            if kind == HTMLTree.text, length > Self.maximumTextLength { return .textTooLong }
            tree.bytes.append(contentsOf: bytes)
            tree.nodes[last].count = Int32(length)
        } else {
            let text = tree.add(HTMLTree.Node(kind: kind, start: Int32(tree.bytes.count), count: Int32(bytes.count)))
            tree.bytes.append(contentsOf: bytes)
            appendToInnermost(text)
        }
        return .goOn
    }

    /// A comment (`HTMLTree.comment`) or processing instruction (`HTMLTree.instruction`); what
    /// it says is not kept.
    mutating func mark(kind: Int32) {
        guard !open.isEmpty else {
            documentHasChildren = true
            return
        }
        appendToInnermost(tree.add(HTMLTree.Node(kind: kind, start: 0)))
    }

    /// Links `node` as the last child of the innermost open element.
    private mutating func appendToInnermost(_ node: Int32) {
        let innermost = open.count - 1
        tree.append(node, to: open[innermost].element, after: open[innermost].lastChild)
        open[innermost].lastChild = node
    }

    /// A DOCTYPE: the first one becomes the document's first child.
    mutating func doctype() {
        guard !hasDoctype else { return }
        hasDoctype = true
        documentHasChildren = true
        documentStartsWithRoot = false
    }

    /// The part of a name after its prefix, as libxml2's `xmlSplitQName` cuts it: a name that
    /// starts or ends with its first colon stays whole.
    static func localName(_ name: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>> {
        guard let colon = name.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon < name.count - 1 else {
            return name[...]
        }
        return name[(colon + 1)...]
    }

    private mutating func intern(_ name: Slice<UnsafeBufferPointer<UInt8>>) -> Int32 {
        let string = String(decoding: name, as: UTF8.self)
        if let index = nameIndexes[string] { return index }
        let index = Int32(tree.names.count)
        tree.names.append(string)
        nameIndexes[string] = index
        return index
    }
}
