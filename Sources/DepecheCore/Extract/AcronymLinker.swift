/// An acronym written next to its expansion: "Association marocaine de la relation client
/// (AMRC)" or "ACASIOM (Association des centres d'appels …)".
struct AcronymPair: Sendable {
    /// The acronym's token.
    var acronym: Int
    /// First and last token of the expansion.
    var expansion: ClosedRange<Int>
    /// ORG, LOC, or nil when the expansion names no organisation ("Business process outsourcing").
    var type: EntityType?
}

/// Finds acronyms next to their expansions in parentheses, in either order.
///
/// The acronym's letters must be the initials of the expansion's words, in order; small
/// words ("de", "la", "of") may be skipped and one content word may be left out. An
/// all-caps acronym after an organisation's name may also take its initials in another order
/// ("Autorité portuaire Tanger Med (TMPA)"). The pair is
/// an organisation when the expansion opens with an organisation head ("Association",
/// "Union", "Salon", "Confédération"…).
struct AcronymLinker {
    let text: TokenizedText

    /// Longest acronym considered.
    private static let maximumLetters = 10

    /// All pairs of tokens `range`.
    func pairs(in range: Range<Int>) -> [AcronymPair] {
        let tokens = text.tokens
        var pairs: [AcronymPair] = []
        for open in text.landmarks.openingParentheses where range.contains(open) {
            if let acronym = acronymWord(at: open + 1), tokens.at(open + 2)?.isPunct(")") == true {
                let letters = letters(of: acronym)
                let words = contentWords(before: open, letters: letters.count)
                if let expansion = expansionBefore(open, letters: letters, words: words)
                    ?? reorderedExpansionBefore(open, letters: letters, words: words) {
                    pairs.append(AcronymPair(acronym: acronym, expansion: expansion, type: type(of: expansion)))
                    continue
                }
            }
            if open > 0, let acronym = acronymWord(at: open - 1), tokens[acronym].has(.allCaps),
               let expansion = expansionInside(open, letters: letters(of: acronym)) {
                pairs.append(AcronymPair(acronym: acronym, expansion: expansion, type: type(of: expansion)))
            }
        }
        return pairs
    }

    /// A word that may be an acronym: all caps ("AMRC") or one capitalised word ("Siccam").
    private func acronymWord(at index: Int) -> Int? {
        guard let token = text.tokens.at(index), token.kind == .word, token.has(.capitalized),
              (2...Self.maximumLetters).contains(token.length) else { return nil }
        return index
    }

    private func letters(of index: Int) -> [UInt32] {
        let token = text.tokens[index]
        var letters: [UInt32] = []
        letters.reserveCapacity(token.length)
        text.forEachScalar(of: token) { ScalarFolding.fold($0) { letters.append($0) } }
        return letters
    }

    /// The content words (not "de", "la", "of"…) before `(`, nearest first, as far as an
    /// expansion of `letters` letters may reach: up to a line break or punctuation other than
    /// apostrophes and hyphens.
    private func contentWords(before open: Int, letters: Int) -> [Int] {
        let tokens = text.tokens
        var words: [Int] = []
        var k = open - 1
        while k >= 0, open - k <= letters * 3 + 4 {
            let token = tokens[k]
            if token.kind == .punct {
                guard token.key == 0x27 || token.key == 0x2D else { break }
            } else if token.kind != .word || (k < open - 1 && tokens[k + 1].has(.newlineBefore)) {
                break
            } else if !NameWords.connectors.contains(token) {
                words.append(k)
            }
            k -= 1
        }
        return words
    }

    /// The expansion ending just before `(`: matched from the acronym's last letter backwards
    /// over `words`, the content words before `(`.
    private func expansionBefore(_ open: Int, letters: [UInt32], words: [Int]) -> ClosedRange<Int>? {
        var needed = letters.count - 1
        var skippedContent = 0
        for k in words {
            if initial(of: text.tokens[k]) == letters[needed] {
                if needed == 0 { return opensTitleCase(k, before: open) ? nil : k...(open - 1) }
                needed -= 1
            } else {
                skippedContent += 1
                if skippedContent > 1 { return nil }
            }
        }
        return nil
    }

    /// An expansion ending just before `(` whose initials are the acronym's letters in another
    /// order, opening with an organisation head: "Autorité portuaire Tanger Med (TMPA)" (the
    /// acronym of the English name). Every content word must give one of the letters.
    private func reorderedExpansionBefore(_ open: Int, letters: [UInt32], words: [Int]) -> ClosedRange<Int>? {
        guard letters.count >= 3, text.tokens[open + 1].has(.allCaps) else { return nil }
        var remaining = letters
        for k in words {
            let token = text.tokens[k]
            guard let found = remaining.firstIndex(of: initial(of: token)) else { return nil }
            remaining.remove(at: found)
            if remaining.isEmpty {
                return NameWords.organisationHeads.contains(token) && token.has(.capitalized) ? k...(open - 1) : nil
            }
        }
        return nil
    }

    /// The expansion inside `( … )` after the acronym: matched from its first letter forwards.
    private func expansionInside(_ open: Int, letters: [UInt32]) -> ClosedRange<Int>? {
        let tokens = text.tokens
        var needed = 0
        var skippedContent = 0
        var k = open + 1
        var lastMatched = -1
        while k < tokens.count, k - open <= letters.count * 3 + 4 {
            let token = tokens[k]
            if token.isPunct(")") { break }
            if token.kind == .punct {
                guard token.key == 0x27 || token.key == 0x2D else { return nil }
                k += 1
                continue
            }
            if token.kind != .word || token.has(.newlineBefore) { return nil }
            if NameWords.connectors.contains(token) {
                // Small words are never initials.
            } else if needed < letters.count, initial(of: token) == letters[needed] {
                if needed == 0 && k != open + 1 { return nil }
                needed += 1
                lastMatched = k
            } else {
                skippedContent += 1
                if skippedContent > 1 || needed == 0 { return nil }
            }
            k += 1
        }
        guard needed == letters.count, tokens.at(k)?.isPunct(")") == true, lastMatched == k - 1 else { return nil }
        return (open + 1)...(k - 1)
    }

    /// "covered the National Social Security Fund (CNSS)": a lowercase word before a title-case
    /// name is no part of it, even when its initial fits the acronym.
    private func opensTitleCase(_ first: Int, before open: Int) -> Bool {
        let token = text.tokens[first]
        guard !token.has(.capitalized), !NameWords.lowercaseHeads.contains(token),
              let next = (first + 1..<open).first(where: { !NameWords.connectors.contains(text.tokens[$0]) })
        else { return false }
        return text.tokens[next].has(.capitalized)
    }

    private func initial(of token: Token) -> UInt32 {
        var first: UInt32 = 0
        ScalarFolding.fold(text.scalar(token)) { if first == 0 { first = $0 } }
        return first
    }

    /// ORG when the expansion opens with an organisation head ("Association marocaine de …"),
    /// ends with a capitalised one ("Moroccan Startup Association"), or is title case with one
    /// inside ("Raja Club Athletic", "Olympique Club de Khouribga"), else nothing.
    private func type(of expansion: ClosedRange<Int>) -> EntityType? {
        let tokens = text.tokens
        let last = tokens[expansion.upperBound]
        let endsWithHead = last.has(.capitalized) && NameWords.trailingHeads.contains(last)
        let isHead = { (token: Token) in
            token.has(.capitalized) && (NameWords.trailingHeads.contains(token) || NameWords.organisationHeads.contains(token))
        }
        let titleCase = tokens[expansion].allSatisfy { $0.kind != .word || $0.has(.capitalized) || NameWords.connectors.contains($0) }
        let headInside = titleCase && tokens[expansion].contains(where: isHead)
        return endsWithHead || headInside || NameWords.organisationHeads.contains(tokens[expansion.lowerBound]) ? .org : nil
    }
}
