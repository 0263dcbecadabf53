import Testing
@testable import DepecheCore

@Suite struct NamePolicyTests {
    @Test(arguments: [".hidden", ".page.txt.Xy12Ab", "page.tmp", "page.PART", "page.crdownload", "page.txt~", ".swp", "x.swp", ""])
    func ignoresFilesInProgress(name: String) {
        #expect(NamePolicy.isIgnored(Array(name.utf8)))
    }

    @Test(arguments: ["page.txt", "page.html", "-leading-dash.txt", "tmp", "part.txt", "a.tmp.txt", "ملف.txt"])
    func takesOrdinaryNames(name: String) {
        #expect(!NamePolicy.isIgnored(Array(name.utf8)))
    }
}
