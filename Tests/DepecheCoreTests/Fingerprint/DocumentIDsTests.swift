import Testing

@testable import DepecheCore

@Suite struct DocumentIDsTests {
    @Test func everyKindOfIdUnpacksAsGiven() {
        let ids = [
            "sha256:" + String(repeating: "0123456789abcdef", count: 4),
            "sha256:" + String(repeating: "0123456789ABCDEF", count: 4),
            "sha256:abc",
            "",
            "article-été-42",
            "sha256:" + String(repeating: "f", count: 63) + "g",
        ]
        #expect(ids.map { DocumentIDs.unpacked(DocumentIDs.packed($0)) } == ids)
        #expect(DocumentIDs.packed(ids[0]).count == 33)
        #expect(DocumentIDs.packed(ids[1]).count == 72, "upper-case digits are kept as written")
    }
}
