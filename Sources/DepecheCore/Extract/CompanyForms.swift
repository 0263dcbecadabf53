/// A company's legal form written in dotted initials after its name: "S.A.", "S.L.", "N.V.",
/// "S.A.R.L." ("Maghreb Leasing S.A.", "Société minière de l'Anti-Atlas S.A.").
enum CompanyForms {
    /// The last full stop of the dotted initials whose first capital letter is token `k`, when
    /// there are two letters or more; nil otherwise.
    static func end(in text: TokenizedText, from k: Int) -> Int? {
        let tokens = text.tokens
        guard let first = tokens.at(k), first.kind == .word, first.length == 1, first.has(.capitalized) else { return nil }
        var last = k
        var letters = 1
        while let dot = tokens.at(last + 1), dot.isPunct("."), !dot.has(.spaceBefore) {
            last += 1
            guard let letter = tokens.at(last + 1), letter.kind == .word, letter.length == 1, letter.has(.capitalized),
                  !letter.has(.spaceBefore) else { break }
            last += 1
            letters += 1
        }
        return letters >= 2 && tokens[last].isPunct(".") ? last : nil
    }
}
