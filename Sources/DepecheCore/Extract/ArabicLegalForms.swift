/// The legal form that ends an Arabic company name: initials joined by periods ("ش.م" شركة
/// مساهمة, "ش.م.م" ذات مسؤولية محدودة, the transliterated "إس.إل" S.L.) or a word ("المحدودة"
/// limited, "القابضة" holding).
enum ArabicLegalForms {
    /// Words that are a legal form on their own.
    private static let words = WordSet("المحدودة القابضة")
    /// Most letters in one initial ("إس", "إل" are two).
    private static let longestInitial = 2

    /// The last token of the legal form that starts at token `k`, if one does.
    static func end(in text: TokenizedText, at k: Int) -> Int? {
        let tokens = text.tokens
        guard let first = tokens.at(k), first.kind == .word, first.has(.arabic), !first.has(.newlineBefore) else { return nil }
        if words.contains(first) { return k }
        guard first.length <= longestInitial else { return nil }
        var last = k
        while let dot = tokens.at(last + 1), dot.isPunct("."), !dot.has(.spaceBefore),
              let letter = tokens.at(last + 2), letter.kind == .word, letter.has(.arabic),
              letter.length <= longestInitial, !letter.has(.spaceBefore) {
            last += 2
        }
        return last > k ? last : nil
    }
}
