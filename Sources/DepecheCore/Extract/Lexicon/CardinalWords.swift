/// Numbers written in words ("quinze mille dirhams", "seventy million dirhams", "ثلاثمائة مليون
/// درهم", "مليونا درهم"): the words up to a hundred and the hundreds, in French, English and
/// Arabic. The scale words after them ("mille", "million", "ألف", "مليون") are `NumberWords.scales`,
/// read as for a number in digits.
enum CardinalWords {
    /// Each word's value; `hundred` multiplies what comes before it ("deux cents", "two hundred").
    private static let values = WordTable<Double>(words)
    /// The words' keys: a pass over every token asks this first (one load turns most away).
    static let keys = KeySet(words.map { FoldedKey.of($0.0) })

    private static let words = french + english + arabic + arabic.map { ("و" + $0.0, $0.1) } + arabicDuals

    /// The value that multiplies the words before it.
    private static let hundred = 100.0

    private static let french: [(String, Double)] = [
        ("un", 1), ("une", 1), ("deux", 2), ("trois", 3), ("quatre", 4), ("cinq", 5), ("six", 6), ("sept", 7), ("huit", 8),
        ("neuf", 9), ("dix", 10), ("onze", 11), ("douze", 12), ("treize", 13), ("quatorze", 14), ("quinze", 15), ("seize", 16),
        ("vingt", 20), ("trente", 30), ("quarante", 40), ("cinquante", 50), ("soixante", 60), ("cent", 100), ("cents", 100),
    ]

    private static let english: [(String, Double)] = [
        ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("seven", 7), ("eight", 8), ("nine", 9), ("ten", 10),
        ("eleven", 11), ("twelve", 12), ("thirteen", 13), ("fourteen", 14), ("fifteen", 15), ("sixteen", 16), ("seventeen", 17),
        ("eighteen", 18), ("nineteen", 19), ("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60),
        ("seventy", 70), ("eighty", 80), ("ninety", 90), ("hundred", 100),
    ]

    /// Arabic words up to the hundreds, masculine and feminine, nominative and oblique; each
    /// also with the conjunction "و" glued ("خمسة وعشرون").
    private static let arabic: [(String, Double)] = [
        ("واحد", 1), ("واحدة", 1), ("اثنان", 2), ("اثنين", 2), ("اثنتان", 2), ("ثلاثة", 3), ("ثلاث", 3), ("أربعة", 4), ("أربع", 4),
        ("خمسة", 5), ("خمس", 5), ("ستة", 6), ("ست", 6), ("سبعة", 7), ("سبع", 7), ("ثمانية", 8), ("ثماني", 8), ("تسعة", 9),
        ("تسع", 9), ("عشرة", 10), ("عشر", 10), ("عشرون", 20), ("عشرين", 20), ("ثلاثون", 30), ("ثلاثين", 30), ("أربعون", 40),
        ("أربعين", 40), ("خمسون", 50), ("خمسين", 50), ("ستون", 60), ("ستين", 60), ("سبعون", 70), ("سبعين", 70),
        ("ثمانون", 80), ("ثمانين", 80), ("تسعون", 90), ("تسعين", 90), ("مائة", 100), ("مئة", 100), ("مائتان", 200),
        ("مائتي", 200), ("مئتان", 200), ("مئتي", 200), ("ثلاثمائة", 300), ("ثلاثمئة", 300), ("أربعمائة", 400),
        ("أربعمئة", 400), ("خمسمائة", 500), ("خمسمئة", 500), ("ستمائة", 600), ("ستمئة", 600), ("سبعمائة", 700),
        ("سبعمئة", 700), ("ثمانمائة", 800), ("ثمانمئة", 800), ("تسعمائة", 900), ("تسعمئة", 900),
    ]

    /// Arabic duals of the scales: the word alone is two of them ("مليونا درهم").
    private static let arabicDuals: [(String, Double)] = [
        ("ألفا", 2e3), ("ألفان", 2e3), ("ألفي", 2e3), ("مليونا", 2e6), ("مليونان", 2e6), ("مليوني", 2e6),
        ("مليارا", 2e9), ("ملياران", 2e9), ("ملياري", 2e9),
    ]

    /// Joiners between the words of one number ("vingt et un", "two hundred and fifty").
    private static let joiners = WordSet("et and")

    /// The number written in words from token `index` (hyphens and joiners between its words),
    /// or nil when the token is no number word. A hundred ("cent", "hundred", "مائة") multiplies
    /// the words before it ("deux cents", "ثلاث مائة"); the other words add up ("ثلاثمائة" is one).
    static func scan(_ text: TokenizedText, at index: Int) -> ScannedNumber? {
        let tokens = text.tokens
        guard let first = values[tokens[index]], !tokens[index].has(.capitalized) || tokens[index].has(.sentenceStart) else {
            return nil
        }
        var value = first
        var last = index
        var k = index + 1
        while k < tokens.count, !tokens[k].has(.newlineBefore) {
            var next = k
            if tokens[k].isPunct("-") && !tokens[k].has(.spaceBefore) || joiners.contains(tokens[k]) { next = k + 1 }
            guard next < tokens.count, let word = values[tokens[next]], !tokens[next].has(.newlineBefore) else { break }
            value = word == hundred ? max(value, 1) * hundred : value + word
            last = next
            k = next + 1
        }
        return ScannedNumber(value: value, first: index, last: last, leadingDigits: 0, grouped: false, hasFraction: false)
    }
}
