import Testing

@testable import DepecheCore

/// The same story, however a scraper saved it, must come out of cleaning as the same or a
/// near-identical article, and different stories under one ticker must not.
@Suite struct ArticleCleanerTests {
    private let cleaner = ArticleCleaner()

    private func textArticle(_ page: String) -> String {
        cleaner.clean(DecodedDocument(text: page, format: .text)).text
    }

    private func fingerprint(_ page: String) -> ArticleFingerprint {
        ArticleFingerprint.of(text: textArticle(page))
    }

    /// The port story as a text page under ticker A: what every variant is compared with.
    private func original() throws -> ArticleFingerprint {
        fingerprint(
            StoryFixtures.page(
                try StoryFixtures.text("port-tanger.txt"), ticker: try StoryFixtures.text("ticker-a.txt")))
    }

    /// A data table's row is one line, its cells separated by "; ": a cell a line was read as a
    /// menu and dropped. A layout table's cells (blocks inside them) stay paragraphs.
    @Test func aDataTablesRowsAreLinesOfTheArticle() {
        let prose = "<p>Le groupe a publié ses volumes de production par site pour le premier semestre de l'année, en hausse sur la plupart des sites.</p>"
        let table = "<table><tr><th>Site</th><th>Province</th><th>Métal</th><th>Production</th></tr>"
            + "<tr><td>Akka</td><td>Tata</td><td>Or</td><td>310 kg</td></tr>"
            + "<tr><td>Draa Sfar</td><td>Marrakech</td><td>Zinc</td><td>12.500 tonnes</td></tr></table>"
        let page = "<html><body><article><h1>La production minière progresse au premier semestre</h1>" + prose + table + prose
            + "</article></body></html>"
        let text = cleaner.clean(DecodedDocument(text: page, format: .html)).text
        #expect(text.contains("Site; Province; Métal; Production\n\nAkka; Tata; Or; 310 kg\n\nDraa Sfar; Marrakech; Zinc; 12.500 tonnes"))
        let layout = "<html><body><table><tr><td><p>Accueil</p></td><td><h1>La production minière progresse</h1>" + prose + prose
            + "</td></tr></table></body></html>"
        #expect(!cleaner.clean(DecodedDocument(text: layout, format: .html)).text.contains(";"))
    }

    @Test func textPagesLoseTheirTicker() throws {
        let article = textArticle(
            StoryFixtures.page(
                try StoryFixtures.text("port-tanger.txt"), ticker: try StoryFixtures.text("ticker-a.txt")))
        #expect(article.contains("Tanger Med : le trafic de conteneurs franchit un nouveau cap"))
        #expect(!article.contains("averses orageuses"))
        #expect(!article.contains("Cliquez ici"))
    }

    @Test func htmlPagesKeepTheirMetadataAndLoseUnmarkedBoilerplate() {
        let prose = "Le texte de l'article, avec des virgules, et assez long pour être retenu comme un paragraphe."
        let html = """
            <html><head><meta property="og:site_name" content="Le Journal"></head><body><div class="story">
            <p>Bourse : le MASI en hausse&nbsp;&nbsp;&nbsp;Météo : du vent sur Tanger&nbsp;&nbsp;&nbsp;Sport : le Raja gagne à Fès</p>
            <p>\(prose)</p><p>Merci d'avoir signalé!</p><p>\(prose)</p></div></body></html>
            """
        let article = cleaner.clean(DecodedDocument(text: html, format: .html))
        #expect(article.text == "\(prose)\n\n\(prose)")
        #expect(article.metadata.source == "Le Journal")
    }

    @Test func anotherTickerTypographyAndLineBreaksGiveTheSameArticle() throws {
        let story = try StoryFixtures.text("port-tanger.txt")
        let resaved = StoryFixtures.rewrapped(StoryFixtures.retypeset(story), width: 70)
        let variant = fingerprint(StoryFixtures.page(resaved, ticker: try StoryFixtures.text("ticker-b.txt")))
        #expect(variant.textSHA256 == (try original()).textSHA256)
    }

    @Test(arguments: ["port-tanger.html", "port-tanger-cp1252.html"])
    func htmlWrappingIsTheSameStory(_ name: String) throws {
        let html = ArticleFingerprint.of(cleaner.clean(try StoryFixtures.decoded(name)))
        try expectSameStory(html)
    }

    @Test func oneFigureChangedIsTheSameStory() throws {
        let updated = try StoryFixtures.updated(
            try StoryFixtures.text("port-tanger.txt"), replacing: "10,2 millions", with: "10,4 millions")
        let variant = fingerprint(StoryFixtures.page(updated, ticker: try StoryFixtures.text("ticker-b.txt")))
        #expect(variant.textSHA256 != (try original()).textSHA256)
        try expectSameStory(variant)
    }

    @Test func differentStoriesUnderOneTickerStayDistinct() throws {
        let ticker = try StoryFixtures.text("ticker-a.txt")
        let stories =
            try ["port-tanger.txt", "olive-meknes.txt", "bourse-short.txt"].map {
                fingerprint(StoryFixtures.page(try StoryFixtures.text($0), ticker: ticker))
            } + [ArticleFingerprint.of(cleaner.clean(try StoryFixtures.decoded("olive-meknes.html")))]
        #expect(!StoryFixtures.isNear(stories[1], stories[0]))
        #expect(!StoryFixtures.isNear(stories[2], stories[0]) && !StoryFixtures.isNear(stories[2], stories[1]))
        #expect(stories[0].jaccard(with: stories[1]) < 0.1)
        #expect(stories[1].jaccard(with: stories[2]) < 0.1)
        #expect(StoryFixtures.isNear(stories[3], stories[1]) && !StoryFixtures.isNear(stories[3], stories[0]))
    }

    /// `variant` is a near duplicate of the original and not of another story, by the default
    /// rule, with a high Jaccard estimate.
    private func expectSameStory(_ variant: ArticleFingerprint, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let olive = fingerprint(
            StoryFixtures.page(try StoryFixtures.text("olive-meknes.txt"), ticker: try StoryFixtures.text("ticker-a.txt")))
        #expect(StoryFixtures.isNear(variant, try original()), sourceLocation: sourceLocation)
        #expect(!StoryFixtures.isNear(variant, olive), sourceLocation: sourceLocation)
        #expect(variant.jaccard(with: try original()) >= 0.9, sourceLocation: sourceLocation)
    }
}
