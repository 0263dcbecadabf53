/// Arabic words that tell names apart: organisation heads and the adjectives of their names,
/// name particles, titles, and the function words, roles and verbs that end a name.
/// Words are compared folded (hamza forms, teh marbuta, alef maqsura alike), without proclitics.
enum ArabicNameWords {
    /// Nouns that head an organisation's name, indefinite (in construct: "وزارة الداخلية") and
    /// definite ("المكتب الوطني للكهرباء"), that need no more than a genitive to be a name.
    static let heads = WordSet("""
        وزارة الوزارة وكالة الوكالة جمعية الجمعية جامعة الجامعة حزب الحزب مندوبية المندوبية غرفة الغرفة
        كلية الكلية معهد المعهد مديرية المديرية نقابة النقابة منظمة المنظمة كونفدرالية الكونفدرالية
        فدرالية الفدرالية فيدرالية الفيدرالية مرصد المرصد بنك البنك مجلس المجلس مؤسسة المؤسسة
        مكتب المكتب شركة الشركة مجموعة المجموعة صندوق الصندوق هيئة الهيئة اتحاد الاتحاد مركز المركز
        المدرسة مدرسة محكمة المحكمة اللجنة لجنة الأكاديمية أكاديمية العصبة عصبة رئاسة
        تعاونية التعاونية فرقة الفرقة
        """)

    /// Heads that are also common nouns ("مكتب الدراسات", "مركز المدينة", "مجلس الإدارة"): their
    /// name needs a scope adjective, a complement or a named genitive.
    static let weakHeads = WordSet("""
        مكتب المكتب شركة الشركة مجموعة المجموعة صندوق الصندوق هيئة الهيئة اتحاد الاتحاد مركز المركز
        المدرسة مدرسة محكمة المحكمة اللجنة لجنة مجلس المجلس مؤسسة المؤسسة بنك البنك الأكاديمية أكاديمية
        المرصد مرصد رئاسة فرقة الفرقة
        """)

    /// Weak heads that name a company: the indefinite word after them is its name ("شركة أطلس للتأمين").
    static let companies = WordSet("شركة مجموعة مقاولة")

    /// Company heads that are part of the name before its legal form ("مجموعة أطلس زيتون القابضة").
    static let namedWithHead = WordSet("مجموعة")

    /// Indefinite adjectives that govern a definite noun in a body's name ("الكلية متعددة
    /// التخصصات", "المجموعة ذات النفع الاقتصادي").
    static let compoundAdjectives = WordSet("متعدد متعددة ذات ذو")

    /// Verbal nouns after "لل" whose object ("ب" + a definite noun) belongs to the name ("مؤسسة …
    /// للنهوض بالأعمال الاجتماعية").
    static let governingBi = WordSet("النهوض الارتقاء العناية التعريف الاهتمام التكفل")

    /// Adjectives that make a phrase an institution's name ("الوطني", "السامية", "الجهوية").
    static let scopeAdjectives = WordSet("""
        الوطني الوطنية المغربي المغربية الجهوي الجهوية الدولي الدولية الإقليمي الإقليمية 
        الملكي الملكية السامي السامية العليا الأعلى الأوروبي الأوروبية الإفريقي الإفريقية الأفريقي الأفريقية
        العربي العربية الشريف المغاربي المغاربية العالمي العالمية الخليجي الخليجية الأممي الأممية المتحدة
        العام العامة
        """)

    /// Nouns of territories whose known place names a council or an office ("مجلس جهة الشرق",
    /// "مجلس مدينة طنجة").
    static let territories = WordSet("جهة مدينة إقليم عمالة جماعة بلدية")

    /// Courts, whose name ends with their seat ("محكمة الاستئناف بفاس").
    static let courts = WordSet("محكمة المحكمة")

    /// Heads of national bodies: "ب" + a town after their name is where they act ("وزارة … بتاونات").
    static let nationalHeads = WordSet("وزارة الوزارة حزب الحزب")

    /// Adjectives of the country's own bodies: "ب" + a town after their name is where they act
    /// ("الجمعية المغربية لصناعة وتجارة السيارات بجهة الرباط").
    static let countryAdjectives = WordSet("المغربي المغربية")

    /// The country whose bodies' names may end with it ("… بالمغرب").
    static let country = WordSet("المغرب")

    /// "بقلم" (by), before a byline's name ("بقلم: سعاد الشرقاوي").
    static let by = WordSet("بقلم")

    /// Nationalities, masculine ("الكيني") and feminine ("الكينية"): one standing alone after a
    /// preposition or a name stands for a person, whose name follows ("مع الكينية روث …").
    static let nationalities = WordSet(nationalityStems.split(separator: " ").flatMap { ["\($0)", "\($0)ة"] }.joined(separator: " "))
    private static let nationalityStems = """
        المغربي الجزائري التونسي الليبي المصري الموريتاني السنغالي المالي النيجيري النيجري الكيني الإثيوبي الأوغندي
        التنزاني الإريتري الغاني الإيفواري الكاميروني الكونغولي الغابوني البوركينابي التشادي السوداني الصومالي الرواندي
        الفرنسي الإسباني البرتغالي الإيطالي الألماني البلجيكي الهولندي السويسري النمساوي البريطاني الإنجليزي الإيرلندي
        السويدي النرويجي الدنماركي الفنلندي البولندي الروسي الأوكراني الروماني اليوناني التركي الصربي الكرواتي المجري
        الأمريكي الأميركي الكندي المكسيكي البرازيلي الأرجنتيني الكولومبي التشيلي الكوبي الصيني الياباني الكوري الهندي
        الباكستاني الإيراني العراقي السوري اللبناني الأردني الفلسطيني السعودي الإماراتي القطري الكويتي البحريني العماني
        اليمني الأسترالي الإندونيسي الماليزي
        """

    /// Adjectives of foreign and international bodies: "ب" + a place after them is where their
    /// office is ("الوكالة الفرنسية للتنمية بالمغرب"), not part of their name.
    static let foreignAdjectives = WordSet("""
        الفرنسية الفرنسي الألمانية الألماني الإسبانية الإسباني الأمريكية الأمريكي الأميركية الأميركي
        البريطانية البريطاني الإيطالية الإيطالي اليابانية الياباني الصينية الصيني الكورية الكوري الأوروبية
        الأوروبي البلجيكية البلجيكي الهولندية الهولندي الكندية الكندي السويسرية السويسري التركية التركي
        الإماراتية الإماراتي السعودية السعودي القطرية القطري الكويتية الكويتي الدولية الدولي العالمية العالمي
        """)

    /// Definite adjectives of institutions' names that are not nisba forms in "ي"/"ية".
    static let adjectives = WordSet("""
        الكبير الكبرى الأعلى العليا العام العامة المتحدة المستدامة الصالح الحمراء الأصفر الخضراء البيضاء
        المندمجة المستقلة المشتركة المتخصصة الجنوبية الشمالية الأطلسية المتوسطية الاجتماعية
        الصغرى الصغيرة الصغيرات الكبيرة المتوسطة المتوسطات الوسطى السيارة المحترفة الموحدة
        القابضة المحدودة المغاربة
        """)

    /// Definite words that end a name though they look like its adjectives: time, relatives, ordinals
    /// that are not part of a dedication.
    static let definiteBreakers = WordSet("""
        اليوم أمس الماضي الماضية المقبل المقبلة الحالي الحالية الجاري الجارية الأخير الأخيرة الأخيرين
        الذي التي الذين اللذين اللتين اللواتي السيد السيدة الأسبوع الشهر العام السنة الماضيين الحاليين
        الرسمي الرسمية الأولي الأولية النهائي النهائية الفعلي الفعلية المال
        """)

    /// A sovereign's or a royal family's titles before the given names of an institution's
    /// dedication ("جامعة السلطان مولاي سليمان", "مؤسسة للا مريم").
    static let royalTitles = WordSet("السلطان الملك للا لالة الأمير الأميرة")

    /// Ordinals after a given name in a dedication ("معهد الحسن الثاني", "جامعة محمد الخامس").
    static let ordinals = WordSet("الأول الثاني الثالث الرابع الخامس السادس السابع")

    /// Particles that join the parts of a person's name ("بن", "ولد", "منت", "أبو", "أم", "آيت").
    static let particles = WordSet("بن ابن بنت ولد منت أبو أبي أم آيت أيت اوعلي")

    /// Kunya particles: with the word after them, a given name ("أبو بكر", "أبو القاسم").
    static let kunyas = WordSet("أبو أبي")

    /// Courtesy and honorific titles before a name ("السيد", "الدكتور", "الحاج"), not part of it.
    static let titles = WordSet("""
        السيد السيدة الدكتور الدكتورة الأستاذ الأستاذة الحاج الحاجة المهندس المهندسة الشيخ الأمير الأميرة
        """)

    /// Roles that, with a nationality after them, introduce a person's name of any origin
    /// ("المدرب البرتغالي X Y").
    static let roles = WordSet("""
        المدرب المهاجم المدافع الحارس اللاعب اللاعبة المهندس المهندسة الطبيب الطبيبة الخبير الخبيرة
        الباحث الباحثة المخرج المخرجة الكاتب الكاتبة الروائي الروائية الفنان الفنانة السائح السائحة
        الرئيس الرئيسة الوزير الوزيرة السفير السفيرة
        """)

    /// Words that cannot be part of a person's name: prepositions, conjunctions, pronouns,
    /// roles, common speech verbs and "كان" and its sisters (a name ends before them).
    static let nameBreakers = WordSet("""
        في من إلى عن مع منذ حتى لدى عند بعد قبل خلال حول ضد دون بين أمام وراء نحو عبر تحت فوق رفقة برفقة بمعية
        و أو ثم أن إن أنه أنها لكن كما قد لقد لم لن لا ما هل إذ إذا حيث بل غير كل بعض جميع عدة
        هذا هذه ذلك تلك هو هي هم هن نحن أنا الذي التي الذين عام سنة يوم شهر فقط أيضا كذلك جدا هنا هناك أمس
        وزير وزيرة رئيس رئيسة مدير مديرة نائب نائبة عضو عضوة مستشار مستشارة والي عامل كاتب كاتبة سفير
        سفيرة مدرب لاعب ناطق رئيسا وزيرا مديرا الكاتب الرئيس المدير الوزير الوزيرة الأمين
        قال قالت أكد أكدت أوضح أوضحت أضاف أضافت أشار أشارت صرح صرحت اعتبر اعتبرت شدد شددت أفاد أفادت
        كشف كشفت دعا دعت أعلن أعلنت يرى ترى يقول تقول أبرز أبرزت سجل سجلت
        كان كانت كانوا ظل ظلت ظلوا أصبح أصبحت باتت صارت ناهز يناهز تناهز
        """)

    /// Words whose first letter is no proclitic, though a given name follows it: "لجان"
    /// (committees) is not "ل" + "جان".
    static let noProclitic = WordSet("لجان")

    /// Prepositions written with a final alef maqsura that fold like given names ("على", "علي").
    static let maqsuraPrepositions = WordSet("على")

    /// Places named after a person ("ملعب", "سد", "شارع", "جائزة"): the name after them is no
    /// entity of its own.
    static let facilities = WordSet("""
        سد ملعب مركب شارع مطار ساحة حي مسجد قاعة مستشفى زنقة طريق قنطرة جسر ميناء ثانوية إعدادية جائزة
        كأس مهرجان دورة مدار محطة
        """)

    /// Photo credits: the name after them ("تصوير: X") is the photographer, outside the article.
    static let credits = WordSet("تصوير عدسة")
}
