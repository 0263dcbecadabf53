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

    /// A table's rows have a navigation bar's shape; its figures and the rows around it keep it.
    /// A menu's items are words, and a market ticker is one line: both still go.
    @Test func tablesStayMenusAndTickersGo() {
        let prose = "Les prix du poisson ont bondi cette semaine au marché de gros de Casablanca, selon l'Office national des pêches."
        let table = """
            Espèce        18 févr.     25 févr.     Variation
            Sardine       7,80 DH      11,50 DH     +47%
            Maquereau     13,00 DH     16,00 DH     -6%
            """
        let page = "Accueil  Économie  Sport  Culture  Régions\nMASI 15,872.33 ▲0.6%   |   MADEX 12,941.10 ▲0.5%   |   EUR/MAD 10.42   |   USD/MAD 9.98\n\n"
            + prose + "\n\n" + table + "\n\n" + prose
        #expect(TextBoilerplate.articleText(of: page) == prose + "\n\n" + table + "\n\n" + prose)
        let menus = "Accueil  Économie  Sport  Culture\nVidéos  Podcasts  Opinions  Archives\n\n" + prose
        #expect(TextBoilerplate.articleText(of: menus) == prose)
    }

    @Test func endMarkersBeforeTheArticleDoNotEraseIt() {
        let page = "Top News\nArticle précédent\n\n" + String(repeating: "Le texte de l'article continue ici. ", count: 5)
        #expect(TextBoilerplate.articleText(of: page).hasPrefix("Le texte de l'article"))
    }

    /// A comment form's heading ends the article: the readers' comments under it name places,
    /// people and amounts that are not the article's.
    @Test(arguments: ["Ajouter un commentaire (les commentaires sont modérés)", "Add a comment", "التعليقات مغلقة",
                      "أضف تعليقك", "علق على هاد الخبر"])
    func aCommentFormEndsTheArticle(heading: String) {
        let prose = "Le port de Nador a traité deux millions de tonnes de marchandises cette année, selon l'agence, "
            + "qui prévoit un nouveau terminal."
        let comment = "Karim_Nador · 12 mars 2025 à 10:41\nÀ Berkane on attend toujours la route, 300 DH le billet c'est trop."
        #expect(TextBoilerplate.articleText(of: prose + "\n\n" + heading + "\n" + comment) == prose)
    }

    /// A communiqué's heading says what kind of text follows: neither its headline nor an organisation.
    @Test(arguments: ["COMMUNIQUÉ DE PRESSE", "Communiqué", "PRESS RELEASE", "بلاغ صحفي"])
    func aCommuniquesHeadingIsDropped(heading: String) {
        let prose = "Le groupe annonce le démarrage de la production de sa nouvelle mine de cuivre, a-t-il indiqué "
            + "dans un communiqué publié lundi."
        #expect(TextBoilerplate.articleText(of: heading + "\n\n" + prose) == prose)
    }

    /// A row of hashtags, a label before them allowed, is the site's, not the article's; a hashtag
    /// in a sentence stays.
    @Test func hashtagRowsAreRemoved() {
        let prose = "Le port de Nador a traité deux millions de tonnes de marchandises cette année, selon l'agence, "
            + "qui prévoit un nouveau terminal #Nador."
        for row in ["ترند الآن: #امتحانات_الباكالوريا #مهرجان_موازين #سعر_الأضحية", "#Maroc #CAN2025 #Rabat"] {
            #expect(TextBoilerplate.articleText(of: row + "\n\n" + prose) == prose)
        }
    }

    /// A bare "Related" or "You might also like" (and their French and Arabic forms) above a
    /// list of headlines: the list is links, not the article; prose after it stays.
    @Test(arguments: ["Related", "You might also like", "Vous aimerez aussi", "أخبار ذات صلة", "More interviews", "مقالات مشابهة"])
    func headedListsOfLinksAreRemoved(heading: String) {
        let prose = "Le port de Nador a traité deux millions de tonnes de marchandises cette année, selon l'agence."
        let page = prose + "\n\n" + heading + "\n• Safi : une nouvelle digue pour le port\n› Kénitra attire un troisième constructeur\n- Ifrane sous la neige\n→ Oujda : le tramway à l'étude\n\n" + prose
        let article = TextBoilerplate.articleText(of: page)
        for gone in ["Safi", "Kénitra", "Ifrane", "Oujda", heading] { #expect(!article.contains(gone), "\(gone)") }
        #expect(article == prose + "\n\n" + prose)
    }

    /// "Read also" over headlines one a line, without bullets: each is a link, up to the blank
    /// line; a sentence right after them is prose again.
    @Test(arguments: ["اقرأ أيضا", "Lire aussi", "MORE IN ECONOMY", "More from Sport"])
    func headlinesUnderReadAlsoAreRemovedToTheBlankLine(heading: String) {
        let prose = "Le port de Nador a traité deux millions de tonnes de marchandises cette année, selon l'agence."
        let page = prose + "\n\n" + heading + "\nفلاحو سوس يترقبون موسم التصدير\nSafi : une nouvelle digue pour le port\n"
            + "- Kénitra attire un troisième constructeur\n\n" + prose
        let article = TextBoilerplate.articleText(of: page)
        for gone in ["سوس", "Safi", "Kénitra", heading] { #expect(!article.contains(gone), "\(gone)") }
        #expect(article == prose + "\n\n" + prose)
        let sentence = "Le port a aussi accueilli un nouveau terminal."
        #expect(TextBoilerplate.articleText(of: "Lire aussi\nSafi : une digue\n" + sentence + "\n\n" + prose) == sentence + "\n\n" + prose)
    }

    /// A page saved as wrapped text (a text browser's dump: lines of 72 columns, none a
    /// paragraph long alone): its paragraphs are the article, so "Related posts" after them ends
    /// it, as after a paragraph written on one line.
    @Test func anEndMarkerAfterWrappedParagraphsEndsTheArticle() {
        let wrapped = """
               The regional council approved the second phase of the bus rapid transit
               line on Tuesday, with twelve new stations along the coastal road and a
               depot near the port, the mayor told reporters.
            """
        let page = "Agadir BRT enters its second phase\n\n" + wrapped + "\n\n   Related posts\n     * Casablanca tramway line 4 enters test phase\n"
        let article = TextBoilerplate.articleText(of: page)
        #expect(!article.contains("Casablanca"), "\(article)")
        #expect(article.hasSuffix("the mayor told reporters."))
        // Short lines (a menu) are no paragraph: "Most read" above the article does not end it.
        let menu = "Home\nPolitics\nEconomy\nSport\nCulture\nSociety\nOpinion\nVideos\nPodcasts\nArchives\n"
        #expect(TextBoilerplate.articleText(of: menu + "\nMost read\n\n" + wrapped).contains("the mayor told reporters."))
    }

    @Test func newsletterFormsAreRemoved() {
        let prose = "Le port de Nador a traité deux millions de tonnes de marchandises cette année, selon l'agence."
        let page = prose + "\n\nRecevez la newsletter La Gazette du Rif\nVotre e-mail ........ [JE M'ABONNE]\n\n" + prose
        #expect(TextBoilerplate.articleText(of: page) == prose + "\n\n" + prose)
    }

    @Test func articleLinesAreKept() {
        let page = "Titre de l'article\n\nPremier paragraphe.\n\n\n\nSecond paragraphe :    une pause.\n"
        #expect(TextBoilerplate.articleText(of: page) == "Titre de l'article\n\nPremier paragraphe.\n\nSecond paragraphe :    une pause.")
    }

    @Test func linesAreComparedFolded() {
        #expect(BoilerplateLines.folded("  🔴 Top  News ") == "top news")
        #expect(BoilerplateLines.folded("MERCI D’AVOIR SIGNALÉ !") == "merci d'avoir signale")
        let ticker: Substring = "Un titre de trois    Deux titre de trois    Trois titres ici"
        #expect(BoilerplateLines.isTicker(ticker, folded: BoilerplateLines.folded(ticker)))
        let phrase: Substring = "Une phrase    avec des espaces"
        #expect(!BoilerplateLines.isTicker(phrase, folded: BoilerplateLines.folded(phrase)))
    }

    /// A long line's folded beginning is its first 80 scalars (one step may add a space and a
    /// ligature's two letters past them) and "…+", whatever their UTF-8 length.
    @Test func longLinesFoldToTheirBeginning() {
        let emoji = "a" + String(repeating: "😀", count: 100)
        #expect(BoilerplateLines.folded(Substring(emoji)) == "a" + String(repeating: "😀", count: 79) + "…+")
        let ligature = String(repeating: "b", count: 79) + " Æ suite"
        #expect(BoilerplateLines.folded(Substring(ligature)) == String(repeating: "b", count: 79) + " ae…+")
        #expect(BoilerplateLines.folded("Fin de la phrase… !") == "fin de la phrase")
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

    /// A footer's staff box names who publishes the site, not who is in the article.
    @Test func aFootersStaffBoxIsRemoved() {
        let page = """
            Le titre de l'article du jour

            Un premier paragraphe assez long pour être de la prose d'article, avec des chiffres et des noms propres.
            Le second paragraphe reste.

            Directeur de publication : Hicham El Ghazouani
            Rédacteur en chef : Karim Alaoui
            Editor-in-chief: Sara Bennis
            مدير النشر: محمد العلوي
            """
        let article = TextBoilerplate.articleText(of: page)
        for gone in ["Ghazouani", "Alaoui", "Bennis", "العلوي"] { #expect(!article.contains(gone), "\(gone)") }
        #expect(article.hasSuffix("Le second paragraphe reste."))
    }

    @Test func aListOfHeadlinesUnderReadMoreIsRemoved() {
        let page = """
            Fishermen in Dakhla report a record sardine season after two lean years on the coast.

            Read more
            - Port of Safi to get a new container terminal
            - Agadir hosts the regional fisheries fair

            - A list item after a blank line is the article's again.
            The last paragraph stays.
            """
        let article = TextBoilerplate.articleText(of: page)
        #expect(!article.contains("Read more") && !article.contains("Safi") && !article.contains("Agadir"))
        #expect(article.hasSuffix("- A list item after a blank line is the article's again.\nThe last paragraph stays."))
    }

    @Test func navigationNeedsFourShortItems() {
        #expect(BoilerplateLines.isNavigation("Accueil  Economie  Sport  Culture"))
        #expect(BoilerplateLines.isNavigation("الرئيسية    سياسة    اقتصاد    مجتمع"))
        #expect(!BoilerplateLines.isNavigation("Accueil | Economie | Sport"))
        #expect(!BoilerplateLines.isNavigation("Second paragraphe :    une pause dans le texte, puis la suite."))
        #expect(BoilerplateLines.isNavigation("Accueil / Régions / Sport / Culture"))
        #expect(BoilerplateLines.isNavigation("الرئيسية - رياضة - ثقافة - اقتصاد"))
        #expect(!BoilerplateLines.isNavigation("نشر في: 15/09/2024 - 10:05 | آخر تحديث: 15/09/2024 - 12:40"),
                "a dated line is a byline, not a menu")
    }

    @Test func tickersSeparatedBySymbols() {
        for line: Substring in [
            "Trending: Port workers end their strike | New airline route to Lagos | Wheat prices fall again",
            "آخر الأخبار: افتتاح سوق أسبوعي جديد ◊ تعيين مدير جديد للمستشفى ◊ انطلاق موسم جني الزيتون",
        ] {
            #expect(BoilerplateLines.isTicker(line, folded: BoilerplateLines.folded(line)), "\(line)")
        }
        for line: Substring in [
            "By Jane Holt | Published June 2, 2023 | 4 min read",
            "« Nous restons prudents » et « nous suivons la demande » a déclaré le directeur, « sans changer le cap ».",
        ] {
            #expect(!BoilerplateLines.isTicker(line, folded: BoilerplateLines.folded(line)), "\(line)")
        }
    }

    @Test func englishAndArabicWidgetsAreRemoved() {
        let page = """
            The headline of the story

            A first paragraph long enough to read as article prose, with figures and a few proper names in it.
            Photo: Sam Carter / Reuters
            تصوير: كريم البقالي
            Related: Another story about something else
            Subscribe to our newsletter for the morning briefing
            شارك على فيسبوك | شارك على تويتر
            اشترك في النشرة البريدية
            النشرة الإخبارية
            9 comments
            ٥ تعليقات
            Commentaires (3)
            The last paragraph stays.
            """
        let article = TextBoilerplate.articleText(of: page)
        for gone in ["Carter", "كريم", "Another story", "newsletter", "فيسبوك", "النشرة", "comments", "تعليقات", "Commentaires"] {
            #expect(!article.contains(gone), "\(gone)")
        }
        #expect(article.hasSuffix("The last paragraph stays."))
    }

    /// A league table's rows with leader dots, a form drawn in brackets, and a text browser's
    /// list of links whose items wrap onto lines indented past their bullets.
    @Test func tablesFormsAndWrappedLinkListsAreRemoved() {
        let prose = "Le club a remporté samedi le derby régional devant plus de dix mille spectateurs, selon sa direction."
        let page = prose + """

            CLASSEMENT
            1. RS Berkane ........ 52 pts
            2. Wydad AC .......... 41 pts
            [ your@email.com ]  [ SIGN UP ]

               Lire aussi

                 * [16]Nador : le nouveau marché de gros ouvrira ses portes en
                   avril prochain
                 * [17]Saïdia : la station balnéaire mise sur le tourisme d'hiver

            """ + prose
        let article = TextBoilerplate.articleText(of: page)
        for gone in ["Berkane", "Wydad", "SIGN UP", "Nador", "avril", "Saïdia"] { #expect(!article.contains(gone), "\(gone)") }
        #expect(article.hasPrefix(prose) && article.hasSuffix(prose))
    }

    @Test func copyrightAndSourceLinesNameThePublisher() {
        let cases: [(String, String?)] = [
            ("© 2023 Coastal Times. All rights reserved.", "Coastal Times"),
            ("Le Courrier du Sud © 2022 — Tous droits réservés | Contact", "Le Courrier du Sud"),
            ("Édité par Médias du Sud SARL — © 2022 Le Courrier du Sud. Tous droits réservés.", "Le Courrier du Sud"),
            ("© Gazette du Nord 2021 - Tous droits réservés", "Gazette du Nord"),
            ("© 2024 جميع الحقوق محفوظة لـ صحيفة الواحة", "صحيفة الواحة"),
            ("جميع الحقوق محفوظة © ٢٠٢٣ أخبار الساحل", "أخبار الساحل"),
            ("جميع الحقوق محفوظة لمنبر الأطلس © 2025", "منبر الأطلس"),
            ("© ٢٠٢٤ جميع الحقوق محفوظة", nil),
            ("© D.R", nil),
            ("(c) Atlas Wire 2025 - All rights reserved", "Atlas Wire"),
            ("(C) 2024 Le Petit Rif", "Le Petit Rif"),
            ("© 2025 Atlas Wire Media SARL. All rights reserved.", "Atlas Wire"),
            ("© 2025 Coastal Times Ltd", "Coastal Times"),
            ("Source : Gazette du Nord", "Gazette du Nord"),
            ("المصدر: أخبار الساحل", "أخبار الساحل"),
            ("Édité par Patrimoines Presse – Rabat. Tous droits réservés – Villes & Patrimoines 2024.", "Villes & Patrimoines"),
            ("جميع الحقوق محفوظة لموقع صدى الواحات 2024", "صدى الواحات"),
            ("news@harbourdaily.example© 2025 Harbour Daily. All rights reserved.", "Harbour Daily"),
            ("حقوق النشر © 2025 أخبار الساحل - جميع الحقوق محفوظة", "أخبار الساحل"),
        ]
        for (line, publisher) in cases {
            let page = "Le titre\n\nUn paragraphe de l'article, assez long pour être lu comme de la prose par le filtre "
                + "des lignes du texte.\n" + line + "\nArticles similaires\n" + line
            let article = TextBoilerplate.article(of: page)
            #expect(article.metadata.publisher == publisher, "\(line)")
            #expect(!article.text.contains(line) || line.hasPrefix("Source") || line.hasPrefix("المصدر"), "\(line)")
        }
    }

    /// A line where the publication describes itself ("X - Journal électronique …") names it when
    /// no copyright or source line does; a line that only looks alike does not.
    @Test func aPublicationsDescriptionOfItselfNamesIt() {
        let prose = "Un paragraphe de l'article, assez long pour être lu comme de la prose par le filtre des lignes du texte."
        let cases: [(String, String?)] = [
            ("Rif Hebdo - Journal électronique d'information régionale - Nador", "Rif Hebdo"),
            ("صدى الواحات - جريدة إلكترونية جهوية", "صدى الواحات"),
            ("Coastal Times | The daily of the Atlantic coast", nil),
            ("Coastal Times | Daily news of the Atlantic coast", "Coastal Times"),
            ("Nador - Le port a accueilli deux navires", nil),
        ]
        for (line, publisher) in cases {
            #expect(TextBoilerplate.article(of: "Le titre\n\n" + prose + "\n\n" + line).metadata.publisher == publisher, "\(line)")
        }
        let credited = "Le titre\n\n" + prose + "\n\nRif Hebdo - Journal électronique\n© 2025 Rif Presse"
        #expect(TextBoilerplate.article(of: credited).metadata.publisher == "Rif Presse", "a copyright line comes first")
    }

    /// "X is published by Y SARL", "X — a publication of Y Ltd": the publisher's imprint is
    /// furniture; a sentence with the same phrase but no company's legal form is prose.
    @Test func imprintLinesAreRemoved() {
        let prose = "The harbour authority expects two million tonnes of cargo this year, its director said on Monday."
        for imprint in ["Harbour Daily is published by Quayside Media SARL, Agadir.",
                        "HARBOUR DAILY — a publication of Quayside Media Ltd, 4 rue des Dunes, Agadir",
                        "La Gazette des Quais est une publication de Quais Éditions SARL."] {
            #expect(TextBoilerplate.articleText(of: prose + "\n\n" + imprint) == prose, "\(imprint)")
        }
        let sentence = "The annual report is published by the ministry of tourism every spring."
        #expect(TextBoilerplate.articleText(of: prose + "\n\n" + sentence) == prose + "\n\n" + sentence)
    }

    /// Lines ending with a bracketed button, "Most read: …", metered-paywall notices and
    /// "Related coverage" lists are furniture; "[…]" in a quotation is not a button.
    @Test func widgetLinesAreRemoved() {
        let prose = "The harbour authority expects two million tonnes of cargo this year, its director said on Monday."
        let quote = "\"We will grow […] next year,\" he said."
        let page = prose + """

            Get the Harbour Daily weekend edition in your inbox. [Your email] [Sign up]
            [ Log in ]   [ Subscribe – free trial ]
            Most read: 1. Ferry fares rise  2. New quay opens
            Vous lisez l'un de vos 3 articles gratuits ce mois-ci.
            Related coverage
            • Dock workers strike in the north
            • Fish prices fall at the auction
            À découvrir aussi
            • Portrait : un pêcheur de Mirleft

            """ + prose + "\n" + quote
        #expect(TextBoilerplate.articleText(of: page) == prose + "\n" + prose + "\n" + quote)
    }

    /// "Texte X • Photos Y • 27 avril 2025": a byline whose parts a bullet separates is no ticker.
    @Test func bylinesWithBulletsAreNoTicker() {
        for byline in ["Texte Salma Idrissi • Photos Omar Tazi • 12 mai 2025", "Words: Jane Doe | Pictures: John Roe | Agadir bureau",
                       "Rédigé par Anas Tazi | Dimanche 23 Février 2025 | Lu 1 842 fois",
                       "حرر بواسطة: أحمد العلوي | الأحد 23 فبراير 2025 | 1842 مشاهدة"] {
            let line = Substring(byline)
            #expect(!BoilerplateLines.isTicker(line, folded: BoilerplateLines.folded(line)), "\(byline)")
        }
    }

    /// A counter line is two or three words, all counts but one counter word; spaces between
    /// them do not matter, and anything else keeps the line.
    @Test(arguments: [
        ("12 comments", true), ("commentaires (1234)", true), ("تعليقات (7)", true), ("1 284 lectures", true),
        ("  12   vues ", true), ("12 13 comments", true), ("12 13 14 comments", false), ("comments vues", false),
        ("12 great comments", false), ("12 13", false), ("vues 12 vues", false), ("12 comment-ish", false),
    ])
    func counterLines(line: String, dropped: Bool) {
        #expect(BoilerplateLines.isDropped(BoilerplateLines.folded(Substring(line))) == dropped)
    }
}
