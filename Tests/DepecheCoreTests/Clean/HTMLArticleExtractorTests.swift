import Foundation
import Testing

@testable import DepecheCore

@Suite struct HTMLArticleExtractorTests {
    /// Text from the fixtures' furniture: ticker, menus, cookie banner, scripts, "read also"
    /// boxes, sharing buttons, tags, comments, sidebar, newsletter, footer.
    static let furniture = [
        "averses orageuses", "Wydad", "Régions", "cookies", "dataLayer", "loadAd", "Lire aussi", "SNTL",
        "Partager", "fierté nationale", "dockers", "Les plus lus", "Marrakech", "Recevez chaque matin",
        "droits réservés", "Mentions légales", "Accueil", "Crédit Agricole", "Imprimer", "Reproduction interdite",
        "commentaires", "Logistique",
    ]

    @Test func keepsTheArticleOfAPageWithNavigationAndScripts() throws {
        let article = HTMLArticleExtractor.article(fromHTML: try StoryFixtures.text("port-tanger.html"))
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 7)
        #expect(paragraphs.first == "Tanger Med : le trafic de conteneurs franchit un nouveau cap")
        #expect(paragraphs[1].hasPrefix("Le complexe portuaire Tanger Med a manipulé 10,2 millions"))
        #expect(paragraphs[2].contains("façade atlantique.\n« Nous avons tenu nos délais"))
        #expect(paragraphs[3].contains("pendant l’opération Marhaba."))
        #expect(paragraphs.last?.hasSuffix("l’aéronautique et la logistique.") == true)
        for text in Self.furniture { #expect(!article.text.contains(text), "\(text)") }
    }

    @Test func theBylineAndDateBetweenTheHeadlineAndTheBodyAreKept() {
        let prose = (1...4).map { "Le paragraphe \($0) raconte la saison agricole dans la plaine, avec des chiffres et des noms de coopératives." }
        let html = "<body><div id=\"content\"><div class=\"crumbs\">Accueil › Région</div><h1>La récolte recule</h1>"
            + "<p class=\"auteur\">Par Samia Berrada</p><p class=\"date\">Publié le 13/06/2025 à 18h40</p>"
            + "<div class=\"texte\">" + prose.map { "<p>\($0)</p>" }.joined() + "</div></div></body>"
        let text = HTMLArticleExtractor.article(fromHTML: html).text
        #expect(text.hasPrefix("La récolte recule\n\nPar Samia Berrada\n\nPublié le 13/06/2025 à 18h40\n\nLe paragraphe 1"))
        #expect(!text.contains("Accueil"))
    }

    /// A page without an `<h1>`: the headline is an `<h2>` or a block whose class says title.
    @Test(arguments: ["<h2>La récolte recule</h2>", "<div class=\"titre_art\"><b>La récolte recule</b></div>",
                      "<h2 class=\"post_title\">La récolte recule</h2>"])
    func theBylineUnderAnotherKindOfHeadlineIsKept(headline: String) {
        let prose = (1...4).map { "Le paragraphe \($0) raconte la saison agricole dans la plaine, avec des chiffres et des noms de coopératives." }
        let html = "<body><table><tr><td><div class=\"fil\">Accueil › Région</div>" + headline
            + "<div class=\"info\">Par : Samia Berrada | 13/06/2025 | Lu 1 842 fois</div>"
            + "<div class=\"texte_art\">" + prose.map { "<p>\($0)</p>" }.joined() + "</div></td></tr></table></body>"
        let text = HTMLArticleExtractor.article(fromHTML: html).text
        #expect(text.contains("Par : Samia Berrada | 13/06/2025 | Lu 1 842 fois\n\nLe paragraphe 1"))
        #expect(!text.contains("Accueil"))
    }

    @Test func readsOpenGraphAndJSONLDMetadata() throws {
        let article = HTMLArticleExtractor.article(fromHTML: try StoryFixtures.text("port-tanger.html"))
        #expect(
            article.metadata
                == ArticleMetadata(
                    title: "Tanger Med : le trafic de conteneurs franchit un nouveau cap", published: "2025-01-14",
                    author: "Karim BENNANI", source: "Le Courrier de l'Économie",
                    publisher: "Le Courrier de l'Économie"),
            "the footer's copyright line names the publisher too")
    }

    @Test func keepsLooseTextOfATableLayoutPage() throws {
        let article = HTMLArticleExtractor.article(fromHTML: try StoryFixtures.text("olive-meknes.html"))
        let paragraphs = article.text.components(separatedBy: "\n\n")
        #expect(paragraphs.first == "Meknès : une récolte d’olives en demi-teinte après deux années sèches")
        #expect(paragraphs.contains { $0.hasPrefix("La récolte d’olives de la région Fès-Meknès") })
        #expect(paragraphs.last?.hasSuffix("des vergers les plus anciens.") == true)
        for text in Self.furniture { #expect(!article.text.contains(text), "\(text)") }
        #expect(
            article.metadata
                == ArticleMetadata(
                    title: "Meknès : une récolte d’olives en demi-teinte après deux années sèches",
                    published: "2024-11-21", author: "Salma IDRISSI", source: "Le Courrier de l'Économie"))
    }

    @Test func windows1252PageGivesTheSameArticle() throws {
        let utf8 = HTMLArticleExtractor.article(fromHTML: try StoryFixtures.text("port-tanger.html"))
        let decoded = try StoryFixtures.decoded("port-tanger-cp1252.html")
        #expect(decoded.encoding == "windows-1252")
        #expect(decoded.format == .html)
        let latin = HTMLArticleExtractor.article(fromHTML: decoded.text)
        #expect(latin.text == utf8.text)
        #expect(latin.metadata == utf8.metadata)
    }

    @Test func plainTextInABodyKeepsItsLines() {
        let html =
            "<html><body>Premier paragraphe, assez long pour compter comme un texte.<br>Deuxième ligne."
            + "<br><br>Troisième ligne, après une ligne vide.</body></html>"
        let article = HTMLArticleExtractor.article(fromHTML: html)
        #expect(
            article.text
                == "Premier paragraphe, assez long pour compter comme un texte.\nDeuxième ligne.\n\n"
                + "Troisième ligne, après une ligne vide.")
    }

    @Test func hiddenBlocksAndCommentsAreDropped() {
        let html = """
            <body><div class="content"><p>Le texte de l'article, une phrase qui compte, et une autre encore.</p>
            <!-- publicité --><p hidden>Offre réservée aux abonnés.</p>
            <div role="complementary">Voir aussi nos dossiers</div></div></body>
            """
        #expect(
            HTMLArticleExtractor.article(fromHTML: html).text
                == "Le texte de l'article, une phrase qui compte, et une autre encore.")
    }

    @Test func blocksNamedAsFurnitureAreDroppedEvenWhenTheyReadAsProse() {
        let prose =
            "Une phrase longue, avec des virgules, qui ressemble en tout point à de la prose d'article, "
            + "et qui continue encore un peu, pour dépasser largement les cent caractères, comme un vrai paragraphe."
        let html = """
            <body><div class="wrap">
            <div class="story"><p>Article : \(prose)</p><p>Suite : \(prose)</p></div>
            <div class="comments-list"><p>Commentaire : \(prose)</p><p>Réponse : \(prose)</p></div>
            <div id="related-articles"><p>Dossier : \(prose)</p></div>
            <div class="bloc-newsletter"><p>Abonnement : \(prose)</p></div>
            <div class="pub"><p>Annonce : \(prose)</p></div>
            </div></body>
            """
        #expect(HTMLArticleExtractor.article(fromHTML: html).text == "Article : \(prose)\n\nSuite : \(prose)")
    }

    @Test func captionsAndCreditsAreDropped() {
        let html = """
            <body><article><h1>Le titre</h1><figure><img src="a.jpg"><figcaption>Le port au lever du jour.
            Photo : Omar Tahiri</figcaption></figure><p class="photo-credit">Crédit : Studio Nord</p>
            <p>Le premier paragraphe de l'article, assez long pour être retenu comme le texte de la page.</p></article></body>
            """
        let text = HTMLArticleExtractor.article(fromHTML: html).text
        #expect(!text.contains("Tahiri") && !text.contains("Studio Nord"))
        #expect(text.contains("Le premier paragraphe"))
    }

    @Test func theFooterNamesThePublisher() {
        let html = """
            <body><article><h1>Le titre</h1><p>Le premier paragraphe de l'article, assez long pour être retenu.</p>
            </article><footer><p>Abonnez-vous</p>
            <p>© 2023 Le Courrier du Sud. Tous droits réservés.</p></footer></body>
            """
        #expect(HTMLArticleExtractor.article(fromHTML: html).metadata.publisher == "Le Courrier du Sud")
        let unnamed = "<body><p>Un texte.</p><footer><p>© Tous droits réservés. Mentions légales.</p></footer></body>"
        #expect(HTMLArticleExtractor.article(fromHTML: unnamed).metadata.publisher == nil)
    }

    /// A footer marked by class or id only (`<div id="footer">`, `<td class="pied">`), or none:
    /// then the block that closes the page, a table layout's last row ("&nbsp;|&nbsp;" between its parts).
    @Test(arguments: [
        "<div id=\"footer\">جميع الحقوق محفوظة © 2025 صدى الواحة - تصميم: وكالة ويب</div>",
        "<table><tr><td class=\"pied\">© 2025 Le Courrier du Sud - Tous droits réservés</td></tr></table>",
        "<table><tr><td>Le menu</td></tr><tr><td>Le Courrier du Sud &copy; 2009-2025 &nbsp;|&nbsp; Agadir &nbsp;|&nbsp; Contact</td></tr></table>",
    ])
    func aFooterWithoutTheElementNamesThePublisher(footer: String) {
        let html = "<body><div><h1>Le titre</h1><p>Le premier paragraphe de l'article, assez long pour être retenu.</p>"
            + "<p>Photo © 2024 Agence Photo Sud</p></div>" + footer + "<script>var x = 1;</script></body>"
        let publisher = HTMLArticleExtractor.article(fromHTML: html).metadata.publisher
        #expect(publisher == (footer.contains("صدى") ? "صدى الواحة" : "Le Courrier du Sud"))
    }

    @Test func preformattedTextKeepsItsLineBreaks() {
        let html = "<body><pre>Ligne un du communiqué, avec sa virgule.\nLigne   deux.</pre></body>"
        #expect(
            HTMLArticleExtractor.article(fromHTML: html).text
                == "Ligne un du communiqué, avec sa virgule.\nLigne   deux.")
    }

    @Test func emptyPageGivesEmptyArticle() {
        let article = HTMLArticleExtractor.article(fromHTML: "")
        #expect(article.text.isEmpty)
        #expect(article.metadata == ArticleMetadata())
    }
}
