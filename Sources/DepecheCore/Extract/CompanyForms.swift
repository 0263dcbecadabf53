/// A company's legal form written in dotted initials after its name: "S.A.", "S.L.", "N.V.",
/// "S.A.R.L." ("Maghreb Leasing S.A.", "Société minière de l'Anti-Atlas S.A."), or abbreviated
/// with its period: "Co.", "Inc.", "Corp.", and "Co., Ltd" ("Harbour Cranes Co., Ltd").
enum CompanyForms {
    /// Abbreviated legal forms whose period belongs to the name.
    private static let abbreviations = WordSet("co inc corp ltd bhd pty")
    /// Legal forms that follow "Co." after a comma ("Co., Ltd", "Co., Inc.").
    private static let secondForms = WordSet("ltd inc")

    /// The end of the abbreviated legal form at token `k` ("Co." and its ", Ltd"): its glued
    /// period, unless that period ends the sentence ("… Engineering Ltd. The works …").
    static func abbreviationEnd(in text: TokenizedText, at k: Int) -> Int? {
        let tokens = text.tokens
        guard abbreviations.contains(tokens[k]), tokens[k].has(.capitalized) else { return nil }
        guard let comma = tokens.at(k + 2), comma.isPunct(","), let form = tokens.at(k + 3), secondForms.contains(form),
              form.has(.capitalized), !form.has(.newlineBefore), tokens[k + 1].isPunct(".") else { return period(tokens, k) }
        return period(tokens, k + 3) ?? k + 3
    }

    /// The period glued to token `k` when a sentence goes on after it.
    private static func period(_ tokens: [Token], _ k: Int) -> Int? {
        guard let dot = tokens.at(k + 1), dot.isPunct("."), !dot.has(.spaceBefore) else { return nil }
        guard let next = tokens.at(k + 2), !next.has(.newlineBefore) else { return nil }
        return next.kind == .word && next.has(.capitalized) ? nil : k + 1
    }

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
