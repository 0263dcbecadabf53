import Foundation
import Testing
@testable import DepecheCore

@Suite struct TextBoilerplateTests {
    @Test func tickerWidgetsAndFooterAreRemoved() throws {
        let page = try ExtractTestSupport.fixture("ticker_page.txt")
        let article = TextBoilerplate.articleText(of: page)
        #expect(article.hasPrefix("Offshoring : Tétouan veut sa part du marché des centres de contact\n"))
        #expect(!article.contains("Tanger Med : le trafic"))
        #expect(!article.contains("Merci d'avoir signalé"))
        #expect(!article.contains("Cette image sera"))
        #expect(!article.contains("Cliquez ici"))
        #expect(article.hasSuffix("(FMCRC)."))
    }

    @Test func menusSocialLinksAndRelatedArticlesAreRemoved() throws {
        let article = TextBoilerplate.articleText(of: try ExtractTestSupport.fixture("portal_page.txt"))
        #expect(article.hasPrefix("La Gazette du Nord - Actu\n\nTransport : Royal Air Maroc ouvre une ligne vers Dakar"))
        for gone in ["GRATUITEMENT", "facebook", "search", "Économie", "Lire aussi", "Related Articles", "EDITO"] {
            #expect(!article.contains(gone), "\(gone)")
        }
        #expect(article.contains("pour un chiffre d'affaires de 300 MDH."))
    }

    @Test func endMarkersBeforeTheArticleDoNotEraseIt() {
        let page = "Top News\nArticle précédent\n\n" + String(repeating: "Le texte de l'article continue ici. ", count: 5)
        #expect(TextBoilerplate.articleText(of: page).hasPrefix("Le texte de l'article"))
    }

    @Test func articleLinesAreKept() {
        let page = "Titre de l'article\n\nPremier paragraphe.\n\n\n\nSecond paragraphe :    une pause.\n"
        #expect(TextBoilerplate.articleText(of: page) == "Titre de l'article\n\nPremier paragraphe.\n\nSecond paragraphe :    une pause.")
    }

    @Test func linesAreComparedFolded() {
        #expect(BoilerplateLines.folded("  🔴 Top  News ") == "top news")
        #expect(BoilerplateLines.folded("MERCI D’AVOIR SIGNALÉ !") == "merci d'avoir signale")
        #expect(BoilerplateLines.isTicker("Un titre de trois    Deux titre de trois    Trois titres ici"))
        #expect(!BoilerplateLines.isTicker("Une phrase    avec des espaces"))
    }

    @Test func navigationBarsShareRowsTagsAndLinkedHeadlinesAreRemoved() {
        let page = """
            Economie | Finances | Entreprises | Régions | Sport
            Politics  Economy  Society  Sports  Culture

            Le titre de l'article du jour

            Un premier paragraphe assez long pour être de la prose d'article, avec des chiffres et des noms propres.
            Facebook Twitter WhatsApp
            Tags : Bank Al-Maghrib, inflation, FMI
            Lire aussi
            Aéroport Marrakech-Menara : un nouveau terminal pour 2025
            Le second paragraphe reste.
            """
        let article = TextBoilerplate.articleText(of: page)
        #expect(article.hasPrefix("Le titre de l'article du jour\n"))
        for gone in ["Finances", "Society", "WhatsApp", "Tags", "Lire aussi", "Menara"] {
            #expect(!article.contains(gone), "\(gone)")
        }
        #expect(article.hasSuffix("Le second paragraphe reste."))
    }

    @Test func navigationNeedsFourShortItems() {
        #expect(BoilerplateLines.isNavigation("Accueil  Economie  Sport  Culture"))
        #expect(BoilerplateLines.isNavigation("الرئيسية    سياسة    اقتصاد    مجتمع"))
        #expect(!BoilerplateLines.isNavigation("Accueil | Economie | Sport"))
        #expect(!BoilerplateLines.isNavigation("Second paragraphe :    une pause dans le texte, puis la suite."))
    }
}
