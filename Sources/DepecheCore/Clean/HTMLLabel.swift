/// An element's `class` and `id`, lowercased, as bytes: what furniture removal and content
/// scoring search for words that say what the element is (`comments`, `article-body`, …).
/// Byte search, because `String.contains` builds a search table on every call.
struct HTMLLabel {
    private let bytes: [UInt8]

    /// The label of `node`: its class and id joined by a space.
    init(_ node: HTMLNode) {
        var bytes = Array((node.attribute("class") ?? "").utf8)
        if let id = node.attribute("id") {
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: id.utf8)
        }
        self.bytes = bytes.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0 }
    }

    /// Whether any of `words` (lowercase) occurs anywhere, even inside a longer word.
    func contains(anyOf words: [[UInt8]]) -> Bool {
        guard !bytes.isEmpty else { return false }
        return words.contains { word in
            guard word.count <= bytes.count else { return false }
            return (0...(bytes.count - word.count)).contains { start in
                bytes[start] == word[0] && bytes[start..<start + word.count].elementsEqual(word)
            }
        }
    }

    /// Whether one of the label's parts — runs of ASCII letters and digits, so `main-nav`
    /// has the parts `main` and `nav` — is in `parts`.
    func hasPart(in parts: Set<[UInt8]>) -> Bool {
        bytes.split { !Self.isAlphanumeric($0) }.contains { parts.contains(Array($0)) }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// `words` as byte arrays, for `contains(anyOf:)` and `hasPart(in:)`.
    static func words(_ words: [String]) -> [[UInt8]] {
        words.map { Array($0.utf8) }
    }
}
