import Testing

@testable import DepecheCore

/// The compact tree as the HTML stages read it (`HTMLDocument`, `HTMLNode`).
@Suite struct HTMLDocumentTests {
    private func document(_ html: String) throws -> HTMLDocument {
        try #require(HTMLDocument(parsing: html))
    }

    @Test func textRunsAndEntitiesMakeOneTextNode() throws {
        let document = try document("<p>Tanger &amp; Med&nbsp;: 10,2 millions &#8212; record</p>")
        let paragraph = try #require(document.first("p"))
        #expect(paragraph.children.count == 1)
        #expect(paragraph.children.first?.isText == true)
        #expect(paragraph.children.first?.content == "Tanger & Med\u{A0}: 10,2 millions \u{2014} record")
        #expect(paragraph.textContent == paragraph.children.first?.content)
    }

    @Test func openParagraphsAreClosedByTheNextOne() throws {
        let document = try document("<body><p>a<p>b</body>")
        let body = try #require(document.first("body"))
        #expect(body.children.map(\.name) == ["p", "p"])
        #expect(body.children.map(\.textContent) == ["a", "b"])
        #expect(body.children.allSatisfy { $0.parent == body })
    }

    @Test func attributesAreDecodedAndFoundByName() throws {
        let document = try document(
            "<a href=\"/x?a=1&amp;b=2\" title='&eacute;t&eacute;' rel=author>l</a><option selected><p hidden>")
        let link = try #require(document.first("a"))
        #expect(link.attribute("href") == "/x?a=1&b=2")
        #expect(link.attribute("title") == "été")
        #expect(link.attribute("rel") == "author")
        #expect(link.attribute("class") == nil)
        #expect(document.first("option")?.attribute("selected") == "selected")
        #expect(document.first("p")?.attribute("hidden") == "")
        #expect(link.children.first?.attribute("href") == nil)
    }

    @Test func removedNodesLeaveTheTree() throws {
        let document = try document("<div><p>1</p><p>2</p><p>3</p><p>4</p></div>")
        let div = try #require(document.first("div"))
        let paragraphs = div.children
        paragraphs[0].remove()
        paragraphs[2].remove()
        #expect(div.textContent == "24")
        paragraphs[3].remove()
        #expect(div.children == [paragraphs[1]])
        paragraphs[1].remove()
        #expect(div.children.isEmpty)
        #expect(div.textContent == "")
    }

    @Test func commentsAreNodesWithoutText() throws {
        let document = try document("<!-- before --><p>a<!-- inside -->b</p>")
        let paragraph = try #require(document.first("p"))
        #expect(paragraph.children.map(\.isComment) == [false, true, false])
        #expect(paragraph.children[1].content == "")
        #expect(paragraph.textContent == "ab")
        var comments = 0
        document.root?.walk { node in
            if node.isComment { comments += 1 }
            return true
        }
        #expect(comments == 1)
    }

    @Test func nestingStopsAt256OpenElements() throws {
        let document = try document(String(repeating: "<div>", count: 1_000) + "deep")
        var depth = 0
        var node = try #require(document.root)
        while let child = node.children.first {
            depth += 1
            node = child
        }
        #expect(depth == 256)
        #expect(document.root?.textContent == "")
    }

    @Test func aPageWithoutBodyHasAHeadOnly() throws {
        let document = try document("<title>Seul titre</title><meta name=author content=X>")
        #expect(document.first("body") == nil)
        #expect(document.root?.children.map(\.name) == ["head"])
        #expect(document.first("title")?.textContent == "Seul titre")
        #expect(HTMLDocument(parsing: "") == nil)
        #expect(try self.document("   ").root == nil)
    }
}
