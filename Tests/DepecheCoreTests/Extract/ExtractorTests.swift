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

    @Test func bylinePublicationWithSmallWords() {
        let page = "Bourita et Albares réaffirment leur partenariat\n\nPublié dans Aujourd'hui le Maroc le 14 - 03 - 2024\n\n"
            + "Le ministre a reçu son homologue à Rabat."
        let extraction = ExtractTestSupport.extract(page)
        #expect(extraction.source == "Aujourd'hui le Maroc")
        #expect(extraction.published == "2024-03-14")
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
