/// A date found in the text; the year may be missing until it is inferred.
struct DateMention: Sendable {
    /// Year, nil when the text does not say it ("le 23 avril").
    var year: Int?
    /// Month, 1…12.
    var month: Int
    /// Day of the month, nil for "février 2024".
    var day: Int?
    /// Index of the first token (a weekday when one is written before the day).
    var first: Int
    /// Index of the last token.
    var last: Int

    /// Months between the publication's month and a date without a year from which that date is
    /// taken in the neighbouring year: "15 January" in a December article is next January, in
    /// July it is past; "23 November" in a February article is last November.
    static let monthsToTheNeighbouringYear = 9

    /// ISO 8601 for an article published in `reference` (year, and month when known): the year
    /// is the reference's, the next when the day would fall `monthsToTheNeighbouringYear` months
    /// or more before the publication, the previous when as far after it.
    func iso(reference: (year: Int, month: Int?)?) -> String {
        guard year == nil, day != nil, let reference, let published = reference.month else { return iso(defaultYear: reference?.year) }
        if published - month >= Self.monthsToTheNeighbouringYear { return iso(defaultYear: reference.year + 1) }
        if month - published >= Self.monthsToTheNeighbouringYear { return iso(defaultYear: reference.year - 1) }
        return iso(defaultYear: reference.year)
    }

    /// ISO 8601: `2024-02-07`, `2024-02`, or `--04-23` when no year is known.
    func iso(defaultYear: Int?) -> String {
        let month2 = month < 10 ? "0\(month)" : "\(month)"
        guard let day else { return "\(year ?? defaultYear ?? 0)-\(month2)" }
        let day2 = day < 10 ? "0\(day)" : "\(day)"
        guard let y = year ?? defaultYear else { return "--\(month2)-\(day2)" }
        return "\(y)-\(month2)-\(day2)"
    }
}

/// Finds calendar dates: "02 - 05 - 2019", "2024-02-07", "Mercredi 7 Février 2024",
/// "26 et 27 avril" (two dates), "1er mars", "February 7, 2024", "février 2024", "٧ فبراير ٢٠٢٤".
/// Bare years are not dates.
struct DateRecognizer {
    let text: TokenizedText
    /// English puts the month first in "02/05/2019" when the second number cannot be a month.
    let english: Bool

    /// All dates of tokens `range`, in text order.
    func dates(in range: Range<Int>) -> [DateMention] {
        var found: [DateMention] = []
        var i = range.lowerBound
        // A date starts at a number, or at a month one or two tokens before a number
        // (`numberFollows`): only the tokens up to two before each number are looked at.
        for number in text.landmarks.numbers where number >= i && number >= range.lowerBound {
            guard number - 2 < range.upperBound else { break }
            i = max(i, number - 2)
            while i <= number && i < range.upperBound {
                if let run = run(at: i) {
                    found += run.dates
                    i = run.last + 1
                } else {
                    i += 1
                }
            }
        }
        shareYears(&found)
        return found
    }

    /// The dates starting at token `i` and the last token they take, if any starts there.
    private func run(at i: Int) -> (dates: [DateMention], last: Int)? {
        let token = text.tokens[i]
        if token.kind == .number {
            if let numeric = numericDate(at: i) { return ([numeric], numeric.last) }
            return dayList(at: i)
        }
        if token.kind == .word, let month = month(at: i), numberFollows(month.last),
           case let dates = monthFirst(at: i, month: month), let last = dates.last {
            return (dates, last.last)
        }
        return nil
    }

    /// Words between the two ends of a date range ("entre le 15 juin et le 15 septembre 2023").
    private static let rangeWords = WordSet("et au à a le la l du jusqu to and until through from")

    /// "entre le 15 juin et le 15 septembre 2023": the first end takes the year of the second
    /// (the one before when its month comes later).
    private func shareYears(_ dates: inout [DateMention]) {
        for n in dates.indices.dropLast().reversed() where dates[n].year == nil && dates[n + 1].year != nil {
            let gap = (dates[n].last + 1)..<dates[n + 1].first
            guard gap.count <= 4, gap.allSatisfy({ index in
                let token = text.tokens[index]
                return (Self.rangeWords.contains(token) || token.isPunct("-") || token.isPunct("'"))
                    && !token.has(.newlineBefore)
            }) else { continue }
            // "du 28 décembre au 3 janvier 2025": a range across the new year.
            let year = dates[n + 1].year.map { dates[n].month > dates[n + 1].month ? $0 - 1 : $0 }
            dates[n].year = year
        }
    }

    // MARK: Patterns

    /// "02 - 05 - 2019", "02/05/2019", "2024-02-07", "2024/02/07".
    private func numericDate(at i: Int) -> DateMention? {
        let tokens = text.tokens
        guard let a = tokens.at(i), let s1 = tokens.at(i + 1), let b = tokens.at(i + 2),
              let s2 = tokens.at(i + 3), let c = tokens.at(i + 4),
              b.kind == .number, c.kind == .number, s1.kind == .punct, s1.key == s2.key,
              s1.isPunct("-") || s1.isPunct("/") || s1.isPunct("."),
              !s1.has(.newlineBefore), !b.has(.newlineBefore), !s2.has(.newlineBefore), !c.has(.newlineBefore),
              !(tokens.at(i + 5).map { $0.kind == .number && !$0.has(.spaceBefore) } ?? false),
              !(i > 0 && tokens[i - 1].kind == .punct && tokens[i - 1].key == s1.key && !a.has(.spaceBefore))
        else { return nil }
        let (x, y, z) = (Int(a.key), Int(b.key), Int(c.key))
        if a.length == 4, b.length <= 2, c.length <= 2, s1.isPunct("-") || s1.isPunct("/") {
            return validated(year: x, month: y, day: z, first: i, last: i + 4)
        }
        guard a.length <= 2, b.length <= 2, c.length == 4 || c.length == 2 else { return nil }
        let year = c.length == 4 ? z : 2000 + z
        if english && y > 12 && x <= 12 { return validated(year: year, month: x, day: y, first: i, last: i + 4) }
        return validated(year: year, month: y, day: x, first: i, last: i + 4)
    }

    /// "7 Février 2024", "Mercredi 7 Février 2024", "1er mars", "26 et 27 avril", "du 3 au 5 mai 2020":
    /// the valid dates and the last token of the pattern ("31 février" is a pattern, no date).
    private func dayList(at i: Int) -> (dates: [DateMention], last: Int)? {
        let tokens = text.tokens
        var days: [(day: Int, first: Int)] = []
        var k = i
        while let day = dayNumber(at: k) {
            days.append((day.value, k))
            k = day.last + 1
            guard let joiner = tokens.at(k), !joiner.has(.newlineBefore),
                  joiner.isPunct(",") || joiner.isPunct("-") || joiner.isPunct("&")
                    || NumberWords.rangeJoiners.contains(joiner),
                  tokens.at(k + 1)?.kind == .number else { break }
            k += 1
        }
        guard !days.isEmpty, let monthToken = tokens.at(k), !monthToken.has(.newlineBefore),
              let month = month(at: k) else { return nil }
        var last = month.last
        if tokens.at(last + 1)?.isPunct(".") == true, CalendarWords.monthAbbreviations.contains(monthToken) { last += 1 }
        if tokens.at(last + 1)?.isPunct("(") == true, let gloss = self.month(at: last + 2), gloss.value == month.value,
           tokens.at(gloss.last + 1)?.isPunct(")") == true {
            // "٣ آذار (مارس) ٢٠٢٥": the month's other name in parentheses.
            last = gloss.last + 1
        }
        var year: Int?
        var yearAt = last + 1
        if tokens.at(yearAt)?.isPunct(",") == true { yearAt += 1 }
        if let y = tokens.at(yearAt), y.kind == .number, y.length == 4, !y.has(.newlineBefore),
           tokens.at(yearAt + 1).map({ $0.kind != .number || $0.has(.spaceBefore) }) ?? true {
            year = Int(y.key)
            last = yearAt
        }
        var result: [DateMention] = []
        for (n, entry) in days.enumerated() {
            let first = n == 0 ? weekdayStart(before: entry.first) : entry.first
            if let date = validated(year: year, month: month.value, day: entry.day, first: first, last: last) {
                result.append(date)
            }
        }
        return (result, last)
    }

    /// "فاتح": the first day, before a month's name (Moroccan usage).
    private static let firstOfMonth = WordSet("فاتح")

    /// "February 7, 2024", "Feb. 7", "février 2024", "فاتح يناير 2027"; "June 25 to 28, 2026" is two
    /// dates, the first taking the second's year.
    private func monthFirst(at i: Int, month: (value: Int, last: Int)) -> [DateMention] {
        let tokens = text.tokens
        var k = month.last + 1
        if tokens.at(k)?.isPunct(".") == true, CalendarWords.monthAbbreviations.contains(tokens[i]) { k += 1 }
        guard let next = tokens.at(k), next.kind == .number, !next.has(.newlineBefore) else { return [] }
        if next.length == 4 {
            guard let year = NumberScanner.scan(text, at: k, french: !english), year.isYearLike else { return [] }
            if i > 0, Self.firstOfMonth.contains(tokens[i - 1]), !tokens[i].has(.newlineBefore) {
                // "فاتح يناير 2027": the first of the month.
                return [validated(year: Int(year.value), month: month.value, day: 1, first: i - 1, last: k)].compactMap(\.self)
            }
            return [DateMention(year: Int(year.value), month: month.value, day: nil, first: i, last: k)]
        }
        guard english, let day = dayNumber(at: k) else { return [] }
        var days = [(value: day.value, first: weekdayStart(before: i), last: day.last)]
        // "June 25 to 28", "June 25-28": a later day of the same month ends the range.
        if let joiner = tokens.at(day.last + 1), !joiner.has(.newlineBefore),
           joiner.isPunct("-") || Self.englishRangeJoiners.contains(joiner),
           let end = dayNumber(at: day.last + 2), end.value > day.value, !tokens[day.last + 2].has(.newlineBefore) {
            days.append((end.value, day.last + 2, end.last))
        }
        var year: Int?
        var yearAt = days[days.count - 1].last + 1
        if tokens.at(yearAt)?.isPunct(",") == true { yearAt += 1 }
        if let y = tokens.at(yearAt), y.kind == .number, y.length == 4 {
            year = Int(y.key)
            days[days.count - 1].last = yearAt
        }
        return days.compactMap { validated(year: year, month: month.value, day: $0.value, first: $0.first, last: $0.last) }
    }

    /// "to", "through", "until", "and": between the two days of an English range.
    private static let englishRangeJoiners = WordSet("to through until and")

    // MARK: Pieces

    /// A day number (1…31, "1er", "2nd") at token `i`: its value and last token.
    private func dayNumber(at i: Int) -> (value: Int, last: Int)? {
        let tokens = text.tokens
        guard let token = tokens.at(i), token.kind == .number, token.length <= 2,
              (1...31).contains(token.key),
              !(i > 0 && !token.has(.spaceBefore) && tokens[i - 1].kind == .word && !tokens[i - 1].isArabicClitic)
        else { return nil }
        if let suffix = tokens.at(i + 1), suffix.kind == .word, !suffix.has(.spaceBefore) {
            return NumberWords.ordinalSuffixes.contains(suffix) ? (Int(token.key), i + 1) : nil
        }
        return (Int(token.key), i)
    }

    /// Whether a number follows token `i` (directly or after an abbreviation's period).
    private func numberFollows(_ i: Int) -> Bool {
        let tokens = text.tokens
        guard let next = tokens.at(i + 1) else { return false }
        return next.kind == .number || (next.isPunct(".") && tokens.at(i + 2)?.kind == .number)
    }

    /// The month named at token `i` ("May" only capitalised in English; "تشرين الأول" in two
    /// words) and its last token.
    private func month(at i: Int) -> (value: Int, last: Int)? {
        guard let token = text.tokens.at(i) else { return nil }
        if let base = CalendarWords.pairedMonths[token] {
            guard let second = text.tokens.at(i + 1), !second.has(.newlineBefore),
                  let added = CalendarWords.pairedMonthOrdinals[second] else { return nil }
            return ((base + added - 1) % 12 + 1, i + 1)
        }
        guard let month = CalendarWords.months[token] else { return nil }
        if CalendarWords.ambiguousEnglishMonths.contains(token) && english && !token.has(.capitalized) { return nil }
        return (month, i)
    }

    /// Where a date starts when a weekday (and a comma) stands before its day.
    private func weekdayStart(before i: Int) -> Int {
        let tokens = text.tokens
        var k = i - 1
        if tokens.at(k)?.isPunct(",") == true { k -= 1 }
        if let weekday = tokens.at(k), CalendarWords.weekdays.contains(weekday), !tokens[k + 1].has(.newlineBefore) {
            return k
        }
        return i
    }

    /// The date if the day exists in the month (29 February only in leap years).
    private func validated(year: Int?, month: Int, day: Int?, first: Int, last: Int) -> DateMention? {
        guard (1...12).contains(month) else { return nil }
        if let day {
            guard day >= 1, day <= CalendarWords.longestMonths[month - 1] else { return nil }
            if month == 2, day == 29, let year, !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) { return nil }
        }
        if let year, !(1000...2999).contains(year) { return nil }
        return DateMention(year: year, month: month, day: day, first: first, last: last)
    }
}
