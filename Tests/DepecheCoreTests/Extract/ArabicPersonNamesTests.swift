import Testing
@testable import DepecheCore

@Suite struct ArabicPersonNamesTests {
    private func people(_ text: String) -> [String] { ExtractTestSupport.texts(.person, in: text) }

    @Test func givenNameThenFamilyName() {
        #expect(people("وأكد كريم التازي، رئيس التعاونية، أن الموسم جيد.") == ["كريم التازي"])
        #expect(people("التقى الصحفي بسلوى حجاجي في المعرض.") == ["سلوى حجاجي"])
    }

    /// "عن عمر ناهز" (at the age of) names no Omar; "لجان اليقظة" (vigilance committees) no Jean.
    @Test func wordsThatLookLikeGivenNames() {
        #expect(people("توفي الفنان عن عمر ناهز 87 عاما بالدار البيضاء.").isEmpty)
        #expect(people("وتم تفعيل لجان اليقظة في الأقاليم المعنية.").isEmpty)
        #expect(people("وقال جان بلانشار إن الاتفاق مهم.") == ["جان بلانشار"])
    }

    /// A nationality standing for a person (after a preposition, or after a name and "و"), then
    /// a foreign name; not a nationality qualifying a noun, nor a nisba noun ("المديرية").
    @Test func aForeignNameAfterANationalityStandingForThePerson() {
        #expect(people("وفازت العداءة بعد منافسة قوية مع الكينية روث جيبكوسغي، التي قادت السباق.") == ["روث جيبكوسغي"])
        #expect(people("متقدما على مواطنه جوزيف كامار والإثيوبي تاديسي بيكيلي، في حين حل آخرون.").contains("تاديسي بيكيلي"))
        #expect(people("وشارك في الحفل الفنان المالي أمادو تراوري رفقة فرقته.") == ["أمادو تراوري"], "رفقة ends a name")
        #expect(people("ووقعت الجامعة اتفاقية مع المديرية لتتبع أثر هذه المدارس.").isEmpty)
        #expect(people("وأكدت الشركات الإسبانية والفرنسية تضمن زيادة عامة في الأجور.").isEmpty)
    }

    @Test func compoundGivenNamesAndNisbaNames() {
        #expect(people("صرح عبد الواحد الفاسي الفهري بأن المشروع سينطلق.") == ["عبد الواحد الفاسي الفهري"])
        #expect(people("وحضرت فاطمة الزهراء القادري اللقاء.") == ["فاطمة الزهراء القادري"])
        #expect(people("واستقبل نور الدين بوطيب الوفد.") == ["نور الدين بوطيب"])
    }

    @Test func nasabAndKunyaParticles() {
        #expect(people("قدم أحمد بن عبد الله عرضا مفصلا.") == ["أحمد بن عبد الله"])
        #expect(people("وتحدث سيدي محمد ولد الطالب عن البرنامج.") == ["سيدي محمد ولد الطالب"])
        #expect(people("وقدمت فاطمة منت محمد عرضا عن الصيد.") == ["فاطمة منت محمد"])
        #expect(people("وأشرف يوسف أبو الوفاء على الحفل.") == ["يوسف أبو الوفاء"])
        #expect(people("وقالت زينب آيت حمو إن القرية تنتظر.") == ["زينب آيت حمو"])
    }

    @Test func aTownsNameBeforeACommaIsAFamilyName() {
        #expect(people("أما سعيد بركان، المستشار عن الحزب، فصوت ضد المشروع.") == ["سعيد بركان"])
    }

    @Test func aSecondFamilyWordWhereTheNameEnds() {
        #expect(people("ويشرف على المفاوضات بيدرو لويس مارتينيث، وهو وسيط.") == ["بيدرو لويس مارتينيث"])
        #expect(people("وقالت خديجة بنت أحمد سالم إن الموسم جيد.") == ["خديجة بنت أحمد سالم"])
        #expect(people("وصل كريم بنعلي وسعيد قاسم إلى القاعة.").contains("كريم بنعلي وسعيد") == false)
    }

    @Test func aKunyaOpensAName() {
        #expect(people("وسجل أبو بكر الحمداوي هدف التعادل.") == ["أبو بكر الحمداوي"])
        #expect(people("وأكد الدكتور أبو الفضل السباعي أن المختبر جاهز.") == ["أبو الفضل السباعي"])
        #expect(ExtractTestSupport.texts(.loc, in: "وحل الوفد في أبو ظبي الأسبوع الماضي.") == ["أبو ظبي"])
    }

    @Test func aFamilyNameAfterTheFathersNameOrAfterIbn() {
        #expect(people("وأوضح المدير، سعيد رشيد الكرماني، أن الخط جاهز.") == ["سعيد رشيد الكرماني"])
        #expect(people("واعتبرت سناء ابن الشيخ أن الإصلاح ضروري.") == ["سناء ابن الشيخ"])
    }

    @Test func aLongParticleEndingTheNameAndADoubleBarrelledFamilyName() {
        #expect(people("يقف الحاج مصطفى أوعلي أمام الحقل.") == ["مصطفى أوعلي"])
        #expect(people("وقال كريستوف مارتان-لوران إن الطلب قوي.") == ["كريستوف مارتان-لوران"])
    }

    @Test func titlesAreLeftOut() {
        #expect(people("وأوضح الدكتور حمادي لمرابط أن العلاج متوفر.") == ["حمادي لمرابط"])
        #expect(people("واستقبل السيد بنكيران الوفد.") == ["بنكيران"])
        #expect(people("وتقدر الحاجة بـ 40 سريرا إضافيا.").isEmpty, "a proclitic written apart is no name")
    }

    @Test func namesStopAtRolesVerbsAndFunctionWords() {
        #expect(people("وقال إدريس الأزمي وزير سابق إن الأمر محسوم.") == ["إدريس الأزمي"])
        #expect(people("ويرى هشام في هذا القرار خطوة مهمة.").isEmpty)
        #expect(people("ذهب يوسف إلى السوق.").isEmpty)
    }

    @Test func placesNamedAfterPeopleAndPhotoCreditsAreNoPeople() {
        #expect(people("وأقيمت المباراة في ملعب عبد الكريم الخطابي بالحسيمة.").isEmpty)
        #expect(people("تصوير: كريم الطاهري\nوانطلقت الأشغال أمس.").isEmpty)
        let port = ExtractTestSupport.extract("ورست الباخرة في ميناء طنجة المتوسط صباحا.")
        #expect(!port.entities.contains { $0.type == .org }, "a port named after its authority")
    }

    @Test func aGivenNameAloneIsNoPerson() {
        #expect(people("سمي الحي باسم محمد فقط.").isEmpty)
    }

    @Test func familyNameAloneAfterTheFullName() {
        let text = "وأكد منير الكتاني أن الإنتاج ارتفع. وأضاف الكتاني أن التصدير سيبدأ قريبا."
        let entities = ExtractTestSupport.extract(text).entities.filter { $0.type == .person }
        #expect(entities.map(\.text) == ["منير الكتاني"])
        #expect(entities.first?.count == 2)
    }

    @Test func anyNameAfterARoleAndANationality() {
        #expect(people("وسجل المهاجم النيجيري تشيدي أوكافور-إيزي الهدف الثاني.") == ["تشيدي أوكافور-إيزي"])
        #expect(people("وقال المدرب الإسباني خوان مارتين لوبيث في الندوة إن الفريق تحسن.") == ["خوان مارتين لوبيث"])
        #expect(people("ووصلت الشحنة عن طريق المهندس الهولندي ماركو فيسر، الذي أشرف على التركيب.") == ["ماركو فيسر"])
    }

    @Test func aTitleAfterAParticleAndTheGivenNameAfterIt() {
        #expect(people("وتصدى الحارس يونس أيت الحاج عمر للكرة.") == ["يونس أيت الحاج عمر"])
    }

    @Test func aPlaceAfterAProclitcAndAGivenNameThatFoldsLikeAPrepositionEndNames() {
        #expect(people("وجاء الطبيب من مستشفى سانت جيمس بدبلن للمشاركة.").isEmpty)
        #expect(people("وقال أحمد بن علي إن الأشغال انتهت، وعلق على ذلك أحمد بن علي مجددا.") == ["أحمد بن علي"])
        #expect(people("وأدانت المحكمة أمين المال السابق.").isEmpty, "a role")
    }
}

