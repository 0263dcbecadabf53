/// The outlet an Arabic article says a source spoke to: "في تصريح لجريدة نبض الواحة", "في
/// تصريح لموقع برلمان.كوم" (in a statement to the newspaper, to the site X). A story written
/// for the page names the page's own publication so: the source when nothing else names one.
enum StatementOutlet {
    /// "تصريح" (statement), "حديث" (talk), "حوار" (interview), before "to the outlet".
    private static let statements = WordSet("تصريح تصريحات حديث حوار")
    /// Outlet nouns, after the proclitic "ل" (to).
    private static let outlets = WordSet("جريدة صحيفة موقع يومية مجلة أسبوعية")
    private static let lam: UInt32 = 0x644
    /// Most words in an outlet's name.
    private static let longestName = 3

    /// The name after the body's first "<statement> ل<outlet noun>", up to a punctuation mark
    /// (a dot glued between two words stays: "برلمان.كوم") or a word no name holds ("إن", "أمس").
    static func name(in text: TokenizedText, _ body: Range<Int>) -> String? {
        let tokens = text.tokens
        guard text.landmarks.firstArabicWord >= 0 else { return nil }
        for index in body.dropLast(2) where tokens[index].has(.arabic) && statements.contains(tokens[index]) {
            guard let outlet = ArabicWord.stripped(text, index + 1), outlet.proclitic == lam,
                  outlets.contains(key: outlet.key) else { continue }
            var last = index + 1
            var words = 0
            var next = index + 2
            while next < body.upperBound, words < longestName, !tokens[next].has(.newlineBefore) {
                let token = tokens[next]
                if token.kind == .word && ArabicNameWords.nameBreakers.contains(token) {
                    break       // "لموقع هسبريس إن …", "لجريدة الصباح أمس"
                } else if token.kind == .word || token.kind == .number {
                    words += 1
                    last = next
                } else if !(token.isPunct(".") && !token.has(.spaceBefore) && next + 1 < body.upperBound
                            && tokens[next + 1].kind == .word && !tokens[next + 1].has(.spaceBefore)) {
                    break
                }
                next += 1
            }
            return words > 0 ? text.string(tokens: index + 2, last) : nil
        }
        return nil
    }
}
