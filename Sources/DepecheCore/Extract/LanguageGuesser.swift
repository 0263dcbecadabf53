/// Tells French, English and Arabic apart by script and by their commonest words.
enum LanguageGuesser {
    private static let frenchWords = """
        le la les des du de et est une un pour dans que qui sur au aux avec par ce cette il elle sont pas ont été
        """
    private static let englishWords = """
        the of and to in is for that with on was are by as at from it this be have has were will
        """

    /// Each common word's languages, bit 0 French, bit 1 English: one look-up a word.
    private static let commonWords: KeyTable<UInt8> = {
        var table = KeyTable<UInt8>()
        for (words, bit) in [(frenchWords, UInt8(1)), (englishWords, UInt8(2))] {
            for word in words.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                let key = FoldedKey.of(word)
                table[key] = (table[key] ?? 0) | bit
            }
        }
        return table
    }()

    /// Words looked at: enough to tell, few enough to cost nothing on long articles.
    private static let sample = 200

    /// `fr`, `en`, `ar`, or `und` when the text has too few words to tell.
    static func guess(_ tokens: ArraySlice<Token>) -> String {
        var words = 0, arabic = 0, fr = 0, en = 0
        let commonWords = Self.commonWords      // read once: each read of a lazy global is a call
        for token in tokens where token.kind == .word {
            words += 1
            if words > sample { break }
            if token.has(.arabic) {
                arabic += 1
            } else if let languages = commonWords[token.key] {
                if languages & 1 != 0 { fr += 1 } else { en += 1 }
            }
        }
        if words >= 3 && arabic * 10 >= words * 3 { return "ar" }
        if fr >= 3 && fr > en { return "fr" }
        if en >= 3 && en >= fr { return "en" }
        return "und"
    }
}
