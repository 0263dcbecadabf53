/// A run of capitalised words that may be a name ("Mohamed El Ouahdoudi", "Nadia ben Bahtane").
struct NameChunk: Sendable {
    /// Index of the first token, after leading sentence words and titles are dropped.
    var first: Int
    /// Index of the last token.
    var last: Int
    /// A courtesy title or a role stood right before it ("M. Baitas", "Président Xi").
    var titled: Bool
    /// It starts a sentence (its capital says nothing).
    var sentenceInitial: Bool
    /// Word tokens in it.
    var words: Int
}

/// Cuts a text into runs of capitalised words.
///
/// A run goes on through hyphens ("Jean-Pierre"), an apostrophe after one capital ("O'Neill"),
/// the Amazigh "n'" ("Tizi n'Tichka"), one or two lowercase name particles followed by a
/// capital ("ben", "el", "van der"), and
/// across a line break when the word before the break is a given name or a particle (a name
/// split by the layout). Capitalised sentence words ("Le", "Selon", "Pour") and titles at the
/// start of a run are dropped, and so is everything up to a title or role inside it ("Finance
/// Minister Nadia Fettah Alaoui").
struct CapitalisedChunks {
    let text: TokenizedText
    let gazetteer: Gazetteer
    /// The gazetteer's matches, looked up once.
    let hits: GazetteerHits

    /// The runs of tokens `range` that avoid `claimed` tokens.
    func chunks(in range: Range<Int>, claimed: [Bool]) -> [NameChunk] {
        let tokens = text.tokens
        var chunks: [NameChunk] = []
        var i = range.lowerBound
        // Runs start at capitalised words, which the gazetteer lookup has listed.
        for start in hits.looked where start >= i && range.contains(start) {
            i = start
            guard isNameWord(i, claimed) else { continue }
            var last = i
            while true {
                let next = last + 1
                if next < range.upperBound, tokens[next].isPunct("-"), !tokens[next].has(.spaceBefore),
                   next + 1 < range.upperBound, isNameWord(next + 1, claimed), !tokens[next + 1].has(.spaceBefore) {
                    last = next + 1
                } else if next < range.upperBound, isNameWord(next, claimed), tokens[next].has(.spaceBefore),
                          !NameWords.titleCaseBreakers.contains(tokens[next]),
                          !tokens[next].has(.newlineBefore) || continuesAcrossLine(last, next) {
                    last = next
                } else if next + 1 < range.upperBound, tokens[next].isPunct("'"), !tokens[next].has(.spaceBefore),
                          tokens[last].length == 1, isNameWord(next + 1, claimed), !tokens[next + 1].has(.spaceBefore) {
                    // "O'Neill", "D'Souza": one capital, an apostrophe, the rest of the name.
                    last = next + 1
                } else if next + 2 < range.upperBound, tokens[next].key == Self.berberOf, !tokens[next].has(.capitalized),
                          tokens[next + 1].isPunct("'"), !tokens[next + 1].has(.spaceBefore), isNameWord(next + 2, claimed),
                          !tokens[next + 2].has(.spaceBefore) {
                    // "Tizi n'Oumalou", "Tizi n'Tichka": the Amazigh "of" inside a place's name.
                    last = next + 2
                } else if next + 1 < range.upperBound, tokens[next].isPunct("."), !tokens[next].has(.spaceBefore),
                          isMiddleInitial(last), isNameWord(next + 1, claimed), tokens[next + 1].has(.spaceBefore),
                          !tokens[next + 1].has(.newlineBefore) {
                    // "Amina J. Mohammed": the initial's full stop ends no name.
                    last = next + 1
                } else if let surname = surnameAfterParticles(last, range, claimed) {
                    last = surname
                } else {
                    break
                }
            }
            if let chunk = trimmed(i, last) { chunks.append(chunk) }
            i = last + 1
        }
        return chunks
    }

    /// "de": a particle of a person's name ("Staffan de Mistura").
    private static let de = FoldedKey.of("de")
    /// "n" of "n'": the Amazigh "of" ("Tizi n'Tichka").
    private static let berberOf = FoldedKey.of("n")

    /// The name word after one or two lowercase particles following token `last` ("Nadia ben
    /// Bahtane", "Pieter van der Berg"), on the same line.
    private func surnameAfterParticles(_ last: Int, _ range: Range<Int>, _ claimed: [Bool]) -> Int? {
        let tokens = text.tokens
        var k = last + 1
        while k < range.upperBound, k - last <= 2, !tokens[k].has(.capitalized), !tokens[k].has(.newlineBefore),
              NameWords.particles.contains(tokens[k]) || tokens[k].key == Self.de && joinsSurname(last, k + 1) {
            k += 1
        }
        guard k > last + 1, k < range.upperBound, isNameWord(k, claimed), !tokens[k].has(.newlineBefore) else { return nil }
        return k
    }

    /// A capital letter alone after a given name ("Amina J.", "George W."): a middle initial.
    private func isMiddleInitial(_ index: Int) -> Bool {
        let tokens = text.tokens
        guard index > 0, tokens[index].length == 1, tokens[index].has(.capitalized) else { return false }
        return gazetteer.isGivenName(tokens[index - 1])
    }

    /// A capitalised Latin word (or a brand like "easyJet") that no earlier recogniser took.
    private func isNameWord(_ index: Int, _ claimed: [Bool]) -> Bool {
        let token = text.tokens[index]
        return token.kind == .word && (token.has(.capitalized) || token.has(.innerCapital)) && !token.has(.arabic)
            && !claimed[index]
    }

    /// "X de Y" is one name when neither side is a known name or an organisation's head
    /// ("Staffan de Mistura", but not "Raja de Casablanca" or "Banque de France").
    private func joinsSurname(_ last: Int, _ next: Int) -> Bool {
        let tokens = text.tokens
        guard !NameWords.organisationHeads.contains(tokens[last]), !NameWords.facilities.contains(tokens[last]),
              hits[next] == nil else { return false }
        var start = last
        while start > 0, tokens[start - 1].kind == .word, tokens[start - 1].has(.capitalized),
              !tokens[start].has(.newlineBefore) {
            start -= 1
        }
        return hits[start] == nil
    }

    /// A name goes on across a (single) line break after a given name or a particle.
    private func continuesAcrossLine(_ last: Int, _ next: Int) -> Bool {
        let tokens = text.tokens
        // "Par Hicham Ou-Brahim\nLe 11/03/2025": a line opening with an article starts anew.
        guard !tokens[next].has(.blankLineBefore), !NameWords.sentenceWords.contains(tokens[next]) else { return false }
        return gazetteer.isGivenName(tokens[last]) || NameWords.capitalParticles.contains(tokens[last])
    }

    /// The run without its leading sentence words and titles; nil when nothing is left.
    private func trimmed(_ start: Int, _ end: Int) -> NameChunk? {
        let tokens = text.tokens
        var first = start
        var titled = hasTitle(before: start)
        var sentenceInitial = tokens[start].has(.sentenceStart)
        while first <= end {
            let token = tokens[first]
            if NameWords.sentenceWords.contains(token) {
                // Checked first: most runs are one sentence-initial word ("Le", "Pour"); the sets are disjoint.
            } else if NameWords.titles.contains(token) || NameWords.roles.contains(token) {
                titled = true
                first = afterTitle(first, end: end)
                sentenceInitial = false
                continue
            } else if let after = demonym(at: first, end: end) {
                // "le Sud-Africain Rulani Mokwena", "l'Espagnol Pedro Sánchez": a person.
                titled = true
                first = after
                sentenceInitial = false
                continue
            } else {
                break
            }
            first += 1
            if first <= end, tokens[first].isPunct(".") { first += 1 }
            sentenceInitial = false
        }
        guard first <= end else { return nil }
        // "Finance Minister Nadia Fettah Alaoui": the name starts after the last title or role.
        if let role = (first..<end).last(where: {
            NameWords.titles.contains(tokens[$0]) || NameWords.roles.contains(tokens[$0])
        }) {
            first = afterTitle(role, end: end)
            guard first <= end else { return nil }
            titled = true
            sentenceInitial = false
        }
        var words = 0
        for index in first...end where tokens[index].kind == .word { words += 1 }
        return NameChunk(first: first, last: end, titled: titled, sentenceInitial: sentenceInitial, words: words)
    }

    /// The token after the title or role at `index`, past the rest of a hyphenated one
    /// ("Secretary-General", "Director-General") and an abbreviation's full stop ("M.").
    private func afterTitle(_ index: Int, end: Int) -> Int {
        let tokens = text.tokens
        var next = index + 1
        if next < end, tokens[next].isPunct("-"), !tokens[next].has(.spaceBefore), tokens[next + 1].kind == .word,
           !tokens[next + 1].has(.spaceBefore) {
            next += 2
        }
        if next <= end, tokens[next].isPunct(".") { next += 1 }
        return next
    }

    /// A capitalised demonym used as a noun after a French article, at token `index` ("le
    /// Marocain", "l'Espagnole", "le Sud-Africain"): the index of the token after it.
    private func demonym(at index: Int, end: Int) -> Int? {
        let tokens = text.tokens
        guard tokens[index].has(.capitalized), index < end else { return nil }
        var before = index - 1
        if tokens.at(before)?.isPunct("'") == true { before -= 1 }
        guard let article = tokens.at(before), NameWords.articles.contains(article), !article.has(.capitalized)
                || article.has(.sentenceStart), article.key != Self.the else { return nil }
        var k = index
        if NameWords.nationalityPrefixes.contains(tokens[k]), k + 2 <= end, tokens[k + 1].isPunct("-") { k += 2 }
        guard NameWords.nationalities.contains(tokens[k]), k < end else { return nil }
        return k + 1
    }

    /// "the": English demonyms are adjectives ("the African Development Bank").
    private static let the = FoldedKey.of("the")

    /// "M. X", "Mme X", "Dr X" (a title word and its period), or a lowercase role right before
    /// `index` ("son homologue X", "le ministre X").
    private func hasTitle(before index: Int) -> Bool {
        let tokens = text.tokens
        var k = index - 1
        if tokens.at(k)?.isPunct(".") == true { k -= 1 }
        guard let title = tokens.at(k) else { return false }
        if k == index - 1, !title.has(.capitalized), NameWords.roles.contains(title) { return true }
        return NameWords.titles.contains(title) && title.has(.capitalized)
    }
}
