import Testing
@testable import DepecheCore

@Suite struct ArabicOrganisationPhrasesTests {
    private func organisations(_ text: String) -> [String] { ExtractTestSupport.texts(.org, in: text) }

    @Test func aCompanysLegalFormEndsItsNameWithoutTheHead() {
        #expect(organisations("وأعلنت شركة مطاحن درعة ش.م، التابعة للمجموعة، عن استثمار جديد.") == ["مطاحن درعة ش.م"])
        #expect(organisations("وتولت شركة نور للإنتاج السمعي ش.م.م تسجيل الحفل.") == ["نور للإنتاج السمعي ش.م.م"])
    }

    @Test func aSovereignsTitleAndGivenNamesDedicateABody() {
        #expect(organisations("وقعت الاتفاقية مع جامعة السلطان مولاي إسماعيل، لإنجاز دراسة.") == ["جامعة السلطان مولاي إسماعيل"])
        #expect(ExtractTestSupport.texts(.person, in: "وقعت الاتفاقية مع جامعة السلطان مولاي إسماعيل، لإنجاز دراسة.").isEmpty)
    }

    @Test func aLocalBodyEndsWithItsTown() {
        #expect(organisations("وأنجزت المدرسة العليا للتكنولوجيا بآسفي دراسة حول الموضوع.") == ["المدرسة العليا للتكنولوجيا بآسفي"])
        #expect(organisations("وقالت وزارة الصحة بطنجة إن الحملة انطلقت.") == ["وزارة الصحة"])
        #expect(organisations("وحضر ممثلو جامعة محمد الخامس بالرباط اللقاء.") == ["جامعة محمد الخامس"])
    }

    /// After the place a body serves, "و" joins another party; "المغاربة" qualifies the members.
    @Test func thePlaceABodyServesEndsItsPortfolios() {
        #expect(organisations("ووقع الاتفاقية المكتب الجهوي للاستثمار الفلاحي لسوس ماسة والجماعات الترابية المعنية.")
                == ["المكتب الجهوي للاستثمار الفلاحي لسوس ماسة"])
        #expect(organisations("وهو عضو في الجمعية الوطنية للجغرافيين المغاربة منذ سنوات.") == ["الجمعية الوطنية للجغرافيين المغاربة"])
    }

    /// "و" + another head or territory noun opens another body; "و" + a portfolio goes on.
    @Test func anotherBodyAfterAndIsAnotherName() {
        #expect(organisations("ونظم السباق مجلس جهة الشرق وجماعة الناظور بدعم من الشركاء.") == ["مجلس جهة الشرق"])
        #expect(organisations("وحضر ممثلو وزارة الصحة والمكتب الوطني للكهرباء والماء الصالح للشرب اللقاء.")
                == ["وزارة الصحة", "المكتب الوطني للكهرباء والماء الصالح للشرب"])
        #expect(organisations("وأعلنت وزارة التجهيز والماء عن مشروع جديد.") == ["وزارة التجهيز والماء"])
    }

    @Test func headAndGenitiveChain() {
        #expect(organisations("وأعلنت وزارة التجهيز والنقل واللوجستيك عن مشروع جديد.")
                == ["وزارة التجهيز والنقل واللوجستيك"])
        #expect(organisations("ونظمت جمعية أصدقاء البيئة الخضراء ندوة في الموضوع.") == ["جمعية أصدقاء البيئة الخضراء"])
    }

    @Test func scopeAdjectivesAndComplements() {
        #expect(organisations("وأفاد المكتب الوطني للسلامة الطرقية بأن الحوادث تراجعت.")
                == ["المكتب الوطني للسلامة الطرقية"])
        #expect(organisations("وأشادت الجامعة الملكية المغربية للتنس بالنتائج.") == ["الجامعة الملكية المغربية للتنس"])
        #expect(organisations("وصادق المجلس الإقليمي لخنيفرة على الميزانية.") == ["المجلس الإقليمي لخنيفرة"])
        #expect(organisations("وأكدت الهيئة الوطنية لضبط الكهرباء أن الأسعار مستقرة.")
                == ["الهيئة الوطنية لضبط الكهرباء"])
    }

    @Test func elativeAdjectivesAndCoordinatedConstructNouns() {
        #expect(organisations("وطالبت الكونفدرالية الوطنية للتعاونيات الصغرى والمتوسطة بالدعم.")
                == ["الكونفدرالية الوطنية للتعاونيات الصغرى والمتوسطة"])
        #expect(organisations("وأصدرت الجمعية المغربية لمربي ومسوقي الأبقار بلاغا.")
                == ["الجمعية المغربية لمربي ومسوقي الأبقار"])
        #expect(organisations("وقررت العصبة الجهوية لكرة السلة تأجيل الدورة.") == ["العصبة الجهوية لكرة السلة"])
    }

    @Test func theCountryOfANationalBodyButNotAForeignOnesOffice() {
        #expect(organisations("وأطلق المكتب الوطني للسياحة بالمغرب حملة جديدة.") == ["المكتب الوطني للسياحة بالمغرب"])
        #expect(organisations("ومولت الوكالة الألمانية للتعاون بالمغرب المشروع.") == ["الوكالة الألمانية للتعاون"])
        #expect(organisations("ووقع الاتحاد الأوروبي والمملكة المتحدة الاتفاق.") == ["الاتحاد الأوروبي"])
    }

    @Test func aCourtsSeatButNotAUniversitysTown() {
        #expect(organisations("وقضت محكمة الاستئناف بمكناس بتأييد الحكم.") == ["محكمة الاستئناف بمكناس"])
        #expect(organisations("ووقعت جامعة ابن زهر بأكادير اتفاقية شراكة.") == ["جامعة ابن زهر"])
        #expect(organisations("وأصدرت رئاسة النيابة العامة دورية جديدة.") == ["رئاسة النيابة العامة"])
    }

    @Test func dedications() {
        #expect(organisations("وتخرج من معهد الحسن الثاني للعلوم التطبيقية.") == ["معهد الحسن الثاني للعلوم التطبيقية"])
        #expect(organisations("وساهمت مؤسسة للا مريم للتضامن في الحملة.") == ["مؤسسة للا مريم للتضامن"])
    }

    @Test func cliticsBeforeTheHeadAreLeftOut() {
        #expect(organisations("ووجه رسالة لوزارة العدل بخصوص الملف.") == ["وزارة العدل"])
    }

    @Test func aNameReadInsideLilGetsItsArticleBack() {
        let text = "ووجه المستثمرون طلبا للمكتب الوطني للاستشارة الفلاحية بخصوص الدعم."
        #expect(organisations(text) == ["المكتب الوطني للاستشارة الفلاحية"])
    }

    @Test func commonNounsAreNoNames() {
        #expect(organisations("وافتتح المركز الصحي الجديد أبوابه أمام المرضى.").isEmpty)
        #expect(organisations("واجتمع مجلس الإدارة أمس.").isEmpty)
        #expect(organisations("وقدمت الوزارة الوصية توضيحات.").isEmpty)
    }

    @Test func objectsAfterTheNameAreLeftOut() {
        #expect(organisations("وأطلقت وكالة التنمية الاجتماعية البرنامج في المدن.") == ["وكالة التنمية الاجتماعية"])
    }

    @Test func aGazetteerNameLengthenedByItsPortfoliosKeepsItsCanonicalName() {
        let text = "وقالت وزارة الداخلية والجماعات المحلية إن الإحصاء انتهى."
        let org = ExtractTestSupport.extract(text).entities.first { $0.type == .org }
        #expect(org?.text == "وزارة الداخلية والجماعات المحلية")
        #expect(org?.canonical == "Ministère de l'Intérieur")
    }

    @Test func acronymInParentheses() {
        let text = "وأوضحت الوكالة الوطنية للمياه والغابات (ANEF) أن التشجير مستمر."
        let org = ExtractTestSupport.extract(text).entities.first { $0.type == .org }
        #expect(org?.text == "الوكالة الوطنية للمياه والغابات")
        #expect(org?.count == 2)
    }

    @Test func aCouncilOfAKnownTerritory() {
        #expect(organisations("وصادق مجلس جهة الشرق على اتفاقية جديدة.") == ["مجلس جهة الشرق"])
        #expect(organisations("وقرر مجلس مدينة أكادير توسيع الكورنيش.") == ["مجلس مدينة أكادير"])
        #expect(organisations("وزار مجلس الإدارة الموقع.") == [], "a common noun after a weak head is no name")
    }

    @Test func aPluralNisbaAfterTheGenitive() {
        #expect(organisations("وطالبت الجمعية الوطنية لمنتجي الزيتون السوريين بالدعم.")
                == ["الجمعية الوطنية لمنتجي الزيتون السوريين"])
    }

    @Test func aKnownOrganisationAfterAndIsAnotherOne() {
        #expect(organisations("ووزعت مؤسسة محمد الخامس للتضامن والهلال الأحمر المغربي الأغطية.")
                == ["مؤسسة محمد الخامس للتضامن", "الهلال الأحمر المغربي"])
    }

    @Test func anArabicOrganisationsFirstWordsAreTheSameOrganisation() {
        let text = "وصادق المجلس الإقليمي لأزيلال على الميزانية. وكان المجلس الإقليمي قد أجل الدورة."
        let orgs = ExtractTestSupport.extract(text).entities.filter { $0.type == .org }
        #expect(orgs.map(\.text) == ["المجلس الإقليمي لأزيلال"])
        #expect(orgs.first?.count == 2)
    }

    @Test func aNameInConstructThenItsComplement() {
        #expect(organisations("ونظمت جمعية أمودو للتنمية قافلة طبية.") == ["جمعية أمودو للتنمية"])
        #expect(organisations("وفازت شركة نوران للتوزيع بالصفقة.") == ["شركة نوران للتوزيع"])
        #expect(organisations("وطالبوا بإحداث صندوق دائم للتضامن.").isEmpty, "a common head and its adjective")
    }

    @Test func legalFormWordsEndACompanysName() {
        #expect(organisations("وتكلفت شركة ريحان أطلس المحدودة بالتوريد.") == ["ريحان أطلس المحدودة"])
        #expect(organisations("واستحوذت مجموعة الواحة للصناعات القابضة الكويتية على الحصة.")
                == ["مجموعة الواحة للصناعات القابضة"], "a group keeps its head; its nationality is left out")
    }

    @Test func newHeadsCooperativesAndPoliceUnits() {
        #expect(organisations("وأدين رئيس تعاونية الزيتون للسكن بالسجن.") == ["تعاونية الزيتون للسكن"])
        #expect(organisations("وأحيل الملف على الفرقة الجهوية للشرطة القضائية بمكناس.")
                == ["الفرقة الجهوية للشرطة القضائية بمكناس"])
    }

    @Test func anAdjectiveThatGovernsANounAndAVerbalNounsObject() {
        #expect(organisations("وستفتح الكلية متعددة التخصصات بتازة مسالك جديدة.") == ["الكلية متعددة التخصصات بتازة"])
        #expect(organisations("وتشرف الشركة الجهوية متعددة الخدمات سوس ماسة على التوزيع.")
                == ["الشركة الجهوية متعددة الخدمات سوس ماسة"])
        #expect(organisations("ومنحت الجمعية الوطنية للنهوض بالتعليم القروي جوائز للمربيات.")
                == ["الجمعية الوطنية للنهوض بالتعليم القروي"])
    }

    @Test func aVerbalNounInConstructCarriesItsGenitive() {
        #expect(organisations("وقدمت جمعية النور لرعاية أطفال التوحد برنامجا جديدا.") == ["جمعية النور لرعاية أطفال التوحد"])
        #expect(organisations("وساهم المكتب الوطني للكهرباء لتمويل مشاريع الطاقة في القرى.") == ["المكتب الوطني للكهرباء"],
                "after a complement, a clause")
    }
}
