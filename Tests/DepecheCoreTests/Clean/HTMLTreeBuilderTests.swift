import CLibXML2
import Foundation
import Testing

@testable import DepecheCore

/// The compact tree against libxml2's own tree builder (`htmlReadMemory`), which it replaces:
/// both are written out node by node and must read the same, on every fixture page and on
/// markup that exercises libxml2's repairs and limits.
@Suite struct HTMLTreeBuilderTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    @Test func everyFixturePageGivesLibxml2sTree() throws {
        let pages = try #require(FileManager.default.enumerator(at: Self.fixtures, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "html" }
        #expect(pages.count >= 30)
        for page in pages {
            let html = String(decoding: try Data(contentsOf: page), as: UTF8.self)
            #expect(Self.difference(html) == nil, "\(page.lastPathComponent)")
        }
    }

    /// Markup that exercises libxml2's repairs (implied and misplaced elements, content after `</html>`,
    /// prefixes, entities, boolean attributes) and its limits (depth, text length).
    static let markup: [String] = [
        "", "   ", "only text", "<p>a<p>b", "<p>a &amp; b &#233;&nbsp;&bogus; c<!-- x -->d</p>",
        "<ul><li>a<li>b</ul><table><tr><td>1<td>2</table>", "<title>T</title><meta name=x content=y>",
        "<html><body>x</body></html><p>after</p>", "<!DOCTYPE html><html><body>x</body></html>\n<script>s()</script>",
        "<!-- first --><html><body>x</body></html><p>after</p>", "<html><body>x</body></html><!DOCTYPE html><p>y</p>",
        "<p>x</p><!DOCTYPE html><p>y</p>", "<html lang=fr><body><html class=x><body class=y><head><p>z",
        "<o:p>x</o:p><fb:like a:b=1>y</fb:like><:x>z</:x><x:>w</x:>",
        "<option selected value=1>o<p hidden class=a class=b>",
        "<script>if (a < b) {}</script><style>p{}</style><p>t</p>", "<?php echo 1 ?><p>x<?pi y?>z</p>",
        "<frameset><frame src=a></frameset>", "<a href='/x?a=1&amp;b=2' title=\"&eacute;t&eacute;\">l</a>",
    ]

    @Test(arguments: markup)
    func markupGivesLibxml2sTree(_ html: String) {
        #expect(Self.difference(html) == nil)
    }

    /// libxml2 reads the page a few kilobytes at a time: tags, entities, comments and
    /// multi-byte characters that straddle two reads must give the tree one read would.
    @Test func aPageReadInChunksGivesTheTreeOfOneRead() {
        let paragraph = "<p class=\"c\" data-x='1&amp;2'>Tétouan &eacute;t&#233; مرحبا &nbsp;<!-- c --><b>ok</b> 10&#160;%</p>\n"
        for shift in 0..<7 {
            let page = String(repeating: "x", count: shift) + String(repeating: paragraph, count: 600)
            #expect(page.utf8.count > 50_000)
            #expect(Self.difference(page) == nil, "shifted by \(shift)")
        }
    }

    @Test func parsingStopsWhereLibxml2sLimitsStopIt() {
        // Past 256 open elements (the element too deep is dropped, attributes and all).
        let deep = String(repeating: "<div>", count: 300) + "deep" + String(repeating: "</div>", count: 300)
        #expect(Self.difference(deep) == nil)
        #expect(Self.difference(String(repeating: "<div id=d>", count: 257) + "<span class=too-deep>s</span>") == nil)
        // A text node past 10,000,000 bytes.
        #expect(Self.difference("<p>" + String(repeating: "0123456789", count: 1_000_010) + "<b>after</b>") == nil)
    }

    /// Where our tree of `html` and libxml2's part, with a little of each; nil when they are the same.
    static func difference(_ html: String) -> String? {
        let ours = Array(outline(html).utf8)
        let theirs = Array(libxml2Outline(html).utf8)
        guard ours != theirs else { return nil }
        let at = zip(ours, theirs).prefix { $0 == $1 }.count
        func around(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, at - 60)..<min(bytes.count, at + 60)], as: UTF8.self)
        }
        return "at byte \(at): ours …\(around(ours))… libxml2 …\(around(theirs))…"
    }

    /// Our tree, written out.
    static func outline(_ html: String) -> String {
        guard let tree = HTMLSAXParser.tree(of: html) else { return "no document" }
        defer { tree.deallocate() }
        var out = ""
        if tree.root != HTMLTree.none { write(tree.root, of: tree, into: &out) }
        return out
    }

    private static func write(_ index: Int32, of tree: HTMLTree, into out: inout String) {
        let node = tree.nodes[index]
        let content = String(decoding: tree.bytes(from: node.start, count: node.count), as: UTF8.self)
        switch node.kind {
        case HTMLTree.text: out += "T[\(content)]"
        case HTMLTree.cdata: out += "D[\(content)]"
        case HTMLTree.comment: out += "C"
        case HTMLTree.instruction: out += "P"
        default:
            out += "<" + tree.names[Int(node.kind)]
            for position in node.start..<(node.start + node.count) {
                let attribute = tree.attributes[position]
                let value = String(decoding: tree.bytes(from: attribute.start, count: attribute.count), as: UTF8.self)
                out += " \(tree.names[Int(attribute.name)])=\"\(value)\""
            }
            out += ">"
            var child = node.firstChild
            while child != HTMLTree.none {
                write(child, of: tree, into: &out)
                child = tree.nodes[child].next
            }
            out += "</>"
        }
    }

    /// libxml2's tree, written out the same way.
    static func libxml2Outline(_ html: String) -> String {
        var html = html
        return html.withUTF8 { bytes in
            let options = Int32(
                HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                    | HTML_PARSE_NONET.rawValue)
            let parsed = bytes.withMemoryRebound(to: CChar.self) {
                htmlReadMemory($0.baseAddress, Int32($0.count), nil, "UTF-8", options)
            }
            guard let document = parsed else { return "no document" }
            defer { xmlFreeDoc(document) }
            var out = ""
            if let root = xmlDocGetRootElement(document) { write(root, into: &out) }
            return out
        }
    }

    private static func write(_ node: xmlNodePtr, into out: inout String) {
        let content = node.pointee.content.map { String(cString: $0) } ?? ""
        switch node.pointee.type {
        case XML_TEXT_NODE: out += "T[\(content)]"
        case XML_CDATA_SECTION_NODE: out += "D[\(content)]"
        case XML_COMMENT_NODE: out += "C"
        case XML_PI_NODE: out += "P"
        case XML_ELEMENT_NODE:
            out += "<" + String(cString: node.pointee.name)
            var attribute = node.pointee.properties
            while let current = attribute {
                var value = ""
                var text = current.pointee.children
                while let part = text {
                    value += part.pointee.content.map { String(cString: $0) } ?? ""
                    text = part.pointee.next
                }
                out += " \(String(cString: current.pointee.name))=\"\(value)\""
                attribute = current.pointee.next
            }
            out += ">"
            var child = node.pointee.children
            while let current = child {
                write(current, into: &out)
                child = current.pointee.next
            }
            out += "</>"
        default: out += "?\(node.pointee.type.rawValue)"
        }
    }
}
