import Testing
@testable import DepecheCore

@Suite struct MeasureRecognizerTests {
    private func measures(_ text: String, french: Bool = true) -> [MeasureMention] {
        let tokenized = TokenizedText(text)
        let claimed = [Bool](repeating: false, count: tokenized.tokens.count)
        return MeasureRecognizer(text: tokenized, french: french).measures(in: 0..<tokenized.tokens.count,
                                                                          claimed: claimed)
    }

    private func one(_ text: String, french: Bool = true) -> MeasureMention? {
        let found = measures(text, french: french)
        return found.count == 1 ? found[0] : nil
    }

    @Test func moneyWithScaleAndCurrencyWords() {
        #expect(measures("près de 60% des 10 milliards de DH").map(\.type) == [.percent, .money])
        let dh = measures("10 milliards de DH")[0]
        #expect(dh.value == 1e10 && dh.currency == "MAD")
        #expect(one("366 MMDH en 2026")?.value == 3.66e11)
        #expect(one("un budget de 250 MDH")?.value == 2.5e8)
        let dollars = one("Plus de 1,2 milliard de dollars")
        #expect(dollars?.value == 1.2e9 && dollars?.currency == "USD")
        #expect(one("5 millions d'euros")?.currency == "EUR")
    }

    @Test func currencyBeforeTheAmount() {
        let found = one("raised $1.2 billion last year", french: false)
        #expect(found?.type == .money && found?.value == 1.2e9 && found?.currency == "USD")
        #expect(one("un prix de 500 €")?.value == 500)
        let glued = measures("It will cost Dh950 million; wages start at Dh4,500.", french: false)
        #expect(glued.map(\.value) == [9.5e8, 4500] && glued.allSatisfy { $0.currency == "MAD" })
        #expect(measures("the G20 and COP28 met", french: false).isEmpty, "letters glued to a number are a code")
    }

    /// In a table's row, the currency closing one cell does not open the next one's amount.
    @Test func aCurrencyDoesNotReachAcrossTableCells() {
        let row = measures("Sardine       7.80 DH       11.50 DH      +47%", french: false)
        #expect(row.map(\.value) == [7.8, 11.5, 47])
        #expect(row.count == 3 && row[1].first == row[0].last + 1, "the second amount starts at its number, not at the DH before it")
    }

    @Test func amountsWrittenInWords() {
        #expect(one("une amende de quinze mille dirhams")?.value == 15000)
        #expect(one("Cinq millions de dirhams ont été versés")?.value == 5e6)
        #expect(one("deux cents mille dirhams")?.value == 200_000)
        #expect(one("vingt-cinq millions d'euros")?.value == 25e6)
        #expect(one("a fine of seventy million dirhams", french: false)?.value == 7e7)
        #expect(one("two hundred and fifty thousand dollars", french: false)?.value == 250_000)
        #expect(one("بقيمة ثلاثمائة مليون درهم")?.value == 3e8)
        #expect(one("خصص مليونا درهم للبرنامج")?.value == 2e6)
        #expect(one("بلغت خمسة وعشرون مليون درهم")?.value == 25e6)
        #expect(one("45 billion CFA francs", french: false)?.currency == "XOF")
        #expect(measures("pendant trois semaines, avec cinq partenaires").isEmpty, "counts in words are no measures")
    }

    @Test func aUnitHyphenatedToItsNumber() {
        let site = one("a 42-hectare site near the port", french: false)
        #expect(site?.type == .quantity && site?.value == 42 && site?.unit == "hectare")
        #expect(one("the 2024-2025 season", french: false) == nil)
    }

    @Test func anEnglishCountHyphenatedToItsNoun() {
        let hotel = one("a 45-bed clinic in the old town", french: false)
        #expect(hotel?.type == .quantity && hotel?.value == 45 && hotel?.unit == "bed")
        let plant = one("a 3,500-square-metre warehouse", french: false)
        #expect(plant?.value == 3500 && plant?.unit == "square-metre")
        #expect(one("a 25-year contract", french: false) == nil)
        #expect(one("the 61-year-old farmer", french: false) == nil)
    }

    @Test func percentagesAndRanges() {
        #expect(measures("de 7% à 8%").map(\.value) == [7, 8])
        #expect(measures("entre 40 et 50%").map(\.value) == [40, 50])
        #expect(measures("près 40% à 50% des cas").map(\.type) == [.percent, .percent])
        #expect(one("une hausse de 2,5 pour cent")?.value == 2.5)
        #expect(one("نسبة ٥٠٪")?.value == 50)
    }

    /// A change written with its sign: "-4%" and "(-1,7%)" are negative; a dash standing apart is none.
    @Test func aMinusSignGluedToAPercentageStandingApart() {
        #expect(one("la production recule de -4% sur un an")?.value == -4)
        #expect(one("الليالي المبيتة (-1,7%) بالصويرة")?.value == -1.7)
        #expect(one("-12% en un an")?.value == -12)
        #expect(measures("entre 3 - 4% par an").map(\.value) == [3, 4])
    }

    /// Temperatures: the degree sign with or without its scale's letter, glued or apart, or a word
    /// for degrees; below zero with a minus sign or "moins", "ناقص", at either end of a range.
    @Test func temperaturesAboveAndBelowZero() {
        #expect(measures("des températures de 47°C, jusqu'à 50.4°C", french: false).map(\.value) == [47, 50.4])
        #expect(measures("between 44 and 47°C", french: false).map(\.value) == [44, 47])
        #expect(measures("entre -6 et -2 °C à Ifrane, et entre -1 et 3°C à Taza").map(\.value) == [-6, -2, -1, 3])
        #expect(measures("il fera moins 4 degrés à Midelt").map(\.value) == [-4])
        #expect(measures("ما بين ناقص ٧ وناقص ١ درجة مئوية").map(\.value) == [-7, -1])
        #expect(measures("نزلت درجة الحرارة إلى ناقص ٥ درجات").map(\.value) == [-5])
        #expect(measures("بين ٢٢ و٢٦°C").map(\.value) == [22, 26])
        #expect(one("une baisse de -3 tonnes")?.value == 3, "a minus before other units is no sign")
        #expect(measures("N° 418 du journal").isEmpty)
        // A range whose second end lends its scale to the first: no unit of its own to read.
        #expect(measures("استقبل المعرض ما بين 80 ألفا و150 ألف زائر").map(\.value) == [80000, 150_000])
    }

    /// Centimes, a hundredth of a dirham, as Moroccans still count: "20 مليار سنتيم" is 200 million dirhams.
    @Test func centimesAreHundredthsOfADirham() {
        let arabic = one("رصدت الجماعة 20 مليار سنتيم للمشروع")
        #expect(arabic?.type == .money && arabic?.currency == "MAD" && arabic?.value == 2e8)
        #expect(one("un pot-de-vin de 50 millions de centimes")?.value == 500_000)
    }

    /// "ملايير", the Moroccan plural of "مليار", scales like it.
    @Test func theMoroccanPluralOfBillion() {
        let amount = one("بلغت المداخيل 9,6 ملايير درهم")
        #expect(amount?.type == .money && amount?.value == 9.6e9)
    }

    @Test func quantitiesWithTheirUnitNoun() {
        let staff = one("le secteur emploie 80.000 salariés")
        #expect(staff?.type == .quantity && staff?.value == 80_000 && staff?.unit == "salariés")
        #expect(one("69 900 emplois ont été créés")?.unit == "emplois")
        #expect(one("les 20 dernières éditions")?.unit == "éditions")
        #expect(one("183 kg de cocaïne")?.unit == "kg")
        #expect(one("1 million de visiteurs")?.value == 1e6)
        #expect(measures("de 300 à 400 emplois").map(\.value) == [300, 400])
        #expect(one("some 8,000 fishermen depend on the quota", french: false)?.unit == "fishermen", "an English plural in -men")
    }

    @Test func thePagesOwnCountersAreNotQuantities() {
        #expect(measures("Tourism · 09 Feb 2025 · 6 comments", french: false).isEmpty)
        #expect(measures("3 min de lecture | 2 134 vues | 12 partages").isEmpty)
        #expect(measures("نشر في 12 مارس · 45 تعليقات").isEmpty)
        #expect(one("le port a reçu 120 navires")?.unit == "navires")
    }

    @Test func durationsYearsAndWordsAreNotQuantities() {
        #expect(measures("depuis 20 ans").isEmpty)
        #expect(measures("en 2 à 3 mois").isEmpty)
        #expect(measures("en 2019 plusieurs centres").isEmpty)
        #expect(measures("Entre 2014 et 2018, les").isEmpty)
        #expect(measures("la Covid-19 a frappé").isEmpty)
        #expect(measures("en 2020 l'entreprise").isEmpty)
        #expect(measures("la 21ème édition").isEmpty)
    }

    @Test func aBareScaledNumberTakesTheCurrencyOfItsSentence() {
        let found = measures("un budget de 1,6 milliard de dirhams, dont 1,1 milliard consacré à l'investissement.")
        #expect(found.map(\.type) == [.money, .money])
        #expect(found.last?.value == 1.1e9 && found.last?.currency == "MAD")
        #expect(measures("un budget de 1,6 milliard de dirhams. Il y a 1,1 milliard d'habitants en Inde.").count == 2)
        #expect(measures("un budget de 1,6 milliard de dirhams. En Inde, 1,1 milliard vivent.").map(\.type) == [.money])
    }

    @Test func englishModifiersBeforeTheNoun() {
        #expect(one("a capacity of 300 million cubic meters per year", french: false)?.value == 3e8)
        #expect(one("more than 56 million mobile subscribers", french: false)?.unit == "mobile subscribers")
        #expect(one("it hired 45 Tunisian welders last year", french: false)?.unit == "Tunisian welders")
        #expect(one("it ordered 12 low-floor hybrid buses", french: false)?.unit == "low-floor hybrid buses")
        #expect(one("the fire killed 150 head of cattle", french: false)?.unit == "head of cattle")
        #expect(one("with 30 Spanish in the group", french: false) == nil)
        #expect(one("should supply 7.5 million people by 2028", french: false)?.unit == "people")
        #expect(one("add 1.5 percentage points to growth", french: false)?.value == 1.5)
        #expect(measures("in 2023 the total rose", french: false).isEmpty)
    }

    /// "C$45 million", "A$2 billion": the dollar of the country its letters name, not the US one.
    @Test func dollarsOfOtherCountries() {
        #expect(one("a C$45 million grant", french: false)?.currency == "CAD")
        #expect(one("a C$45 million grant", french: false)?.value == 45e6)
        #expect(one("an A$2 billion mine", french: false)?.currency == "AUD")
        #expect(one("a HK$300 fine", french: false)?.currency == "HKD")
        #expect(one("a $300 fine", french: false)?.currency == "USD")
    }

    @Test func arabicCurrencyInTheAccusative() {
        let dirhams = one("بثمن ٣٥ درهما للتذكرة")
        #expect(dirhams?.type == .money && dirhams?.currency == "MAD" && dirhams?.value == 35)
        #expect(one("بقيمة 40 دولارا للبرميل")?.currency == "USD")
    }

    @Test func arabicCountsAnyIndefiniteNoun() {
        #expect(one("محصول حبوب في حدود ٣١ مليون قنطار")?.unit == "قنطار")
        #expect(one("خفض سعر الفائدة بـ٢٥ نقطة أساس")?.value == 25)
        #expect(one("بفارق ٦ نقاط عن منتخب زامبيا")?.unit == "نقاط")
        #expect(measures("في ٢٠ المائة").isEmpty, "a definite noun is not counted")
        #expect(measures("العدد ٥ من الدول").isEmpty)
    }

    @Test func arabicCompoundNumbersAndRangesOfThousands() {
        let voters = one("صوت 12 ألفا و305 ناخبين في الدائرة")
        #expect(voters?.value == 12305 && voters?.unit == "ناخبين")
        #expect(one("بلغت الكلفة 4 ملايين و250 ألف درهم")?.value == 4_250_000)
        let range = measures("يتراوح الأجر بين 6 آلاف و9 آلاف درهم شهريا")
        #expect(range.map(\.value) == [6000, 9000] && range.allSatisfy { $0.currency == "MAD" })
        #expect(measures("حضر المباراة 25 ألفا").isEmpty, "a scale word is no unit")
    }

    @Test func arabicCurrencyWithItsCountryAdjective() {
        let dinars = one("بتمويل قدره 20 مليون دينار كويتي")
        #expect(dinars?.type == .money && dinars?.currency == "KWD" && dinars?.value == 2e7)
        #expect(one("تذكرة بـ30 جنيها إسترلينيا")?.currency == "GBP")
    }

    @Test func arabicDurationsAndCommentCountersAreNotQuantities() {
        #expect(measures("تستغرق الرحلة 35 دقيقة فقط").isEmpty)
        #expect(measures("بعد 3 دقائق من البداية").isEmpty)
        #expect(measures("آخر تحديث · 14 تعليقا").isEmpty)
        // A day of the Hijri calendar beside the Gregorian date: no quantity of "رمضان".
        #expect(measures("السبت 8 مارس الموافق لـ 7 رمضان").allSatisfy { $0.type != .quantity })
        #expect(measures("4 جمادى الأولى").isEmpty)
    }
}
