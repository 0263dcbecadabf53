/// Local councils named in lowercase, as the English-language press writes them: "the
/// municipal council of Agadir", "the regional council of the Oriental", "Sefrou municipal
/// council", "Rabat-Salé-Kénitra regional council".
///
/// The head noun comes after its adjectives ("municipal", "regional", …), so the organisation
/// heads, which open a name, do not find them. A council is a name only with its territory:
/// capitalised words right before the adjectives, or "of" (and "the") and capitalised words
/// after "council". "The council" or "a regional council" alone names no one. The territory is
/// a place of the article too: its name is read inside the council's.
struct EnglishCouncils {
    /// A council's name and its territory's tokens.
    struct Council {
        var name: NameCandidate
        var territory: ClosedRange<Int>
    }

    let text: TokenizedText

    /// "council".
    private static let council = FoldedKey.of("council")
    /// What kind of council it is: the adjectives between its territory and "council".
    private static let scopes = WordSet("municipal communal regional provincial prefectural city rural")
    /// "of", "the": between "council" and its territory.
    private static let of = FoldedKey.of("of"), the = FoldedKey.of("the")
    /// Most capitalised words of a territory ("Laayoune-Sakia El Hamra" is three).
    private static let territoryWords = 4

    /// The councils of tokens `range`, `claimed` tokens (dates, amounts) left out.
    func councils(in range: Range<Int>, claimed: [Bool]) -> [Council] {
        let tokens = text.tokens
        var found: [Council] = []
        let council = Self.council     // read once: a static's accessor at every token cost more than the loop
        for index in range where tokens[index].key == council && tokens[index].kind == .word
            && !tokens[index].has(.capitalized) && !claimed[index] {
            var first = index
            while first > range.lowerBound, Self.scopes.contains(tokens[first - 1]), !tokens[first].has(.newlineBefore) {
                first -= 1
            }
            guard first < index else { continue }
            guard let territory = territory(endingAt: first - 1, in: range, claimed: claimed)
                    ?? territory(after: index, in: range, claimed: claimed) else { continue }
            let start = min(first, territory.lowerBound), end = max(index, territory.upperBound)
            let name = NameCandidate(first: start, last: end, type: .org, evidence: .organisationHead,
                                     group: .surface(text.surfaceKey(start, end)))
            found.append(Council(name: name, territory: territory))
        }
        return found
    }

    /// The known place a council's `territory` is, as a candidate of its own.
    static func place(_ territory: ClosedRange<Int>, hits: GazetteerHits, gazetteer: Gazetteer) -> NameCandidate? {
        guard let hit = hits[territory.lowerBound], hit.skipped == 0, hit.last == territory.upperBound,
              gazetteer.entries[hit.entry].kind == .loc else { return nil }
        return .known(at: territory.lowerBound, hit, type: .loc)
    }

    /// The capitalised words (hyphens inside them allowed) that end at `last` on the council's
    /// line: "Sefrou", "Rabat-Salé-Kénitra".
    private func territory(endingAt last: Int, in range: Range<Int>, claimed: [Bool]) -> ClosedRange<Int>? {
        let tokens = text.tokens
        var first = last + 1, words = 0
        var k = last
        while k >= range.lowerBound, !claimed[k], words < Self.territoryWords {
            let token = tokens[k]
            if token.kind == .word, token.has(.capitalized), !NameWords.sentenceWords.contains(token), token.key != Self.the {
                (first, words) = (k, words + 1)
            } else if !(token.isPunct("-") && !token.has(.spaceBefore) && first == k + 1) {
                break
            }
            if token.has(.newlineBefore) { break }
            k -= 1
        }
        return words > 0 ? first...last : nil
    }

    /// The capitalised words of "of (the) <capitalised words>" after "council" at `index`.
    private func territory(after index: Int, in range: Range<Int>, claimed: [Bool]) -> ClosedRange<Int>? {
        let tokens = text.tokens
        guard let of = tokens.at(index + 1), of.kind == .word, of.key == Self.of, !of.has(.newlineBefore) else { return nil }
        var k = index + 2
        if let the = tokens.at(k), the.kind == .word, the.key == Self.the { k += 1 }
        let first = k
        var last: Int?, words = 0
        while k < range.upperBound, !claimed[k], words < Self.territoryWords, !tokens[k].has(.newlineBefore) {
            let token = tokens[k]
            if token.kind == .word, token.has(.capitalized) {
                (last, words) = (k, words + 1)
            } else if !(token.isPunct("-") && !token.has(.spaceBefore) && last == k - 1) {
                break
            }
            k += 1
        }
        return last.map { first...$0 }
    }
}
