import Testing
@testable import DepecheCore

@Suite struct ArabicOrganisationAppositionsTests {
    private func organisations(_ text: String) -> [String] { ExtractTestSupport.texts(.org, in: text) }

    @Test func quotedNameAfterACompanyNoun() {
        #expect(organisations("ووقعت الحكومة عقدا مع الشركة الألمانية \"فيرتكس\" لبناء المحطة.") == ["فيرتكس"])
        #expect(organisations("وأشارت صحيفة «الأفق الجديد» إلى تأخر الأشغال.") == ["الأفق الجديد"])
        #expect(organisations("ووزعت منظمة \"أطباء من أجل الجبل\" الأدوية على السكان.") == ["أطباء من أجل الجبل"])
        #expect(organisations("وستبني الشركة الكورية \"هانسول كيميكال المغرب ش.م.م\" مصنعا جديدا.")
                == ["هانسول كيميكال المغرب ش.م.م"])
    }

    @Test func publicationsQuotedInThePresssIdioms() {
        #expect(organisations("وأكدت المديرية، في بلاغ توصلت به \"نبض الجهة\"، أن الطريق مفتوحة.") == ["نبض الجهة"])
        #expect(organisations("وقال الفلاح في تصريح لـ«صدى الريف» إن الموسم جيد.") == ["صدى الريف"])
    }

    @Test func clubAfterPlayer() {
        #expect(organisations("وعاد المهاجم، لاعب النجم الساحلي، إلى التداريب.") == ["النجم الساحلي"])
        #expect(organisations("وانضم لاعب في صفوف الفريق إلى المعسكر.").isEmpty)
    }

    @Test func aClubsCountryAfterItsNameAndAClubNamedClub() {
        let text = "وجاء المدافع من نادي هارتس أوك بغانا."
        #expect(organisations(text) == ["هارتس أوك"])
        #expect(ExtractTestSupport.texts(.loc, in: text) == ["غانا"])
        #expect(organisations("وانتقل إلى مازيمبي كلوب مقابل مبلغ كبير.") == ["مازيمبي كلوب"])
    }

    @Test func aForeignCompanysTransliteratedNameAfterACompanyNoun() {
        #expect(organisations("وفازت شركة زينترا ويف سيستمز المحدودة بالصفقة.") == ["زينترا ويف سيستمز المحدودة"])
        #expect(organisations("ووقع العقد مع شركة برايتون فولت البريطانية أمس.") == ["برايتون فولت"])
        #expect(organisations("وتستغل الخط الشركة الإيطالية موبيلاين، منذ سنتين.") == ["موبيلاين"])
        #expect(organisations("وتوصل بطلبية من شركة كوستا فيردي إس.إل للتصدير.") == ["كوستا فيردي إس.إل"])
        #expect(organisations("وأسس شركة ناشئة صغيرة قبل عامين.").isEmpty, "Arabic feminine words are no name")
    }
}

