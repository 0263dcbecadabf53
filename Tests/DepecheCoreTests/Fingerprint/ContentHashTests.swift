import Testing

@testable import DepecheCore

@Suite struct ContentHashTests {
    @Test func contentHashIsSHA256InLowerHex() {
        #expect(ContentHash.id(of: Array("abc".utf8)) == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHash.hexDigits(of: "sha256:00ff") == "00ff")
    }
}
