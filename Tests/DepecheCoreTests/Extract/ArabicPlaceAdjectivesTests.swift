import Testing
@testable import DepecheCore

@Suite struct ArabicPlaceAdjectivesTests {
    private func places(_ text: String) -> [String] { ExtractTestSupport.texts(.loc, in: text) }

    @Test func placeNamesThatAgreeWithTheNounBeforeThemAreAdjectives() {
        #expect(places("ورصدت الجماعة دعم مالي لفائدة التعاونيات.").isEmpty)
        #expect(places("وافتتحت الثانوية الجديدة أبوابها هذا الموسم.").isEmpty)
    }

    @Test func placeNamesAfterPrepositionsAndPlaceNounsStayPlaces() {
        #expect(places("ووصلت شحنة من مالي إلى الميناء.") == ["مالي"])
        #expect(places("وستقام التظاهرة بمدينة وجدة الأسبوع المقبل.") == ["وجدة"])
        #expect(places("وزار الوفد إقليم الجديدة.") == ["الجديدة"])
    }

    @Test func foreignPlacesInYehAfterAnIndefiniteWordStayPlaces() {
        #expect(places("وقال الخبير إن تجربة دبي في تحلية المياه ناجحة.") == ["دبي"])
        #expect(places("وزار الرئيس نيروبي الأسبوع الماضي.") == ["نيروبي"])
    }
}
