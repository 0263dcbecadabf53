import Foundation
import Testing
@testable import DepecheCore

@Suite struct ExtractorTests {
    @Test func bylineGivesSourceDateAndTitle() throws {
        let text = try ExtractTestSupport.fixture("ticker_page.txt")
        let extraction = ExtractTestSupport.extract(TextBoilerplate.articleText(of: text))
        #expect(extraction.title == "Offshoring : Tétouan veut sa part du marché des centres de contact")
        #expect(extraction.source == "Le Matin")
        #expect(extraction.published == "2022-03-14")
        #expect(extraction.author == nil)
        #expect(extraction.lang == "fr")
        let values = extraction.entities.compactMap { entity -> String? in
            guard case .number(let value)? = entity.value else { return nil }
            return "\(entity.type.rawValue) \(value)"
        }
        #expect(values.contains("QUANTITY 4200.0"))
        #expect(values.contains("MONEY 35000000.0"))
        #expect(values.contains("MONEY 14000000000.0"))
        #expect(values.contains("PERCENT 6.0") && values.contains("PERCENT 9.0"))
        let dates = extraction.entities.filter { $0.type == .date }.compactMap(\.value)
        #expect(dates == [.date("2022-03-14"), .date("2022-05-12"), .date("2022-05-13")])
        let names = extraction.entities.filter { $0.type != .date && $0.value == nil }.map(\.text)
        #expect(names.contains("Karim Bennani") && names.contains("Tétouan Shore") && names.contains("OFPPT"))
        #expect(!names.contains("Safi"), "ticker headlines yield no entities")
    }

    @Test func authorAndHeaderPublication() throws {
        let page = "L'Opinion Maroc - Actuali\n\nÉconomie\n\nTransport : la compagnie ouvre une ligne vers Dakar\n\n"
            + "Rédigé par Amina TAZI Lundi 3 Juin 2024\n\nLa compagnie a annoncé une liaison entre Casablanca et Dakar."
        let extraction = ExtractTestSupport.extract(page)
        #expect(extraction.title == "Transport : la compagnie ouvre une ligne vers Dakar")
        #expect(extraction.author == "Amina TAZI")
        #expect(extraction.published == "2024-06-03")
        #expect(extraction.source == "L'Opinion")
        #expect(!extraction.entities.contains { $0.text == "L'Opinion" }, "the masthead is not the article")
    }

    @Test func authorAfterThePublicationDate() {
        let page = "Transport maritime\n\nLe port dépasse les 8 millions de conteneurs\n"
            + "Publié le 12 janvier 2024 par Karim Bennani\n\nLe port a traité 8,6 millions de conteneurs en 2023."
        let extraction = ExtractTestSupport.extract(page)
        #expect(extraction.author == "Karim Bennani")
        #expect(extraction.published == "2024-01-12")
        #expect(extraction.title == "Le port dépasse les 8 millions de conteneurs")
    }

    @Test func authorWithHerRoleAfterABarAboveTheDate() {
        let page = "Coastal Trade Daily\n\nSafi port opens a second grain terminal after a year of works\n\n"
            + "Leila Haddaoui | Staff writer\n03.02.2025\n\n"
            + "The port of Safi opened its second grain terminal on Monday, doubling its storage capacity to 120,000 tonnes."
        let extraction = ExtractTestSupport.extract(page)
        #expect(extraction.author == "Leila Haddaoui")
        #expect(extraction.title == "Safi port opens a second grain terminal after a year of works")
    }

    @Test func aDateLineWithReadingTimeAndViewsIsNoTicker() {
        let page = "Le train atteindra Larache en 2026 selon le calendrier révisé\n"
            + "15 janv. 2025 | 3 min de lecture | 2 134 vues\n\n"
            + "Le train reliera Tanger à Larache dès le début de l'année prochaine, selon l'office ferroviaire."
        #expect(ExtractTestSupport.extract(page).published == "2025-01-15")
    }

    @Test func nameAndRoleThenDateOnOneLineAndAViewCounter() {
        let page = "Azilal : une caravane médicale soigne 2.000 patients dans la vallée\n\n"
            + "Karima Aït Lahcen, correspondante à Azilal | 11.05.2025 - 10:15\n👁 1 284 lectures\n\n"
            + "Une caravane médicale a soigné plus de 2.000 patients dans les douars de la vallée, selon ses organisateurs."
        let extraction = ExtractTestSupport.extract(page)
        #expect(extraction.author == "Karima Aït Lahcen")
        #expect(extraction.published == "2025-05-11")
        #expect(extraction.title == "Azilal : une caravane médicale soigne 2.000 patients dans la vallée")
        #expect(!extraction.entities.contains { $0.text.contains("lectures") })
    }

    @Test func anArabicBylinesTitleIsNoPartOfTheAuthor() {
        let page = "المحاكم الرقمية تدخل حيز التنفيذ في ثلاث مدن\n\nبقلم: الأستاذة نادية الفاسي\n\n"
            + "أعلنت وزارة العدل أن المنصة الرقمية ستصبح إلزامية في محاكم ثلاث مدن ابتداء من السنة المقبلة."
        #expect(ExtractTestSupport.extract(page).author == "نادية الفاسي")
    }

    /// An abbreviated title ("د.", "Dr", "M.") is no part of the author; "و" between two Arabic
    /// names joins two authors, each a person.
    @Test func bylineTitlesAndTwoArabicAuthors() {
        let cases: [(String, String)] = [
            ("بقلم: د. عبد الرحيم أوبلا", "عبد الرحيم أوبلا"), ("بقلم: ذ. سعاد الشرقاوي", "سعاد الشرقاوي"),
            ("بقلم: مولاي أحمد الركيبي و سناء أوحمو", "مولاي أحمد الركيبي و سناء أوحمو"),
            ("بقلم: مولاي أحمد الركيبي و", "مولاي أحمد الركيبي"),
        ]
        for (byline, author) in cases {
            let page = "المحاكم الرقمية تدخل حيز التنفيذ في ثلاث مدن\n\n\(byline)\n\n"
                + "أعلنت وزارة العدل أن المنصة الرقمية ستصبح إلزامية في محاكم ثلاث مدن ابتداء من السنة المقبلة."
            let extraction = ExtractTestSupport.extract(page)
            #expect(extraction.author == author, "\(byline)")
        }
        let two = ExtractTestSupport.extract("المحاكم الرقمية تدخل حيز التنفيذ في ثلاث مدن\n\nبقلم: مولاي أحمد الركيبي و سناء أوحمو\n\n"
            + "أعلنت وزارة العدل أن المنصة الرقمية ستصبح إلزامية في محاكم ثلاث مدن ابتداء من السنة المقبلة.")
        let people = Set(two.entities.filter { $0.type == .person }.map(\.text))
        #expect(people.isSuperset(of: ["مولاي أحمد الركيبي", "سناء أوحمو"]), "\(people)")
        for byline in ["Par Dr Nadia Fassi", "Par Dr. Nadia Fassi", "Par M. Nadia Fassi"] {
            let page = "Sefrou : le conseil communal adopte son budget\n\n\(byline)\n\n"
                + "Le conseil communal de Sefrou a adopté mardi son budget de 120 millions de dirhams, en hausse sur un an."
            #expect(ExtractTestSupport.extract(page).author == "Nadia Fassi", "\(byline)")
        }
    }

    /// The masthead's date ("Mercredi 8 octobre 2025 - Tanger 21°C") gives way to the author's
    /// line further down; an item of a numbered list ("1. Mondial 2030 : …") is no date line.
    @Test func aMastheadsDateOrAListGivesWayToTheByline() {
        let article = "Conseil communal de Tanger : un budget de 1,38 milliard de dirhams\n\n"
            + "Par Anas Bouzekri, notre correspondant à Tanger\nPublié le 08/10/2025 - 11:20\n\n"
            + "Réunis en session ordinaire, les membres du conseil communal de Tanger ont adopté le projet de budget.\n"
        let headers = [
            "NORD INFO MAROC\nTanger | Tétouan | Economie\nMercredi 8 octobre 2025 - Tanger 21°C\n\nAccueil > Tanger\n\n",
            "Le360\nPolitique  Economie\n\nLes + lus\n1. Mondial 2030: le stade de Benslimane livré avant terme\n"
                + "2. Météo: retour des pluies sur le Nord\n\nSociété > Justice\n\n",
        ]
        for header in headers {
            let extraction = ExtractTestSupport.extract(header + article)
            #expect(extraction.title == "Conseil communal de Tanger : un budget de 1,38 milliard de dirhams", "\(header)")
            #expect(extraction.author == "Anas Bouzekri", "\(header)")
            #expect(extraction.published == "2025-10-08", "\(header)")
        }
        // A date alone under the masthead, with no author's line before the article, dates the
        // page; an author's line after the article's first sentence is not the header's.
        let dated = ExtractTestSupport.extract("NORD INFO MAROC\nMercredi 8 octobre 2025\n\nConseil communal de Tanger : un budget voté\n\n"
            + "Réunis en session ordinaire, les membres du conseil communal de Tanger ont adopté le projet de budget.\n\n"
            + "Par Anas Bouzekri\n\nLe texte a été voté par 64 voix pour, 11 contre et 3 abstentions, après six heures de débats.\n")
        #expect(dated.published == "2025-10-08" && dated.author == nil)
    }

    @Test func bylineBlockBelowALede() {
        let page = "Le360\nEconomie\n\nOCP : un chiffre d'affaires de 91,3 milliards de dirhams en 2023\n"
            + "Le groupe a publié lundi ses résultats annuels, en recul sur un an mais largement bénéficiaires.\n\n"
            + "Par Amine Rahmouni\nLe 26/03/2024 à 18h05\n\nLe groupe a réalisé un chiffre d'affaires en recul."
        let extraction = ExtractTestSupport.extract(page)
        #expect(extraction.title == "OCP : un chiffre d'affaires de 91,3 milliards de dirhams en 2023")
        #expect(extraction.author == "Amine Rahmouni")
        #expect(extraction.published == "2024-03-26")
        #expect(extraction.source == "Le360")
    }

    @Test func dateLineAndAttributionLine() {
        let page = "Actualités\n\nTourisme : le pays accueille un nombre record de visiteurs\n\n"
            + "Mardi 16 janvier 2024 - 10:42\nHespress FR\n\nLe pays a accueilli 14,5 millions de touristes."
        let extraction = ExtractTestSupport.extract(page)
        #expect(extraction.published == "2024-01-16")
        #expect(extraction.source == "Hespress")
        #expect(extraction.title == "Tourisme : le pays accueille un nombre record de visiteurs")
        let arabic = "اقتصاد\n\nبنك المغرب يخفض سعر الفائدة الرئيسي\n\nالثلاثاء ٢٥ يونيو ٢٠٢٤ - ١٩:٣٠\n"
            + "هسبريس - محمد الإدريسي\n\nقرر مجلس بنك المغرب خفض سعر الفائدة الرئيسي."
        let extracted = ExtractTestSupport.extract(arabic)
        #expect(extracted.author == "محمد الإدريسي")
        #expect(extracted.published == "2024-06-25")
        #expect(extracted.source == "Hespress")
    }

    /// Arabic bylines: the publication, a dash and "بقلم:" before the name; a town and a colon; the
    /// publication and a desk's "متابعة" (no author), a tatweel standing for the dash.
    @Test func arabicBylinesWithALabelAColonOrADesk() {
        let header = "أزيلال.. انطلاق الدراسة بالكلية الجديدة في موسمها الأول بـ1800 طالب\n\n"
        let rest = "\nالإثنين 29 شتنبر 2025 - 19:02\n\nانطلقت، صباح اليوم الإثنين، الدراسة بالكلية متعددة التخصصات بأزيلال في أجواء احتفالية.\n"
        let cases: [(String, String?)] = [
            ("نبض الأطلس - بقلم: سعاد الشرقاوي", "سعاد الشرقاوي"), ("أزيلال: نور الدين أمغار", "نور الدين أمغار"),
            ("صدى الجبل ـ متابعة", nil), ("هسبريس - محمد الإدريسي", "محمد الإدريسي"),
        ]
        for (byline, author) in cases {
            let extraction = ExtractTestSupport.extract("تعليم\n\n" + header + byline + rest)
            #expect(extraction.author == author, "\(byline)")
            #expect(extraction.title?.hasPrefix("أزيلال..") == true, "\(byline): \(extraction.title ?? "nil")")
        }
    }

    /// A page title that names the site before or after the headline ("Sud Horizons — Tiznit : …")
    /// gives the headline alone.
    @Test func aTitleLosesTheSitesName() throws {
        for title in ["Rif Hebdo — Nador : un record au port", "Nador : un record au port | Rif Hebdo"] {
            let html = "<html><head><title>\(title)</title><meta property=\"og:site_name\" content=\"Rif Hebdo\"></head><body><article>"
                + "<p>Le port de Nador a traité deux millions de tonnes de marchandises cette année, selon l'agence portuaire.</p>"
                + "</article></body></html>"
            let analyzed = try DocumentAnalyzer(extractor: ExtractTestSupport.extractor).analyze(Array(html.utf8), fileExtension: "html")
            #expect(analyzed.extraction.title == "Nador : un record au port", "\(title)")
        }
    }

    /// An Arabic page saved in Windows-1256 that says so in an `http-equiv` `<meta>` gives its
    /// Arabic title and entities.
    @Test func anArabicPageInWindows1256GivesItsTitleAndEntities() throws {
        let bytes = [UInt8](try StoryFixtures.bytes("accord-rabat-cp1256.html"))
        let analyzed = try DocumentAnalyzer(extractor: ExtractTestSupport.extractor).analyze(bytes, fileExtension: "html")
        #expect(analyzed.decoding.encoding == "windows-1256")
        #expect(analyzed.extraction.lang == "ar")
        #expect(analyzed.extraction.title == "المغرب يوقع اتفاقية بقيمة 3 مليارات دولار لتحلية مياه البحر")
        let entities = analyzed.extraction.entities.map { "\($0.type.rawValue) \($0.text)" }
        for entity in ["LOC الرباط", "LOC الداخلة", "PERSON نزار بركة", "ORG البنك الإفريقي للتنمية", "MONEY 3 مليارات دولار"] {
            #expect(entities.contains(entity), "\(entity) in \(entities)")
        }
    }

    /// A publication written as its site's address ("Rif-Hebdo.ma", "© Coastal.com 2025") is
    /// named without the domain ending; a name of several words is left as written.
    @Test func aSourceWrittenAsAnAddressLosesItsDomain() {
        let prose = "\n\nLe port de Nador a traité deux millions de tonnes de marchandises cette année, selon l'agence portuaire.\n\n"
        for (credit, source) in [("© Coastal.com 2025 - All rights reserved", "Coastal"), ("Source : RifHebdo.ma", "RifHebdo"),
                                 ("© 2025 Le Journal de Nador. Tous droits réservés.", "Le Journal de Nador"),
                                 // the years the site has been published, as a range
                                 ("© Coastal.com 2002-2025", "Coastal"), ("Coastal Times © 2009–2025 | Contact", "Coastal Times")] {
            let page = TextBoilerplate.article(of: "Nador : un record au port" + prose + credit)
            #expect(ExtractTestSupport.extractor.extract(page).source == source, "\(credit)")
        }
    }

    @Test func bylinePublicationWithSmallWords() {
        let page = "Bourita et Albares réaffirment leur partenariat\n\nPublié dans Aujourd'hui le Maroc le 14 - 03 - 2024\n\n"
            + "Le ministre a reçu son homologue à Rabat."
        let extraction = ExtractTestSupport.extract(page)
        #expect(extraction.source == "Aujourd'hui le Maroc")
        #expect(extraction.published == "2024-03-14")
    }

    /// Byline formats (page, and the title, date, author and source extracted from it).
    static let bylines: [(String, ArticleMetadata)] = [
        // "بقلم:": a colon closes the opener
        ("ثقافة\n\nافتتاح معرض جديد للفنون التشكيلية في المدينة القديمة\n\nبقلم: ليلى المنصوري\n"
            + "الجمعة ١٢ أبريل ٢٠٢٤\n\nافتتح مساء أمس معرض جديد للفنون التشكيلية بمشاركة عشرين فنانا.",
         ArticleMetadata(title: "افتتاح معرض جديد للفنون التشكيلية في المدينة القديمة",
                         published: "2024-04-12", author: "ليلى المنصوري")),
        // "Published:"
        ("Rail Operator Orders Forty New Trains for Commuter Lines\n\nBy Hannah Webb\n"
            + "Published: 2 May 2023, 09:40\n\nThe national rail operator has ordered forty new trains for its commuter lines.",
         ArticleMetadata(title: "Rail Operator Orders Forty New Trains for Commuter Lines",
                         published: "2023-05-02", author: "Hannah Webb")),
        // place - author | date, not the headline
        ("مجتمع\n\nإطلاق حملة وطنية للتبرع بالدم خلال فصل الصيف\n\nفاس - نادية الشرقاوي | الخميس 6 يونيو 2024\n\n"
            + "أطلق المركز الجهوي لتحاقن الدم حملة جديدة للتبرع بالدم في عدد من المدن.",
         ArticleMetadata(title: "إطلاق حملة وطنية للتبرع بالدم خلال فصل الصيف",
                         published: "2024-06-06", author: "نادية الشرقاوي")),
        // the author alone above the date line, a role after a comma
        ("Basket-ball\n\nLe club de la capitale remporte la coupe après une finale serrée\n\nK. Amrani, envoyé spécial\n"
            + "Publié le lundi 3 juin 2024\n\nLe club de la capitale a remporté la coupe nationale au terme d'une finale serrée.",
         ArticleMetadata(title: "Le club de la capitale remporte la coupe après une finale serrée",
                         published: "2024-06-03", author: "K. Amrani")),
        // the author's bare name under an Arabic date line
        ("اقتصاد\n\nارتفاع صادرات الحوامض خلال الموسم الحالي\n\nحرر بتاريخ: السبت 4 ماي 2024 - 09:30\nسعاد الحمري\n\n"
            + "سجلت صادرات الحوامض ارتفاعا ملحوظا خلال الموسم الحالي حسب معطيات رسمية.",
         ArticleMetadata(title: "ارتفاع صادرات الحوامض خلال الموسم الحالي",
                         published: "2024-05-04", author: "سعاد الحمري")),
        // a newsroom credit names the publication
        ("Tech\n\nLocal Robotics Firm Opens a Second Factory Near the Port\n\nNorthern Ledger staff\n2023-10-02\n\n"
            + "A local robotics firm has opened a second factory near the port, the company said on Monday.",
         ArticleMetadata(title: "Local Robotics Firm Opens a Second Factory Near the Port",
                         published: "2023-10-02", source: "Northern Ledger")),
        // a newsroom word ends a byline only over a date line
        ("Local News\n\nEditorial Team\n\nThe Library Reopens After a Year of Renovation Works\n\nBy Sara Lind\n"
            + "May 2, 2023\n\nThe library reopened on Tuesday after a year of renovation works in the old town.",
         ArticleMetadata(title: "The Library Reopens After a Year of Renovation Works",
                         published: "2023-05-02", author: "Sara Lind")),
        // "Par la rédaction de" names the publication
        ("Société\n\nLa ville prolonge les horaires de ses bibliothèques municipales\n\n"
            + "Mis en ligne le 14/02/2023 - 11:05\nPar la rédaction de Gazette du Nord\n\n"
            + "Les bibliothèques municipales ouvriront désormais jusqu'à vingt heures en semaine.",
         ArticleMetadata(title: "La ville prolonge les horaires de ses bibliothèques municipales",
                         published: "2023-02-14", source: "Gazette du Nord")),
        // the headline under the byline block
        ("صحة\nالأحد 9 يونيو 2024\n\nوزارة الصحة تطلق برنامجا جديدا لتلقيح الأطفال في القرى\n\n"
            + "أعلنت وزارة الصحة عن إطلاق برنامج جديد لتلقيح الأطفال في المناطق القروية ابتداء من الأسبوع المقبل.",
         ArticleMetadata(title: "وزارة الصحة تطلق برنامجا جديدا لتلقيح الأطفال في القرى", published: "2024-06-09")),
        // two authors
        ("Harbour Dredging Resumes After Winter Storms Delay Works\n\nBy Tom Reilly and Amal Haddad\n"
            + "March 3, 2023\n\nDredging of the harbour resumed on Thursday after storms delayed the works by six weeks.",
         ArticleMetadata(title: "Harbour Dredging Resumes After Winter Storms Delay Works",
                         published: "2023-03-03", author: "Tom Reilly and Amal Haddad")),
        // "Posted on <date> by <author>"
        ("City Council Approves New Cycling Lanes Downtown\n\nPosted on 21/09/2023 by Grace Mwangi\n\n"
            + "The city council approved on Wednesday a plan for new cycling lanes in the downtown area.",
         ArticleMetadata(title: "City Council Approves New Cycling Lanes Downtown",
                         published: "2023-09-21", author: "Grace Mwangi")),
        // author - place above a date line whose parts a bar separates
        ("اقتصاد\n\nارتفاع عدد المسافرين عبر مطار وجدة خلال فصل الصيف\n\nسعيد الإدريسي - وجدة\n"
            + "نشر في: 02/08/2024 - 10:05 | آخر تحديث: 02/08/2024 - 12:40\n\n"
            + "سجل مطار وجدة ارتفاعا في عدد المسافرين خلال شهر يوليوز حسب معطيات رسمية نشرت أمس.",
         ArticleMetadata(title: "ارتفاع عدد المسافرين عبر مطار وجدة خلال فصل الصيف",
                         published: "2024-08-02", author: "سعيد الإدريسي")),
        // "نشر بتاريخ:", and the author's signature under the article
        ("جهات\n\nمجلس الإقليم يصادق على برنامج لتأهيل الطرق القروية\n\nنشر بتاريخ: الثلاثاء 10 شتنبر 2024 - 08:15\n\n"
            + "صادق مجلس الإقليم خلال دورته العادية على برنامج لتأهيل الطرق القروية بكلفة إجمالية مهمة.\n\n"
            + "نبيل العمراني - الحسيمة\n\nشارك: فيسبوك | واتساب",
         ArticleMetadata(title: "مجلس الإقليم يصادق على برنامج لتأهيل الطرق القروية",
                         published: "2024-09-10", author: "نبيل العمراني")),
        // a long byline line with bars
        ("Économie\n\nUn équipementier inaugure une usine de sièges près du port\n\n"
            + "Par Rachid Tazi | Publié le 12/03/2024 à 10h15 | Mis à jour le 13/03/2024 à 08h30\n\n"
            + "Un équipementier a inauguré mardi une usine de sièges automobiles près du port.",
         ArticleMetadata(title: "Un équipementier inaugure une usine de sièges près du port",
                         published: "2024-03-12", author: "Rachid Tazi")),
        // a date line with reading time after a bar, a standfirst under the headline, a signature after a dash
        ("Energy\n\nWind farm developer signs grid deal for coastal project\n\n"
            + "The company says the connection removes the last obstacle before construction can start next spring\n\n"
            + "Tue 4 Jun 2024 • 11:20 WET   |   Reading time: 4 minutes   |   Free article\n\n"
            + "The developer of a coastal wind farm signed a grid connection agreement with the national operator on Monday.\n\n"
            + "— Omar Bennis, Tarfaya\n\nTopics: Wind / Grid",
         ArticleMetadata(title: "Wind farm developer signs grid deal for coastal project",
                         published: "2024-06-04", author: "Omar Bennis")),
        // "Texte :" signature
        ("Patrimoine\n\nLa médina rouvre son ancienne fontaine restaurée\n\nSamedi 6 avril 2024\n\n"
            + "La fontaine restaurée de la médina a rouvert samedi après deux ans de travaux menés par des artisans.\n\n"
            + "Texte : Salma Kabbaj — Photos : Idriss Alami\n\nPartager sur : Facebook / Instagram",
         ArticleMetadata(title: "La médina rouvre son ancienne fontaine restaurée",
                         published: "2024-04-06", author: "Salma Kabbaj")),
        // a signature alone on its line under the article
        ("Santé\n\nUn nouveau service de pédiatrie ouvre à Tiznit\n\nMardi 14 octobre 2025\n\n"
            + "Le nouveau service de pédiatrie de l'hôpital provincial a accueilli ses premiers patients lundi matin.\n\n"
            + "Houda Berrada\n\nPartagez cet article : Facebook - X",
         ArticleMetadata(title: "Un nouveau service de pédiatrie ouvre à Tiznit",
                         published: "2025-10-14", author: "Houda Berrada")),
        // a signature with the place and the date after bars
        ("Tourism\n\nDesert lodges report a record autumn season\n\n"
            + "Lodges near the dunes were fully booked for most of October and November, their owners said on Monday.\n\n"
            + "Leila Amrani | Merzouga | 2 Dec 2025\n\nShare this story",
         ArticleMetadata(title: "Desert lodges report a record autumn season",
                         published: "2025-12-02", author: "Leila Amrani")),
        // after five paragraphs, a signature "place: author" over its date line: not a header byline
        ("قضايا\n\nالمحكمة تدين مسيري شركة للنقل الحضري بتبديد أموال عمومية\n\n"
            + "أدانت غرفة الجنايات المكلفة بجرائم الأموال مسيري شركة للنقل الحضري بالسجن النافذ وإرجاع المبالغ المبددة.\n\n"
            + "وكشف تقرير للمفتشية العامة عن صفقات أبرمت دون احترام المساطر القانونية المعمول بها في هذا المجال.\n\n"
            + "وقال دفاع المتهمين إنه سيستأنف الحكم أمام الغرفة الجنائية الاستئنافية في الأيام المقبلة.\n\n"
            + "وطالبت جمعية لحماية المال العام بتوسيع البحث ليشمل كل المتدخلين في الصفقات المذكورة.\n\n"
            + "ويأتي الحكم بعد أشهر من عزل رئيس المجلس الجماعي بسبب خروقات في مجال التعمير.\n\n"
            + "مكناس: سعاد الوزاني\nالخميس ٣ تموز ٢٠٢٥ - ١٠:٤٠\n\nشارك: فيسبوك | واتساب",
         ArticleMetadata(title: "المحكمة تدين مسيري شركة للنقل الحضري بتبديد أموال عمومية", published: "2025-07-03",
                         author: "سعاد الوزاني")),
        // a correspondent's signature over "publication – date"
        ("Société\n\nLe marché de gros de la ville déménage en périphérie\n\n"
            + "Le marché de gros quittera le centre-ville à la fin de l'année pour un site plus vaste à l'entrée sud.\n\n"
            + "Les commerçants réclament des garanties sur le nombre de carreaux et sur les loyers pratiqués.\n\n"
            + "La commune promet un parking de trois cents places et une navette depuis la gare routière.\n\n"
            + "Nadia Fettah, correspondante à Settat\nChaouia Matin – vendredi 7 mars 2025\n\nRéagir | Imprimer",
         ArticleMetadata(title: "Le marché de gros de la ville déménage en périphérie", published: "2025-03-07",
                         author: "Nadia Fettah")),
        // a byline dated "3 hours ago", and the date line closing the article
        ("Santé\n\nLe centre de dialyse de la ville double sa capacité\n\nPar Karima Ouali | Publié il y a 3 heures\n\n"
            + "Le centre de dialyse accueille désormais quarante patients par jour grâce à dix nouveaux générateurs.\n\n"
            + "Mis à jour le 14/05/2025 à 17:42\n\nPartager : Facebook | X",
         ArticleMetadata(title: "Le centre de dialyse de la ville double sa capacité", published: "2025-05-14",
                         author: "Karima Ouali")),
        // an interviewer's credit over a dateline ("place, date")
        ("Interviews\n\nFishing cooperative head: the quota keeps our boats at sea\n\nInterview by Salma Raji\n"
            + "Tan-Tan, Monday 4 August 2025\n\nThe head of the artisanal fishing cooperative answered our questions on the quay.",
         ArticleMetadata(title: "Fishing cooperative head: the quota keeps our boats at sea", published: "2025-08-04",
                         author: "Salma Raji")),
        // the date, the section, the headline, then the author's credit "name - place" over the article
        ("نبض الجهات\nالأربعاء 5 مارس 2025 - 10:20\nفلاحة\n\nانطلاق موسم جني الورود بقلعة مكونة وسط توقعات بمحصول وفير\n\n"
            + "سعاد أيت بها - قلعة مكونة\n\n"
            + "انطلق موسم جني الورود العطرية بقلعة مكونة وسط توقعات بمحصول يفوق السنة الماضية بكثير حسب الفلاحين.",
         ArticleMetadata(title: "انطلاق موسم جني الورود بقلعة مكونة وسط توقعات بمحصول وفير", published: "2025-03-05",
                         author: "سعاد أيت بها")),
        // the name after "//" on the credit line, and "من <place>" after an attribution's name
        ("كود الجهات\nالسبت 8 مارس 2025 - 13:25\n\nلجنة إقليمية تتفقد تموين الأسواق خلال شهر رمضان بالناظور\n\n"
            + "كود - الناظور // هشام الريفي\n\n"
            + "تفقدت لجنة إقليمية مختلطة صباح اليوم أسواق المدينة للوقوف على وضعية التموين والأسعار قبل حلول شهر رمضان.",
         ArticleMetadata(title: "لجنة إقليمية تتفقد تموين الأسواق خلال شهر رمضان بالناظور", published: "2025-03-08",
                         author: "هشام الريفي")),
        ("جهات\n\nارتفاع حقينة سدود الجهة بعد التساقطات الأخيرة\n\nهسبريس - محمد أوبلا من تارودانت\n"
            + "الأحد 16 مارس 2025 - 11:42\n\nسجلت حقينة السدود بالجهة تحسنا ملحوظا بعد التساقطات المطرية الأخيرة حسب الوكالة.",
         ArticleMetadata(title: "ارتفاع حقينة سدود الجهة بعد التساقطات الأخيرة", published: "2025-03-16", author: "محمد أوبلا",
                         source: "Hespress")),
        // a wire credit line above the date line: "Reporting by X in Y; editing by Z"
        ("Markets\n\nPort operator to list its shares on the Casablanca bourse next year\n\n"
            + "Reporting by Laila Bennani in Tangier; editing by Mark Hollis\nApril 2, 2025 | 10:15 GMT\n\n"
            + "The country's largest port operator plans to list a fifth of its shares on the stock exchange next year.",
         ArticleMetadata(title: "Port operator to list its shares on the Casablanca bourse next year",
                         published: "2025-04-02", author: "Laila Bennani")),
        // "Words: X / Pictures: Y"
        ("Food\n\nA bakery in the old town keeps its wood oven burning\n\nWords: Sofia Alaoui / Pictures: Hamid Raji\n"
            + "8th May 2025\n\nThe bakery has fired its wood oven every morning since 1952, its owner said this week.",
         ArticleMetadata(title: "A bakery in the old town keeps its wood oven burning",
                         published: "2025-05-08", author: "Sofia Alaoui")),
        // a newsroom role names no author
        ("Football\n\nLate goal sends the home side top of the league table\n\nStaff Reporter\nSun 9 Mar 2025 · 21:40\n\n"
            + "A goal in the last minute sent the home side to the top of the league table on Sunday night.",
         ArticleMetadata(title: "Late goal sends the home side top of the league table", published: "2025-03-09")),
        // name | "Le" date, and the newsroom | date
        ("Région\n\nLa route de la corniche rouvre après six mois de travaux\n\nSalma Idrissi | Le 04/02/2025 à 11h20\n\n"
            + "La route de la corniche a rouvert mardi après six mois de travaux de confortement de la falaise.",
         ArticleMetadata(title: "La route de la corniche rouvre après six mois de travaux",
                         published: "2025-02-04", author: "Salma Idrissi")),
        ("Justice\n\nUn ancien élu condamné pour détournement de fonds publics\n\nLa rédaction | jeudi 6 mars 2025 à 09h00\n\n"
            + "Le tribunal a condamné jeudi un ancien élu à trois ans de prison pour détournement de fonds publics.",
         ArticleMetadata(title: "Un ancien élu condamné pour détournement de fonds publics", published: "2025-03-06")),
        // a newsletter's issue line dates the page
        ("La Gazette des Quais\nN° 52 — Lundi 3 mars 2025\n\nPORTS\n\nLe port de pêche agrandit sa halle aux poissons\n\n"
            + "Le port de pêche va agrandir sa halle aux poissons avant l'été, a annoncé lundi l'agence portuaire.",
         ArticleMetadata(title: "Le port de pêche agrandit sa halle aux poissons", published: "2025-03-03")),
        ("Le port de pêche agrandit sa halle aux poissons\nAvec AFP · Mis en ligne le mardi 4 mars 2025 à 10h20\n\n"
            + "Le port de pêche va agrandir sa halle aux poissons avant l'été, a annoncé lundi l'agence portuaire.",
         ArticleMetadata(title: "Le port de pêche agrandit sa halle aux poissons", published: "2025-03-04")),
        // "حرر بواسطة" opens a byline, "في" a date line
        ("فلاحة\n\nانطلاق حملة جني الزيتون بإقليم تاونات\n\nحرر بواسطة: أحمد العلوي\nفي 22 ماي 2025 على الساعة 18:05\n\n"
            + "انطلقت يوم الثلاثاء حملة جني الزيتون بإقليم تاونات وسط توقعات بإنتاج وفير هذا الموسم حسب المصالح الفلاحية.",
         ArticleMetadata(title: "انطلاق حملة جني الزيتون بإقليم تاونات", published: "2025-05-22", author: "أحمد العلوي")),
        // the outlet a statement was given to names the page's own publication
        ("كهربة دواوير إقليم زاكورة بالطاقة الشمسية\n\nأعلنت الوكالة عن إطلاق مشروع لتزويد الدواوير المعزولة بالكهرباء قبل نهاية السنة الجارية.\n\n"
            + "وفي تصريح لجريدة نبض الواحة، عبرت رئيسة الجمعية عن ارتياحها لهذه الخطوة التي طال انتظارها.",
         ArticleMetadata(title: "كهربة دواوير إقليم زاكورة بالطاقة الشمسية", source: "نبض الواحة")),
        ("القطار فائق السرعة يصل إلى مراكش\n\nوقع المكتب الوطني للسكك الحديدية على ثلاث صفقات جديدة لتمديد الخط نحو مراكش.\n\n"
            + "وفي تصريح لموقع برلمان.كوم إن الرهان الحقيقي هو ربط المدن الكبرى، اعتبر الخبير أن المشروع مهم.",
         ArticleMetadata(title: "القطار فائق السرعة يصل إلى مراكش", source: "برلمان.كوم")),
        // name - where it was filed · date
        ("Campus\n\nThe university launches a free master's in applied AI\n\nYoussef Lamrini - Beni Mellal  ·  2025-10-27  ·  4 min read\n\n"
            + "The university will open a new master's programme in applied artificial intelligence in January, with forty seats.",
         ArticleMetadata(title: "The university launches a free master's in applied AI", published: "2025-10-27", author: "Youssef Lamrini")),
        // name | where it was filed | date
        ("Sport\n\nThe renovated stadium welcomes its fans again\n\nSamir Alaoui | Al Hoceima | 22 August 2025, 17:05\n\n"
            + "The renovated stadium will host its first official match on Sunday, after two seasons away from the city.",
         ArticleMetadata(title: "The renovated stadium welcomes its fans again", published: "2025-08-22", author: "Samir Alaoui")),
        // an edition line whose date comes after its number
        ("La Gazette des Quais | Edition N°:7012 Le 25/06/2025\n\nLe port de pêche agrandit sa halle aux poissons\n\n"
            + "Le port de pêche va agrandir sa halle aux poissons avant l'été, a annoncé lundi l'agence portuaire.",
         ArticleMetadata(title: "Le port de pêche agrandit sa halle aux poissons", published: "2025-06-25")),
        // "Rédigé par" opens a byline whose parts bars separate, a view counter among them
        ("Sport\n\nLe club local remporte le derby régional\n\nRédigé par Anas Tazi | Dimanche 23 Février 2025 | Lu 1 842 fois\n\n"
            + "Le club local a remporté samedi le derby régional devant plus de dix mille spectateurs enthousiastes.",
         ArticleMetadata(title: "Le club local remporte le derby régional", published: "2025-02-23", author: "Anas Tazi")),
        // a desk's credit after where it filed from, or alone, names no publication
        ("صيد بحري\n\nافتتاح موسم صيد الأخطبوط الشتوي بالمصايد الجنوبية\n\nالداخلة – هيئة التحرير\nالأربعاء 11 دجنبر 2024\n\n"
            + "أعلنت كتابة الدولة المكلفة بالصيد البحري اليوم عن افتتاح موسم صيد الأخطبوط الشتوي بالمصايد الجنوبية بعد فترة راحة بيولوجية.",
         ArticleMetadata(title: "افتتاح موسم صيد الأخطبوط الشتوي بالمصايد الجنوبية", published: "2024-12-11")),
        ("صيد بحري\n\nافتتاح موسم صيد الأخطبوط الشتوي بالمصايد الجنوبية\n\nهيئة التحرير\nالأربعاء 11 دجنبر 2024\n\n"
            + "أعلنت كتابة الدولة المكلفة بالصيد البحري اليوم عن افتتاح موسم صيد الأخطبوط الشتوي بالمصايد الجنوبية بعد فترة راحة بيولوجية.",
         ArticleMetadata(title: "افتتاح موسم صيد الأخطبوط الشتوي بالمصايد الجنوبية", published: "2024-12-11")),
        // a correspondent's line: the place, a comma, the name
        ("Marchés\n\nLes agrumes marocains gagnent du terrain à Rungis\n\nDe notre correspondante à Paris, Leila Amrani\n"
            + "Jeudi 6 mars 2025\n\nLes agrumes marocains occupent une place croissante sur les étals du marché de Rungis cet hiver.",
         ArticleMetadata(title: "Les agrumes marocains gagnent du terrain à Rungis", published: "2025-03-06", author: "Leila Amrani")),
        ("Migration\n\nSeasonal workers return to the strawberry fields\n\nFrom our correspondent in Madrid, Karim Ouazzani\n"
            + "March 12, 2025\n\nThousands of Moroccan seasonal workers have returned to the strawberry fields of southern Spain.",
         ArticleMetadata(title: "Seasonal workers return to the strawberry fields", published: "2025-03-12", author: "Karim Ouazzani")),
    ]

    @Test(arguments: bylines) func bylineFormats(page: String, expected: ArticleMetadata) {
        let extraction = ExtractTestSupport.extract(page)
        #expect(ArticleMetadata(title: extraction.title, published: extraction.published, author: extraction.author,
                                source: extraction.source) == expected)
    }

    @Test func publisherFromThePageFooterIsTheFallbackSource() {
        let page = "Markets Edge Higher as Oil Prices Stabilise Again\n\nThe index rose by half a point on Friday in thin trading."
        let extraction = ExtractTestSupport.extractor.extract(Article(text: page, metadata: ArticleMetadata(publisher: "Coastal Times")))
        #expect(extraction.source == "Coastal Times")
    }

    /// "© 2025 Harbour Daily Media" under a masthead "HARBOUR DAILY": the publication is the masthead's name.
    @Test func thePublishersCompanyWordGoesWhenTheMastheadOmitsIt() {
        let page = "HARBOUR DAILY\nShips, ports and trade\n\nFerry fares rise again before the summer season\n\n"
            + "Ferry operators raised their fares by a tenth on Monday, weeks before the summer rush."
        let company = ArticleMetadata(publisher: "Harbour Daily Media")
        #expect(ExtractTestSupport.extractor.extract(Article(text: page, metadata: company)).source == "Harbour Daily")
        let other = ArticleMetadata(publisher: "Quayside Media")
        #expect(ExtractTestSupport.extractor.extract(Article(text: page, metadata: other)).source == "Quayside Media")
    }

    /// A masthead the body repeats as an interviewer's label is the source, and the label no entity.
    @Test func aMastheadTheBodyRepeatsIsTheSource() {
        let page = "LES CAHIERS DU PORT\nLe mensuel des gens de mer\n\nEntretien\n\n"
            + "Karim Alaoui : « Le port de pêche doit s'agrandir avant l'été »\n\n"
            + "Le directeur de l'agence portuaire répond à nos questions sur l'agrandissement du port de pêche.\n\n"
            + "Les Cahiers du Port : Pourquoi agrandir le port maintenant ?\n\nKarim Alaoui : Les prises ont doublé en cinq ans."
        let extraction = ExtractTestSupport.extract(page)
        #expect(extraction.source == "Les Cahiers du Port")
        #expect(!extraction.entities.contains { $0.text == "Les Cahiers du Port" })
    }

    @Test func coAuthorsAreTwoPersons() {
        let page = "Harbour Dredging Resumes After Winter Storms Delay Works\n\nBy Tom Reilly and Amal Haddad\n"
            + "March 3, 2023\n\nDredging of the harbour resumed on Thursday after storms delayed the works by six weeks."
        let persons = ExtractTestSupport.texts(.person, in: page)
        #expect(persons.contains("Tom Reilly") && persons.contains("Amal Haddad"), "\(persons)")
    }

    @Test func thePagesOwnPublicationInTheBodyIsAnOrganisation() {
        let page = "Ferry Operator Adds a Night Crossing to the Island\n\nBy Lina Soussi\nJune 5, 2023\n\n"
            + "The ferry operator will add a night crossing in July, its director told Coastal Times on Monday."
        let extraction = ExtractTestSupport.extractor.extract(Article(text: page, metadata: ArticleMetadata(publisher: "Coastal Times")))
        #expect(extraction.entities.contains { $0.type == .org && $0.text == "Coastal Times" })
        #expect(!extraction.entities.contains { $0.type == .person && $0.text.contains("Coastal") })
    }

    @Test func aParagraphIsNoHeadline() {
        let text = "Le marché a progressé de 3% cette année, selon les chiffres publiés hier.\nUn second paragraphe suit."
        #expect(ExtractTestSupport.extract(text).title == nil)
    }

    @Test func markupMetadataWins() {
        let metadata = ArticleMetadata(title: "Titre", published: "2020-01-02", author: "A. B.", source: "Le360")
        let extraction = ExtractTestSupport.extractor.extract(Article(text: "Un texte sur le 3 mars à Rabat.",
                                                                      metadata: metadata))
        #expect(extraction.title == "Titre" && extraction.source == "Le360" && extraction.author == "A. B.")
        #expect(extraction.entities.contains { $0.value == .date("2020-03-03") }, "the year comes from the metadata")
    }

    @Test func languages() {
        #expect(ExtractTestSupport.extract("The company said that the plan is on track for the year.").lang == "en")
        #expect(ExtractTestSupport.extract("قال المدير إن الشركة ستفتح فرعا جديدا في المدينة").lang == "ar")
        #expect(ExtractTestSupport.extract("Casablanca").lang == "und")
    }

    @Test func markupBylineIsReportedWhenTheTextLacksIt() {
        let metadata = ArticleMetadata(published: "2025-03-02", author: "Salma Idrissi, Tarik Benani")
        let text = "Le port de Safi a reçu 40 navires en 2024, a indiqué Tarik Benani."
        let extraction = ExtractTestSupport.extractor.extract(Article(text: text, metadata: metadata))
        let people = extraction.entities.filter { $0.type == .person }
        #expect(people.map(\.text) == ["Salma Idrissi", "Tarik Benani"], "the text's mention is not repeated")
        #expect(people.first?.offsets == [])
        #expect(extraction.entities.contains { $0.type == .date && $0.value == .date("2025-03-02") })
        let newsroom = ArticleMetadata(published: "2025-03", author: "Staff Writers")
        let other = ExtractTestSupport.extractor.extract(Article(text: text, metadata: newsroom))
        #expect(!other.entities.contains { $0.text == "Staff Writers" || $0.value == .date("2025-03") })
    }

    @Test func aCreditLineNamingThePublicationIsNoEntity() {
        let text = "Tiznit : les travaux du souk commencent\n\n"
            + "Le maire a confié à Atlas Sud Hebdo que les travaux commencent lundi à Tiznit.\n\nSource : Atlas Sud Hebdo"
        let extraction = ExtractTestSupport.extractor.extract(Article(text: text, metadata: ArticleMetadata(publisher: "Atlas Sud Hebdo")))
        let org = extraction.entities.first { $0.text == "Atlas Sud Hebdo" }
        #expect(org?.type == .org)
        #expect(org?.count == 1, "the body's mention, not the credit line's")
        #expect(!extraction.entities.contains { $0.text == "Atlas" }, "nor a place read inside the credit")
    }

    @Test func aBylineNamingThePublicationNamesNoAuthor() {
        let page = "صدى الجنوب\n\nافتتاح سوق جديد في تيزنيت\n\nصدى الجنوب | متابعة\nنشر في 12 مارس 2025\n\n"
            + "افتتح عامل الإقليم سوقا جديدا في تيزنيت يضم 300 محل تجاري.\n\nجميع الحقوق محفوظة © صدى الجنوب"
        let extraction = ExtractTestSupport.extractor.extract(Article(text: page, metadata: ArticleMetadata(publisher: "صدى الجنوب")))
        #expect(extraction.source == "صدى الجنوب")
        #expect(extraction.author == nil)
        #expect(!extraction.entities.contains { $0.type == .person })
    }

    @Test func offsetsAreUnicodeScalarOffsets() throws {
        let text = "À Fès, l'œuvre de Mohamed El Ouahdoudi."
        let person = try #require(ExtractTestSupport.extract(text).entities.first { $0.type == .person })
        let scalars = Array(text.unicodeScalars)
        let range = try #require(person.offsets.first)
        #expect(String(String.UnicodeScalarView(scalars[range])) == "Mohamed El Ouahdoudi")
    }

    @Test func writesTheEventFields() throws {
        let extraction = ExtractTestSupport.extract("Le secteur emploie 80.000 salariés à Rabat et dans la région de la capitale.")
        var json = JSONWriter()
        extraction.write(into: &json)
        let line = String(decoding: json.finish(), as: UTF8.self)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Array(object.keys).sorted() == ["author", "entities", "lang", "published", "source", "title"])
        #expect(line.hasPrefix("{\"lang\":\"fr\",\"title\":"))
        #expect(line.contains("{\"type\":\"QUANTITY\",\"text\":\"80.000 salariés\",\"value\":80000,\"unit\":\"salariés\",\"count\":1,\"offsets\":[[19,34]]}"))
        #expect(line.contains("{\"type\":\"LOC\",\"text\":\"Rabat\",\"count\":1,\"canonical\":\"Rabat\",\"offsets\":[[37,42]]}"))
    }
}
