import Foundation
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

    /// A known format is named in the detail, as English says it.
    @Test(arguments: [
        ([0x7F, 0x45, 0x4C, 0x46, 0x02], "the file is an ELF executable, not a text page"),
        ([0x1F, 0x8B, 0x08], "the file is gzip data, not a text page"),
        (Array("%PDF-1.7".utf8), "the file is a PDF document, not a text page"),
    ] as [([UInt8], String)])
    func namesTheFormat(bytes: [UInt8], detail: String) {
        #expect(throws: Rejection(.binary, detail)) { try TextDecoder.decode(bytes) }
    }

    /// More than one byte in a hundred a control character a text does not hold (tab, line feed,
    /// form feed, carriage return and escape it does) is binary; counted wherever they stand,
    /// the last bytes included.
    @Test func countsControlCharactersWhereverTheyStand() throws {
        var page = Array(repeating: UInt8(ascii: "a"), count: 1000)
        for index in stride(from: 3, to: 1000, by: 7) { page[index] = [0x09, 0x0A, 0x0C, 0x0D, 0x1B][index % 5] }
        let positions = [0, 1, 15, 16, 31, 500, 983, 984, 997, 999, 2]
        let controls: [UInt8] = [0x01, 0x1F, 0x08, 0x0B, 0x0E, 0x1A, 0x1C, 0x05, 0x02, 0x03, 0x04]
        for (position, control) in zip(positions.prefix(10), controls) { page[position] = control }
        #expect(reason(page) == nil, "10 in 1,000")
        page[positions[10]] = controls[10]
        do {
            _ = try TextDecoder.decode(page)
            Issue.record("11 control characters in 1,000 bytes were accepted")
        } catch {
            #expect(error.reason == .binary)
            #expect(error.detail.hasPrefix("11 of its 1000 bytes are control characters"))
        }
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

    /// "Publié à Rabat 📰" as PowerShell's `Out-File` writes it (UTF-16LE with a BOM), and big-endian.
    @Test func readsUTF16WithAByteOrderMark() throws {
        let text = "Publié à Rabat 📰\r\nLe Maroc"
        let little = [0xFF, 0xFE] + utf16(text, bigEndian: false)
        let big = [0xFE, 0xFF] + utf16(text, bigEndian: true)
        let decodedLittle = try TextDecoder.decode(little)
        #expect(decodedLittle.text == text)
        #expect(decodedLittle.encoding == "utf-16le")
        #expect(decodedLittle.warnings.isEmpty)
        let decodedBig = try TextDecoder.decode(big)
        #expect(decodedBig.text == text)
        #expect(decodedBig.encoding == "utf-16be")
        let html = [0xFF, 0xFE] + utf16("<html><body><p>Rabat</p></body></html>", bigEndian: false)
        #expect(try TextDecoder.decode(html).format == .html)
    }

    @Test func repairsOrRejectsBrokenUTF16() throws {
        // An unpaired high surrogate, then an odd last byte.
        let broken: [UInt8] = [0xFF, 0xFE, 0x41, 0x00, 0x3D, 0xD8, 0x42, 0x00, 0x43]
        let decoded = try TextDecoder.decode(broken)
        #expect(decoded.text == "A\u{FFFD}B")
        #expect(decoded.warnings.count == 2)
        #expect(reason([0xFF, 0xFE, 0x41, 0x00, 0x00, 0x00, 0x42, 0x00]) == .binary, "a NUL character")
        #expect(reason([0xFF, 0xFE, 0x20, 0x00, 0x0A, 0x00]) == .blank)
        #expect(reason(utf16("Rabat", bigEndian: false)) == .binary, "no BOM: NUL bytes mean binary")
    }

    /// `text`'s UTF-16 code units as bytes, without a BOM.
    func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        text.utf16.flatMap { unit -> [UInt8] in
            let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
            return bigEndian ? [high, low] : [low, high]
        }
    }

    @Test func readsWindows1252() throws {
        // "Le marché a progressé de 5 € — « hausse »" in Windows-1252.
        let bytes: [UInt8] = Array("Le march".utf8) + [0xE9] + Array(" a progress".utf8) + [0xE9] + Array(" de 5 ".utf8)
            + [0x80, 0x20, 0x97, 0x20, 0xAB] + Array(" hausse ".utf8) + [0xBB]
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.encoding == "windows-1252")
        #expect(decoded.text == "Le marché a progressé de 5 € — « hausse »")
    }

    /// An Arabic article saved in Windows-1256 (`iconv -t CP1256`), as a text file.
    @Test func readsAnArabicTextFileInWindows1256() throws {
        let decoded = try StoryFixtures.decoded("accord-rabat-cp1256.txt")
        #expect(decoded.encoding == "windows-1256")
        #expect(decoded.format == .text)
        #expect(decoded.text == (try StoryFixtures.text("accord-rabat.txt")))
        #expect(decoded.warnings.isEmpty)
    }

    /// An Arabic HTML page in Windows-1256 that declares UTF-8 (a server's default): its bytes
    /// belie the declaration, so its words decide.
    @Test func readsArabicHTMLThatDeclaresAnotherCharset() throws {
        let page = [UInt8](try StoryFixtures.bytes("accord-rabat-cp1256.html"))
            .replacing(Array("charset=windows-1256".utf8), with: Array("charset=utf-8".utf8))
        let decoded = try TextDecoder.decode(page, fileExtension: "html")
        #expect(decoded.encoding == "windows-1256")
        #expect(decoded.text.contains("<h1>المغرب يوقع اتفاقية بقيمة 3 مليارات دولار لتحلية مياه البحر</h1>"))
    }

    /// "المغرب يوقع اتفاقية" in Windows-1256 (`iconv -t CP1256`): three words are enough.
    @Test func readsAShortArabicSnippetInWindows1256() throws {
        let bytes: [UInt8] = [
            0xC7, 0xE1, 0xE3, 0xDB, 0xD1, 0xC8, 0x20, 0xED, 0xE6, 0xDE, 0xDA, 0x20,
            0xC7, 0xCA, 0xDD, 0xC7, 0xDE, 0xED, 0xC9,
        ]
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.encoding == "windows-1256")
        #expect(decoded.text == "المغرب يوقع اتفاقية")
    }

    /// French and Spanish in Windows-1252 stay Windows-1252, capitals and all, though many of
    /// their accented letters (É, Ç, á, í, ó, ñ) are Arabic letters in Windows-1256; a French
    /// page that holds an Arabic article in Windows-1256 (whose French letters é, è, à are
    /// those of Windows-1252) is read in Windows-1256.
    @Test func latinScriptStaysWindows1252UnlessThePageHoldsArabic() throws {
        let latin = "ÉTAT D’ALERTE À SALÉ : « Ça suffit », dit l’Économie. Según la información, el año político."
        let decodedLatin = try TextDecoder.decode(Array(try #require(latin.data(using: .windowsCP1252))))
        #expect(decodedLatin.encoding == "windows-1252")
        #expect(decodedLatin.text == latin)
        let french = "Le marché a progressé cet été, selon l’agence.\n\n"
        let page = [UInt8](try #require(french.data(using: .windowsCP1252))) + [UInt8](try StoryFixtures.bytes("accord-rabat-cp1256.txt"))
        let decodedPage = try TextDecoder.decode(page)
        #expect(decodedPage.encoding == "windows-1256")
        #expect(decodedPage.text == french + (try StoryFixtures.text("accord-rabat.txt")))
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

    /// A page that declares Windows-1256 under any of its labels is read so, although its
    /// bytes alone (one Arabic word, two French ones) would say Windows-1252. "المغرب" in
    /// Windows-1256 (`iconv -t CP1256`); é and ’ are the same bytes in both code pages.
    @Test(arguments: [
        #"<meta charset="windows-1256">"#,
        "<meta charset=cp1256>",
        #"<meta http-equiv="Content-Type" content="text/html; charset=x-cp1256">"#,
        #"<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=Windows-1256">"#,
    ])
    func honoursADeclaredWindows1256(meta: String) throws {
        let page = Array("<html><head>\(meta)</head><body><p>".utf8) + [0xC7, 0xE1, 0xE3, 0xDB, 0xD1, 0xC8]
            + Array(try #require(" : l’été a été chaud.</p></body></html>".data(using: .windowsCP1252)))
        let decoded = try TextDecoder.decode(page)
        #expect(decoded.encoding == "windows-1256")
        #expect(decoded.text.contains("<p>المغرب : l’été a été chaud.</p>"))
    }
}
