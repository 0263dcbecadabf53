import Testing

@testable import DepecheCore

@Suite struct HTMLSnifferTests {
    @Test(arguments: [
        "<!DOCTYPE html>\n<html lang=\"fr\"><head></head></html>",
        "\u{FEFF}  <HTML>\n<BODY>Texte</BODY></HTML>",
        "<!-- saved by scraper -->\n<head><title>Une page</title></head>",
        "<body class=\"article\">",
        "<p>Un paragraphe seul.</p>",
        "<P CLASS=x>Un paragraphe seul.",
    ])
    func recognisesMarkup(_ page: String) {
        #expect(HTMLSniffer.looksLikeHTML(Array(page.utf8)))
    }

    @Test(arguments: [
        "Barid Al-Maghrib rejoint le programme DATA-TIKA    Bourse de Casablanca : ouverture en baisse",
        "Le ratio <pre> n'est pas une balise ici, ni <param>.",
        "a < b et <paragraphe> n'est pas <p.",
        "",
    ])
    func leavesPlainTextAlone(_ page: String) {
        #expect(!HTMLSniffer.looksLikeHTML(Array(page.utf8)))
    }

    @Test func looksOnlyAtTheFirstKilobyte() {
        let page = String(repeating: "Texte brut. ", count: 100) + "<html>"
        #expect(!HTMLSniffer.looksLikeHTML(Array(page.utf8)))
    }

    @Test(arguments: [
        ("<html><head><meta charset=\"windows-1252\"></head>", "windows-1252"),
        ("<meta charset=UTF-8>", "utf-8"),
        ("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-1\">", "iso-8859-1"),
        ("<meta content='text/html;charset=windows-1252' http-equiv='content-type' />", "windows-1252"),
        ("<meta charset = 'utf-8' />", "utf-8"),
    ])
    func readsDeclaredCharset(_ page: String, _ charset: String) {
        #expect(HTMLSniffer.declaredCharset(Array(page.utf8)) == charset)
    }

    @Test func noDeclarationMeansNil() {
        #expect(
            HTMLSniffer.declaredCharset(Array("<html><head><meta name=\"author\" content=\"X\"></head>".utf8)) == nil)
        #expect(HTMLSniffer.declaredCharset(Array("Plain text about charset=utf-8".utf8)) == nil)
    }

    @Test func charsetPastFourKilobytesIsNotRead() {
        let page = "<html><head><!--" + String(repeating: "x", count: 5000) + "--><meta charset=\"windows-1252\">"
        #expect(HTMLSniffer.declaredCharset(Array(page.utf8)) == nil)
    }
}
