import Testing
@testable import DepecheCore

@Suite struct TextDecoderTests {
    func reason(_ bytes: [UInt8]) -> RejectReason? {
        do {
            _ = try TextDecoder.decode(bytes)
            return nil
        } catch { return error.reason }
    }

    @Test func rejectsEmptyBlankAndBinary() {
        #expect(reason([]) == .empty)
        #expect(reason(Array(" \n\t\r\n  ".utf8)) == .blank)
        #expect(reason(Array("Bonjour\u{0}monde".utf8)) == .binary)
        #expect(reason([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) == .binary)
        #expect(reason(Array("%PDF-1.7 etc".utf8)) == .binary)
        #expect(reason([0xFF, 0xD8, 0xFF, 0xE0] + Array("JFIF".utf8)) == .binary)
        #expect(reason(Array(repeating: 0x01, count: 10) + Array("some text that goes on".utf8)) == .binary)
    }

    @Test func rejectionsSaySpecificallyWhy() {
        do {
            _ = try TextDecoder.decode(Array("abc\u{0}".utf8))
            Issue.record("a NUL byte was accepted")
        } catch {
            #expect(error.detail.contains("NUL byte at offset 3"))
        }
    }

    @Test func readsUTF8AndDropsTheBOM() throws {
        let decoded = try TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array("Publié à Rabat".utf8))
        #expect(decoded.text == "Publié à Rabat")
        #expect(decoded.encoding == "utf-8")
        #expect(decoded.warnings.isEmpty)
    }

    @Test func readsWindows1252() throws {
        // "Le marché a progressé de 5 € — « hausse »" in Windows-1252.
        let bytes: [UInt8] = Array("Le march".utf8) + [0xE9] + Array(" a progress".utf8) + [0xE9] + Array(" de 5 ".utf8)
            + [0x80, 0x20, 0x97, 0x20, 0xAB] + Array(" hausse ".utf8) + [0xBB]
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.encoding == "windows-1252")
        #expect(decoded.text == "Le marché a progressé de 5 € — « hausse »")
    }

    @Test func repairsAFewInvalidBytesInUTF8() throws {
        let bytes = Array("Le Maroc célèbre l’été ".utf8) + [0xE9] + Array(" à Fès".utf8)
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.encoding == "utf-8-repaired")
        #expect(decoded.text.contains("Fès"))
        #expect(decoded.text.contains("\u{FFFD}"))
        #expect(decoded.warnings.first?.contains("offset") == true)
    }

    @Test func rejectsBytesThatAreNeitherUTF8NorWindows1252() {
        #expect(reason(Array("texte ".utf8) + [0x81, 0x8D, 0x41]) == .undecodable)
    }

    @Test func tellsHTMLFromText() throws {
        #expect(try TextDecoder.decode(Array("<!DOCTYPE html><html><body><p>Salut</p></body></html>".utf8)).format == .html)
        #expect(try TextDecoder.decode(Array("<p>Salut</p>".utf8), fileExtension: "html").format == .html)
        #expect(try TextDecoder.decode(Array("Salut < 5 et > 3".utf8)).format == .text)
    }

    @Test func honoursTheCharsetAnHTMLPageDeclares() throws {
        let page = Array(#"<html><head><meta charset="windows-1252"></head><body>caf"#.utf8) + [0xE9, 0xC3, 0xA9] + Array("</body></html>".utf8)
        let decoded = try TextDecoder.decode(page)
        #expect(decoded.encoding == "windows-1252")
        #expect(decoded.text.contains("café"))
    }
}
