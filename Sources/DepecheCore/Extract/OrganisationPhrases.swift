/// Finds organisation names that open with a head noun: "Office des changes", "Association
/// marocaine de la relation client", "Confédération Générale des Entreprises du Maroc",
/// "Centre régional d'investissement du Souss-Massa-Draâ", "ministère de l'Intérieur".
///
/// After the head, the name runs on through capitalised words, small joining words and — when
/// the first word after the head is lowercase — lowercase words, until punctuation, a line
/// break, a verb or pronoun, or "et" before a capitalised word (the start of another name).
/// A lowercase name must contain a capitalised word or an adjective of scope ("marocaine",
/// "régional", "international"), so that "le Centre d'appels et de l'entreprise" is no name.
struct OrganisationPhrases {
    let text: TokenizedText

    /// Longest name, in tokens.
    private static let maximumTokens = 16
    /// Letters of the shortest lowercase head ("ministry"): shorter lowercase words are not looked up.
    static let shortestLowercaseHead = 8
    /// "et": joins two parts of one name, or two names when a capital follows.
    private static let and = FoldedKey.of("et")

    /// The organisation name whose head is token `head`, as a token range.
    func phrase(at head: Int, claimed: [Bool]) -> ClosedRange<Int>? {
        let tokens = text.tokens
        let token = tokens[head]
        guard token.kind == .word, !token.has(.allCaps) else { return nil }
        let lowercaseHead = !token.has(.capitalized)
        guard !lowercaseHead || token.length >= Self.shortestLowercaseHead else { return nil }
        guard lowercaseHead ? NameWords.lowercaseHeads.contains(token) : NameWords.organisationHeads.contains(token)
        else { return nil }
        var titleCase: Bool?
        var lastContent = head
        var sawProperWord = false
        var k = head + 1
        while k < tokens.count, k - head < Self.maximumTokens {
            let next = tokens[k]
            if next.has(.newlineBefore) || claimed[k] { break }
            if next.kind == .punct {
                // Inside a word: "Souss-Massa-Draâ", "d'investissement", "l'Intérieur".
                guard next.key == 0x27 || next.key == 0x2D, !next.has(.spaceBefore),
                      let after = tokens.at(k + 1), after.kind == .word, !after.has(.spaceBefore) else { break }
                k += 1
                continue
            }
            if next.kind == .number { break }
            if NameWords.connectors.contains(next) && !next.has(.capitalized) {
                if next.key == Self.and, let after = tokens.at(k + 1), after.has(.capitalized) { break }
                k += 1
                continue
            }
            if NameWords.phraseBreakers.contains(next) || isVerb(next) { break }
            let capitalised = next.has(.capitalized)
            if titleCase == nil { titleCase = capitalised }
            if !capitalised && (titleCase == true || lowercaseHead) { break }
            if capitalised || NameWords.scopeAdjectives.contains(next) { sawProperWord = true }
            lastContent = k
            k += 1
        }
        guard lastContent > head, sawProperWord else { return nil }
        if lowercaseHead && !tokens[lastContent].has(.capitalized) { return nil }
        return head...lastContent
    }

    /// A lowercase word with a French verb ending ("financeront", "serait").
    private func isVerb(_ token: Token) -> Bool {
        guard !token.has(.capitalized), token.length > 5 else { return false }
        let word = text.string(token.start, token.end)
        return NameWords.verbEndings.contains { word.hasSuffix($0) }
    }
}
