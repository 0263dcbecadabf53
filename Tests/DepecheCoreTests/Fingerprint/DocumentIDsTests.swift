import Testing

@testable import DepecheCore

@Suite struct DocumentIDsTests {
    @Test func storesEveryKindOfIdAsGiven() {
        let ids = [
            "sha256:" + String(repeating: "0123456789abcdef", count: 4),
            "sha256:" + String(repeating: "0123456789ABCDEF", count: 4),
            "sha256:abc",
            "",
            "article-été-42",
            "sha256:" + String(repeating: "f", count: 63) + "g",
        ]
        var stored = DocumentIDs()
        for id in ids { stored.append(id) }
        #expect(stored.count == ids.count)
        #expect((0..<stored.count).map { stored[$0] } == ids)
    }
}
