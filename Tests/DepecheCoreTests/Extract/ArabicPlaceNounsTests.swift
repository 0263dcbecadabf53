import Testing
@testable import DepecheCore

@Suite struct ArabicPlaceNounsTests {
    private func places(_ text: String) -> [String] { ExtractTestSupport.texts(.loc, in: text) }

    @Test func unknownNamesAfterAdministrativeNouns() {
        #expect(places("ووصلت القافلة إلى دوار تغزوت صباحا.") == ["تغزوت"])
        #expect(places("وتضم المنطقة جماعة قروية واحدة.").isEmpty)
        #expect(places("وجاء المستوصف إلى قرية ظلت معزولة لسنوات.").isEmpty, "a verb is no name")
    }

    @Test func aTribesPrefixAndItsWord() {
        #expect(places("وفي دوار أولاد زيان انقطع الماء منذ أسبوع.") == ["أولاد زيان"])
        #expect(places("واستفادت جماعة آيت ورير من المشروع.") == ["آيت ورير"])
        #expect(places("ووصل الطبيب إلى دوار إيمي نوكادير مساء.") == ["إيمي نوكادير"])
    }

    @Test func aVillageNameWithTheAmazighGenitive() {
        #expect(places("وتضرر دوار تيزي ن تاست من الثلوج.") == ["تيزي ن تاست"])
        #expect(places("وفي دوار أزيلال ن واسيف انقطعت الطريق.") == ["أزيلال ن واسيف"], "a known place's name goes on")
    }

    @Test func naturalFeaturesAndTheirNames() {
        #expect(places("وتضررت الزراعات في سهل سايس هذا العام.") == ["سهل سايس"])
        #expect(places("وتساقطت الثلوج على جبل توبقال.") == ["جبل توبقال"])
    }

    /// A plural noun ("دواوير", "جماعات", "أحياء", "مثل" allowed after it) before places joined by "و".
    @Test func listsAfterPluralNouns() {
        #expect(places("ويهم المشروع دواوير مثل أيت عيسى وتانسيخت، التي ظلت بلا كهرباء.") == ["أيت عيسى", "تانسيخت"])
        #expect(places("واضطر الفلاحون بجماعات أولاد برحيل وأولاد تايمة إلى اقتلاع الأشجار.") == ["أولاد برحيل", "أولاد تايمة"])
        #expect(places("وتستفيد منه جماعات تازارين وتاكونيت هذا العام.") == ["تازارين", "تاكونيت"])
        #expect(places("وتضررت الحقول خاصة بجماعتي تازناخت وأمسمرير هذا الموسم.") == ["تازناخت", "أمسمرير"], "two communes")
        #expect(places("وما زالت دواوير تنتظر الربط بالشبكة.").isEmpty, "one unknown word alone is a verb")
        #expect(places("وتضم الجماعات القروية للإقليم دواوير معزولة وجماعات قروية فقيرة.").isEmpty, "adjectives are no list")
    }

    @Test func placesInsideCompetitionNamesAreNoPlaces() {
        #expect(places("واستعد الفريق لنهائيات كأس أمم إفريقيا.").isEmpty)
    }
}
