/// Month and weekday names in French, English and Arabic (Moroccan, Levantine and Gulf forms).
enum CalendarWords {
    /// Month names and their usual abbreviations → month number.
    static let months: WordTable<Int> = {
        let names: [[String]] = [
            ["janvier", "janv", "january", "jan", "يناير", "جانفي"],
            ["février", "fevrier", "févr", "fév", "fevr", "february", "feb", "فبراير", "شباط", "فيفري"],
            ["mars", "march", "mar", "مارس", "آذار"],
            ["avril", "avr", "april", "apr", "أبريل", "ابريل", "نيسان", "أفريل"],
            ["mai", "may", "ماي", "مايو", "أيار"],
            ["juin", "june", "jun", "يونيو", "يونيه", "حزيران", "جوان"],
            ["juillet", "juil", "july", "jul", "يوليوز", "يوليو", "يوليه", "تموز", "جويلية"],
            ["août", "aout", "august", "aug", "غشت", "أغسطس", "آب", "أوت"],
            ["septembre", "sept", "september", "sep", "شتنبر", "سبتمبر", "أيلول"],
            ["octobre", "oct", "october", "أكتوبر", "اكتوبر"],
            ["novembre", "nov", "november", "نونبر", "نوفمبر"],
            ["décembre", "decembre", "déc", "dec", "december", "دجنبر", "ديسمبر"],
        ]
        return WordTable(names.enumerated().flatMap { index, words in words.map { ($0, index + 1) } })
    }()

    /// Levantine months named in two words, the first word → the month of "الأول" ("تشرين الأول"
    /// is October); with "الثاني" it is the month after ("كانون الثاني" is January).
    static let pairedMonths = WordTable([("تشرين", 10), ("كانون", 12)])

    /// The second words of `pairedMonths`: "الأول" (first) and "الثاني" (second) → months added.
    static let pairedMonthOrdinals = WordTable([("الأول", 0), ("الثاني", 1)])

    /// Shortened month names, which a period may follow ("fév.", "Feb."); "mars." ends a sentence.
    static let monthAbbreviations = WordSet("janv févr fév fevr avr juil sept oct nov déc dec jan feb mar apr jun jul aug sep")

    /// English month names that are also common words: only capitalized, they are months.
    static let ambiguousEnglishMonths = WordSet("may march mar jan sep dec")

    /// Weekday names (a date's optional first word).
    static let weekdays = WordSet("""
        lundi mardi mercredi jeudi vendredi samedi dimanche
        monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
        الاثنين الإثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة السبت الأحد الاحد
        """)

    /// Days in each month of a leap year (a date is checked against it).
    static let longestMonths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
}
