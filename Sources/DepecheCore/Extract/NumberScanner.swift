/// A number read from the text, with the tokens it spans.
struct ScannedNumber: Sendable {
    /// Its value.
    var value: Double
    /// Index of its first token.
    var first: Int
    /// Index of its last token.
    var last: Int
    /// Digits before any separator ("69 900" → 2).
    var leadingDigits: Int
    /// Written with thousands separators.
    var grouped: Bool
    /// Written with a decimal part.
    var hasFraction: Bool

    /// A plain four-digit number between 1900 and 2100: a year, not a count.
    var isYearLike: Bool { !grouped && !hasFraction && leadingDigits == 4 && value >= 1900 && value <= 2100 }
    /// A plain number of one or two digits (a day of the month, say).
    var isSmall: Bool { !grouped && !hasFraction && leadingDigits <= 2 }
}

/// Reads numbers written the French way ("117.394", "69 900", "1,2") or the English way
/// ("117,394", "1.2"), in ASCII or Arabic-Indic digits.
enum NumberScanner {
    /// The number starting at token `index`, or nil when the token is no number or only a
    /// piece of a code ("G20", "Covid-19") or an ordinal ("21ème", "3e").
    static func scan(_ text: TokenizedText, at index: Int, french: Bool) -> ScannedNumber? {
        let tokens = text.tokens
        let token = tokens[index]
        guard token.kind == .number, !isPartOfCode(tokens, index) else { return nil }
        var number = ScannedNumber(value: Double(token.key), first: index, last: index,
                                   leadingDigits: token.length, grouped: false, hasFraction: false)
        if token.length <= 3 { readGroups(text, into: &number, french: french) }
        readFraction(text, into: &number, french: french)
        if let next = tokens.at(number.last + 1), next.kind == .word, !next.has(.spaceBefore),
           NumberWords.ordinalSuffixes.contains(next) {
            return nil
        }
        return number
    }

    /// Whether a number token is glued to letters before it ("G20", "U17", "Covid-19").
    private static func isPartOfCode(_ tokens: [Token], _ index: Int) -> Bool {
        guard index > 0, !tokens[index].has(.spaceBefore) else { return false }
        let previous = tokens[index - 1]
        // An Arabic proclitic glued to the number ("بـ٢٥", "و٣") is a word of its own, not a code,
        // and so is a currency written before its amount ("Dh950 million").
        if previous.kind == .word {
            return !previous.isArabicClitic && NumberWords.currenciesBefore.matchEnding(tokens, at: index - 1) == nil
        }
        if previous.isPunct("-") || previous.isPunct("/") || previous.isPunct("_") {
            return index > 1 && !previous.has(.spaceBefore) && tokens[index - 2].kind != .punct
        }
        return false
    }

    /// Thousands groups: "117.394" (French), "117,394" (English), "69 900", "1 200 000", "٬".
    private static func readGroups(_ text: TokenizedText, into number: inout ScannedNumber, french: Bool) {
        let tokens = text.tokens
        let groupMark: Unicode.Scalar = french ? "." : ","
        while true {
            let at = number.last + 1
            guard let next = tokens.at(at) else { return }
            if next.kind == .punct, !next.has(.spaceBefore),
               next.isPunct(groupMark) || next.key == 0x66C || next.key == 0x27,
               let group = tokens.at(at + 1), group.kind == .number, group.length == 3,
               !group.has(.spaceBefore), !continuesWithDigits(tokens, at + 1) {
                number.value = number.value * 1000 + Double(group.key)
                number.last = at + 1
                number.grouped = true
                continue
            }
            if next.kind == .number, next.length == 3, !next.has(.newlineBefore),
               isSingleSpace(text, from: tokens[number.last].end, to: next.start),
               !continuesWithDigits(tokens, at) {
                number.value = number.value * 1000 + Double(next.key)
                number.last = at
                number.grouped = true
                continue
            }
            return
        }
    }

    /// A decimal part: "1,2" (French), "1.2" (English, or French when not a group of three), "٫".
    private static func readFraction(_ text: TokenizedText, into number: inout ScannedNumber, french: Bool) {
        let tokens = text.tokens
        let at = number.last + 1
        guard let mark = tokens.at(at), mark.kind == .punct, !mark.has(.spaceBefore),
              let digits = tokens.at(at + 1), digits.kind == .number, !digits.has(.spaceBefore) else { return }
        let isDecimalMark = french
            ? mark.isPunct(",") || (mark.isPunct(".") && !number.grouped && digits.length != 3)
            : mark.isPunct(".")
        guard isDecimalMark || mark.key == 0x66B, digits.length <= 6 else { return }
        var scale = 1.0
        for _ in 0..<digits.length { scale *= 10 }
        number.value += Double(digits.key) / scale
        number.last = at + 1
        number.hasFraction = true
    }

    /// Whether another separator and digits follow a group (then it is not a clean group of three).
    private static func continuesWithDigits(_ tokens: [Token], _ index: Int) -> Bool {
        guard let next = tokens.at(index + 1) else { return false }
        return next.kind == .number && !next.has(.spaceBefore)
    }

    /// Whether exactly one space-like scalar separates two offsets.
    private static func isSingleSpace(_ text: TokenizedText, from: Int, to: Int) -> Bool {
        to - from == 1 && ScalarFolding.isSpace(text.scalar(at: from))
    }
}

extension Array where Element == Token {
    /// The token at `index`, nil past either end.
    @inline(__always)
    func at(_ index: Int) -> Token? { index >= 0 && index < count ? self[index] : nil }
}
