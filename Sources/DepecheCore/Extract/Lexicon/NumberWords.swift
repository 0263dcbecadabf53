/// A currency as written: its ISO 4217 code and the scale the word itself carries
/// ("MDH" is millions of dirhams).
struct CurrencyWord: Sendable {
    /// ISO 4217 code.
    let code: String
    /// What the amount is multiplied by (1 for a plain currency name).
    let multiplier: Double
}

/// Words around numbers: scales, currencies, percent signs, units and what is not a unit.
enum NumberWords {
    /// Scale words after a number ("1,2 milliard", "$3bn", "5 Mds").
    static let scales = WordTable<Double>([
        ("mille", 1e3), ("k", 1e3), ("million", 1e6), ("millions", 1e6), ("mn", 1e6), ("m", 1e6), ("mio", 1e6),
        ("milliard", 1e9), ("milliards", 1e9), ("md", 1e9), ("mds", 1e9), ("mrd", 1e9), ("mrds", 1e9),
        ("bn", 1e9), ("billion", 1e9), ("billions", 1e9), ("trillion", 1e12), ("trillions", 1e12),
        ("thousand", 1e3), ("ألف", 1e3), ("ألفا", 1e3), ("آلاف", 1e3), ("مليون", 1e6), ("ملايين", 1e6), ("مليار", 1e9),
        ("مليارات", 1e9), ("ملايير", 1e9),
    ])

    /// "billion" is 10¹² in French, 10⁹ in English.
    static let frenchBillion = WordSet("billion billions")

    /// Scale words that need the currency right after them ("5 M€", "10 M de DH"), else
    /// they are units or initials ("5 m", "3 M").
    static let shortScales = WordSet("k m mn md mds mrd mrds bn mio")

    /// Currencies written after the amount.
    static let currenciesAfter = PhraseTable<CurrencyWord>(currencyNames + [
        ("MDH", CurrencyWord(code: "MAD", multiplier: 1e6)), ("MDHS", CurrencyWord(code: "MAD", multiplier: 1e6)),
        ("MMDH", CurrencyWord(code: "MAD", multiplier: 1e9)), ("MMDHS", CurrencyWord(code: "MAD", multiplier: 1e9)),
        ("KDH", CurrencyWord(code: "MAD", multiplier: 1e3)),
        ("MD€", CurrencyWord(code: "EUR", multiplier: 1e9)), ("M€", CurrencyWord(code: "EUR", multiplier: 1e6)),
        ("M$", CurrencyWord(code: "USD", multiplier: 1e6)), ("Md$", CurrencyWord(code: "USD", multiplier: 1e9)),
        ("MMDA", CurrencyWord(code: "DZD", multiplier: 1e9)),
    ])

    /// Currencies written before the amount ("$1.2 billion", "MAD 3 billion", "€500").
    static let currenciesBefore = PhraseTable<CurrencyWord>(currencyNames.filter { $0.0.count <= 4 } + [
        ("US$", CurrencyWord(code: "USD", multiplier: 1)), ("US $", CurrencyWord(code: "USD", multiplier: 1)),
    ])

    /// Capital letters glued before "$" that name another country's dollar ("C$45 million").
    static let dollarPrefixes = WordTable<CurrencyWord>([
        ("C", CurrencyWord(code: "CAD", multiplier: 1)), ("CA", CurrencyWord(code: "CAD", multiplier: 1)),
        ("A", CurrencyWord(code: "AUD", multiplier: 1)), ("AU", CurrencyWord(code: "AUD", multiplier: 1)),
        ("NZ", CurrencyWord(code: "NZD", multiplier: 1)), ("HK", CurrencyWord(code: "HKD", multiplier: 1)),
        ("S", CurrencyWord(code: "SGD", multiplier: 1)),
    ])

    private static let currencyNames: [(String, CurrencyWord)] = {
        let groups: [(String, [String])] = [
            ("MAD", ["DH", "DHS", "dirham", "dirhams", "MAD", "dirhams marocains", "درهم", "درهما", "دراهم", "الدرهم"]),
            ("EUR", ["€", "euro", "euros", "EUR", "يورو", "أورو", "اورو"]),
            ("USD", ["$", "dollar", "dollars", "USD", "dollars américains", "dollar américain", "US dollars",
                     "دولار", "دولارا", "دولارات", "الدولار"]),
            ("GBP", ["£", "GBP", "livre sterling", "livres sterling", "pound", "pounds", "pounds sterling",
                     "جنيه إسترليني", "جنيها إسترلينيا", "جنيهات إسترلينية"]),
            ("CHF", ["CHF", "franc suisse", "francs suisses", "Swiss francs"]),
            ("XOF", ["FCFA", "F CFA", "francs CFA", "franc CFA", "XOF", "CFA francs", "CFA franc"]),
            ("CNY", ["CNY", "yuan", "yuans", "RMB"]),
            ("JPY", ["JPY", "yen", "yens", "¥"]),
            ("SAR", ["SAR", "riyal saoudien", "riyals saoudiens", "ريال سعودي", "ريالا سعوديا", "ريالات سعودية"]),
            ("DZD", ["DZD", "dinar algérien", "dinars algériens", "DA", "دينار جزائري", "دينارا جزائريا", "دنانير جزائرية"]),
            ("TND", ["TND", "dinar tunisien", "dinars tunisiens", "DT", "دينار تونسي", "دينارا تونسيا", "دنانير تونسية"]),
            ("KWD", ["KWD", "dinar koweïtien", "dinars koweïtiens", "دينار كويتي", "دينارا كويتيا", "دنانير كويتية"]),
            ("EGP", ["EGP", "livre égyptienne", "livres égyptiennes", "جنيه مصري", "جنيها مصريا", "جنيهات مصرية"]),
            ("AED", ["AED", "dirham émirati", "dirhams émiratis", "درهم إماراتي", "درهما إماراتيا", "دراهم إماراتية"]),
            ("CAD", ["CAD", "dollar canadien", "dollars canadiens", "Canadian dollars", "Canadian dollar"]),
        ]
        // Moroccans still count in centimes, a hundredth of a dirham: "20 مليار سنتيم" is 200 million dirhams.
        let centimes = ["centimes", "سنتيم", "سنتيما", "سنتيمات"].map { ($0, CurrencyWord(code: "MAD", multiplier: 0.01)) }
        return groups.flatMap { code, words in words.map { ($0, CurrencyWord(code: code, multiplier: 1)) } } + centimes
    }()

    /// Percent signs and words.
    static let percentSigns = PhraseTable<Bool>([
        ("%", true), ("٪", true), ("pour cent", true), ("pourcent", true), ("percent", true), ("per cent", true),
        ("pour-cent", true), ("بالمائة", true), ("في المائة", true), ("بالمئة", true), ("في المئة", true),
    ])

    /// Units of measure, singular or plural, whatever their case ("183 kg", "300 MW").
    static let measureUnits = WordSet("""
        kg kgs kilo kilos kilogramme kilogrammes g gr gramme grammes t tonne tonnes tons ton km kms kilomètre
        kilomètres kilometre kilometres kilometers m mètre mètres metre metres meters cm mm ha hectare hectares
        l litre litres liter liters hl hectolitre hectolitres mw gw kw kwh mwh gwh twh mbps gbps go mo gb mb tb
        baril barils barrel barrels tep teu evp miles mile degré degrés degree degrees
        كلغ كيلوغرام طن أطنان كيلومتر كلم متر هكتار لتر ميغاواط درجة درجات
        """)

    /// Units of temperature in words ("°C" is read from its sign): below zero, a minus or
    /// "moins", "ناقص" before the number makes it negative.
    static let temperatureUnits = WordSet("degré degrés degree degrees درجة درجات")

    /// "moins 6 degrés", "minus 3 degrees", "ناقص ٥ درجات"; "وناقص" ("and minus") joins two ends.
    static let minusWords = WordSet("moins minus ناقص وناقص")

    /// Units that measure time: "20 ans", "3 mois" are durations, not quantities.
    static let timeUnits = WordSet("""
        an ans année années annee annees mois jour jours semaine semaines heure heures h min minute minutes
        seconde secondes siècle siècles décennie décennies trimestre trimestres semestre semestres nuit nuits
        fois year years month months week weeks day days hour hours minute seconds decade decades century
        centuries quarter quarters night nights times sec ms
        سنة سنوات عاما عام أعوام شهر أشهر شهرا يوم أيام يوما ساعة ساعات أسبوع أسابيع أسبوعا مرة مرات
        دقيقة دقائق ثانية ثوان
        """)

    /// Words after a number that look like plural nouns but are not the thing counted, the
    /// page's own counters ("6 comments", "2 134 vues"), which are no fact of the story, and the
    /// Hijri calendar's months ("7 رمضان 1446" beside the Gregorian date is a day, not 7 of anything).
    static let notUnits = WordSet("""
        les des ses mes tes ces nos vos leurs aux dans sous sans vers chez depuis plus moins très tres après
        apres près pres mais alors puis jamais toujours tous toutes lors hors dès des pas nous vous ils elles eux
        deux trois six dix plusieurs certains certaines quelques divers diverses nombreux nombreuses mêmes
        tels telles quels quelles lesquels dont avons avez sommes êtes étaient avaient sont
        is was has as its this us thus across plus less unless always perhaps whereas yes does goes his hers
        ours yours theirs whereas
        ناقص وناقص
        comments commentaires réactions reactions views vues shares partages likes reads lectures
        تعليقات تعليق تعليقا مشاهدة مشاهدات
        محرم صفر ربيع جمادى رجب شعبان رمضان شوال ذو ذي
        """)

    /// Plural nouns without -s ("7.5 million people").
    static let irregularPlurals = WordSet("""
        people children men women staff personnel cattle sheep livestock police fishermen seamen craftsmen
        craftswomen businessmen businesswomen policemen firemen servicemen herdsmen horsemen tradesmen
        """)

    /// Arabic words after a number that are not what it counts (prepositions, conjunctions, pronouns).
    static let arabicParticles = WordSet("""
        في من إلى الى على عن مع أو او ثم قد لا ما هذا هذه ذلك تلك التي الذي الذين خلال منذ حتى بين عند بعد قبل
        نحو حوالي أي كل بعض غير سوى فقط أيضا ايضا وفق حسب مقابل
        """)

    /// English words that never stand between a number and its noun.
    static let englishFunctionWords = WordSet("""
        the and for with from into over under about than that which who this these those per each every
        more less most least are were was been being have has had will would could should
        """)

    /// Adjectives that may stand between a number and its unit ("20 dernières éditions").
    static let unitAdjectives = WordSet("""
        premiers premières derniers dernières nouveaux nouvelles autres grands grandes petits petites principaux
        principales anciens anciennes seuls seules gros grosses bons bonnes meilleurs meilleures jeunes
        first last new other additional more old major small large big further
        """)

    /// Letters glued to a number that make it an ordinal ("21ème", "3e", "1er", "2nd").
    static let ordinalSuffixes = WordSet("e er ère ere re ème eme è ieme ième ième nd rd th st d ᵉ")

    /// Words joining the two ends of a range ("7% à 8%", "entre 40 et 50%").
    static let rangeJoiners = WordSet("à a et au to and ou or إلى الى و")

    /// Words a count may be introduced by, to tell "de" of "10 milliards de DH" from others.
    static let ofWords = WordSet("de d of من")
}
