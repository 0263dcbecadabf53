/// Reads the dates pages state in markup (`2024-02-07T09:30:00+01:00`, `2024/02/07`,
/// `Wed, 07 Feb 2024 09:30:00 +0100`) as an ISO calendar date, `2024-02-07`. The day is the
/// one the page wrote; no time zone is applied.
enum HTMLDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// The ISO date `value` states, or nil when it is not a date in one of the known forms or
    /// names no real day.
    static func isoDate(from value: String) -> String? {
        let trimmed = HTMLLayout.foldingSpaces(value)
        return yearFirst(trimmed) ?? dayMonthNameYear(trimmed)
    }

    /// `YYYY-MM-DD…` or `YYYY/MM/DD…`.
    private static func yearFirst(_ value: String) -> String? {
        let digits = Array(value.utf8.prefix(10))
        guard digits.count == 10, digits[4] == digits[7],
            digits[4] == UInt8(ascii: "-") || digits[4] == UInt8(ascii: "/"),
            let year = number(digits[0..<4]), let month = number(digits[5..<7]), let day = number(digits[8..<10])
        else { return nil }
        return iso(year: year, month: month, day: day)
    }

    /// `[Weekday,] DD Mon YYYY …`, the RFC 2822 form with English month names.
    private static func dayMonthNameYear(_ value: String) -> String? {
        var words = value.split { $0 == " " || $0 == "," }.map(String.init)
        if let first = words.first, Int(first) == nil { words.removeFirst() }
        guard words.count >= 3, let day = Int(words[0]), let year = Int(words[2]),
            let month = months.firstIndex(of: String(words[1].lowercased().prefix(3)))
        else { return nil }
        return iso(year: year, month: month + 1, day: day)
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }

    private static func iso(year: Int, month: Int, day: Int) -> String? {
        guard (1000...9999).contains(year), (1...12).contains(month),
            (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        let monthText = month < 10 ? "0\(month)" : "\(month)"
        let dayText = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(monthText)-\(dayText)"
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
