import Testing
@testable import DepecheCore

@Suite struct DateRecognizerTests {
    private func dates(_ text: String, english: Bool = false, year: Int? = nil) -> [String] {
        let tokenized = TokenizedText(text)
        return DateRecognizer(text: tokenized, english: english).dates(in: 0..<tokenized.tokens.count)
            .map { $0.iso(defaultYear: year) }
    }

    /// A date without a year takes the publication's; nine months or more before the
    /// publication's month, the coming year's; nine months or more after it, the past year's.
    @Test func yearlessDatesTakeThePublicationsYear() {
        let year = { (text: String, month: Int?) in
            let tokenized = TokenizedText(text)
            return DateRecognizer(text: tokenized, english: true).dates(in: 0..<tokenized.tokens.count)
                .map { $0.iso(reference: (year: 2025, month: month)) }
        }
        #expect(year("The first ship is due on 15 January.", 12) == ["2026-01-15"])
        #expect(year("The first ship arrived on 15 January.", 7) == ["2025-01-15"])
        #expect(year("Works end on 30 November.", 3) == ["2025-11-30"])
        #expect(year("Exports slipped after the hail of 23 November.", 2) == ["2024-11-23"])
        #expect(year("Exports slipped after the hail of 23 October.", 2) == ["2025-10-23"])
        #expect(year("Works end on 15 January.", nil) == ["2025-01-15"])
        #expect(year("Works ended on 3 March 2024.", 12) == ["2024-03-03"])
    }

    /// "June 25 to 28, 2026": two dates, the first with the second's year; a day list reads alike.
    @Test func anEnglishRangeOfDaysInOneMonth() {
        #expect(dates("The festival runs from June 25 to 28, 2026 in the old town.", english: true) == ["2026-06-25", "2026-06-28"])
        #expect(dates("Talks are set for March 3-5, 2025.", english: true) == ["2025-03-03", "2025-03-05"])
        #expect(dates("It opened on June 25, 2026 to visitors.", english: true) == ["2026-06-25"])
    }

    @Test func numericDates() {
        #expect(dates("Publié dans La Vie éco le 02 - 05 - 2019") == ["2019-05-02"])
        #expect(dates("le 18/01/2011 à Agadir") == ["2011-01-18"])
        #expect(dates("updated 2024-02-07") == ["2024-02-07"])
        #expect(dates("نشر يوم 2023/11/09") == ["2023-11-09"], "year first with slashes")
        #expect(dates("on 02/25/2024", english: true) == ["2024-02-25"])
    }

    @Test func writtenDates() {
        #expect(dates("Rédigé par X Mercredi 7 Février 2024") == ["2024-02-07"])
        #expect(dates("le 1er mars 2020") == ["2020-03-01"])
        #expect(dates("en février 2024") == ["2024-02"])
        #expect(dates("on February 7, 2024", english: true) == ["2024-02-07"])
        #expect(dates("في 7 فبراير 2024") == ["2024-02-07"])
        #expect(dates("في ٧ فبراير ٢٠٢٤") == ["2024-02-07"])
    }

    @Test func levantineMonthsInTwoWordsAndAGlossedMonth() {
        #expect(dates("أطلق طلب العروض في تشرين الأول ٢٠٢٣ ثم في كانون الثاني 2024.") == ["2023-10", "2024-01"])
        #expect(dates("الاثنين ٣ آذار (مارس) ٢٠٢٥ - ١١:٢٠") == ["2025-03-03"])
        #expect(dates("في تشرين 2023").isEmpty)
    }

    @Test func fatihIsTheFirstOfTheMonth() {
        #expect(dates("ابتداء من فاتح يناير 2027 ستصبح المنصة إلزامية.") == ["2027-01-01"])
    }

    @Test func theFirstEndOfARangeTakesTheYearOfTheSecond() {
        #expect(dates("entre le 15 juin et le 15 septembre 2023", year: 2024) == ["2023-06-15", "2023-09-15"])
        #expect(dates("du 28 décembre au 3 janvier 2025", year: 2024) == ["2024-12-28", "2025-01-03"])
        #expect(dates("le 15 juin. Puis le 15 septembre 2023", year: 2024) == ["2024-06-15", "2023-09-15"])
    }

    @Test func aSentencePeriodAfterAMonthIsNotPartOfTheDate() throws {
        let text = TokenizedText("annoncé lundi 25 mars. Le 3 fév. 2024 aussi.")
        let found = DateRecognizer(text: text, english: false).dates(in: 0..<text.tokens.count)
        #expect(found.count == 2)
        #expect(text.string(tokens: found[0].first, found[0].last) == "lundi 25 mars")
        #expect(text.string(tokens: found[1].first, found[1].last) == "3 fév. 2024")
    }

    @Test func dayListsAreOneDateEach() {
        #expect(dates("les 26 et 27 avril prochain", year: 2024) == ["2024-04-26", "2024-04-27"])
        #expect(dates("du 3 au 5 mai 2020") == ["2020-05-03", "2020-05-05"])
        #expect(dates("يومي ٢١ و٢٥ مارس الجاري", year: 2025) == ["2025-03-21", "2025-03-25"])
    }

    @Test func missingYearIsInferredOrLeftOut() {
        #expect(dates("le 23 avril", year: 2020) == ["2020-04-23"])
        #expect(dates("le 23 avril") == ["--04-23"])
    }

    @Test func notDates() {
        #expect(dates("en 2018 et 2019").isEmpty)
        #expect(dates("le 31 février 2024").isEmpty)
        #expect(dates("2 à 3 mois").isEmpty)
        #expect(dates("it may 5 times", english: true).isEmpty)
    }
}
