/// Decides what a run of capitalised words is, from the evidence around it.
///
/// - a person: a title before it ("M. Baitas"), a known given name first ("Youssef Chraibi"),
///   a role next to it ("…, président de", "le secrétaire général, X"), or a quote ("selon X Y",
///   "X Y a déclaré");
/// - an organisation: a company word last ("Al Barid Bank"), "X centre de contacts", an item
///   of a list of organisations ("centres d'appels, en l'occurrence, Crown, Imane Id"), or an
///   all-caps word of three to eight letters nothing else explains ("OFPPT");
/// - a place: an item of a list of places ("villes, notamment, A, B et C");
/// - either, by the noun before it: "le groupe Accor", "chez l'outsourceur Intelcia", "la ville de Drarga".
/// Runs with no evidence are left out: a capital alone is not a name.
struct ChunkClassifier {
    let text: TokenizedText
    let gazetteer: Gazetteer

    /// How far before a name a role word may stand ("le secrétaire général, X").
    private static let roleWindow = 5
    /// Possessives between a name and its role ("X, son président").
    private static let possessives = WordSet("son sa ses its his her their")
    /// "a": the auxiliary of "X Y a déclaré".
    private static let has = FoldedKey.of("a")
    /// "des": the plural "of" of a category's complement ("centres des …").
    private static let des = FoldedKey.of("des")

    /// Candidates for `chunks`, in text order.
    func candidates(_ chunks: [NameChunk]) -> [NameCandidate] {
        var candidates: [NameCandidate] = []
        var listType: EntityType?
        var previousEnd = -1
        for chunk in chunks {
            if listType != nil, !onlyListSeparators(previousEnd + 1, chunk.first) { listType = nil }
            if listType == nil { listType = listCategory(before: chunk.first) }
            previousEnd = chunk.last
            if let type = listType ?? apposition(before: chunk.first) {
                candidates.append(candidate(chunk, type, .listItem))
                continue
            }
            if let found = classify(chunk) { candidates.append(found) }
        }
        return candidates
    }

    private func classify(_ chunk: NameChunk) -> NameCandidate? {
        let tokens = text.tokens
        let firstToken = tokens[chunk.first]
        if chunk.words >= 2, NameWords.trailingHeads.contains(tokens[chunk.last]), tokens[chunk.last].has(.capitalized) {
            return candidate(chunk, .org, .organisationHead)
        }
        if let end = lowercaseTrailingHead(after: chunk.last) {
            var org = candidate(chunk, .org, .organisationHead)
            org.last = end
            org.group = .surface(surfaceKey(chunk.first, end))
            return org
        }
        if NameWords.capitalParticles.contains(firstToken) && chunk.words == 1 { return nil }
        if chunk.titled && !firstToken.has(.allCaps) { return person(chunk, .title) }
        if chunk.words >= 2 && gazetteer.isGivenName(firstToken) { return person(chunk, .givenName) }
        if chunk.words >= 2 && !chunk.sentenceInitial && (hasRole(around: chunk) || isQuoted(chunk)) {
            return person(chunk, .role)
        }
        if chunk.words == 1, firstToken.has(.allCaps), (3...8).contains(firstToken.length),
           !NameWords.romanNumerals.contains(firstToken), !lineIsAllCaps(chunk.first), !joinedToCapitals(chunk.first) {
            return candidate(chunk, .org, .unknownAcronym)
        }
        return nil
    }

    private func candidate(_ chunk: NameChunk, _ type: EntityType, _ evidence: NameEvidence) -> NameCandidate {
        NameCandidate(first: chunk.first, last: chunk.last, type: type, evidence: evidence,
                      group: .surface(surfaceKey(chunk.first, chunk.last)))
    }

    private func person(_ chunk: NameChunk, _ evidence: NameEvidence) -> NameCandidate {
        NameCandidate(first: chunk.first, last: chunk.last, type: .person, evidence: evidence,
                      group: .person(PersonNameKey.of(text, chunk.first, chunk.last)))
    }

    /// Folded letters of tokens `first...last`, separators left out.
    func surfaceKey(_ first: Int, _ last: Int) -> UInt64 {
        var key = FoldedKey()
        for index in first...last where text.tokens[index].kind != .punct {
            for i in text.tokens[index].start..<text.tokens[index].end { key.add(text.scalars[i]) }
        }
        return key.value
    }

    /// A role word just before (", le secrétaire général, X") or after ("X, président de") the run.
    private func hasRole(around chunk: NameChunk) -> Bool {
        let tokens = text.tokens
        if tokens.at(chunk.last + 1)?.isPunct(",") == true {
            var k = chunk.last + 2
            while let token = tokens.at(k), k <= chunk.last + 4 {
                if NameWords.roles.contains(token) { return true }
                guard NameWords.connectors.contains(token) || token.isPunct("'") || Self.possessives.contains(token)
                else { break }
                k += 1
            }
        }
        guard tokens.at(chunk.first - 1)?.isPunct(",") == true else { return false }
        var k = chunk.first - 2
        while let token = tokens.at(k), chunk.first - k <= Self.roleWindow + 1 {
            if NameWords.roles.contains(token) { return true }
            if token.kind == .punct && !token.isPunct("'") { return false }
            k -= 1
        }
        return false
    }

    /// "selon X Y", "X Y a déclaré", "X Y said": a person is quoted.
    private func isQuoted(_ chunk: NameChunk) -> Bool {
        let tokens = text.tokens
        if NameWords.quoteOpeners.matchEnding(tokens, at: chunk.first - 1) != nil { return true }
        var k = chunk.last + 1
        if tokens.at(k)?.isPunct(",") == true { k += 1 }
        if let auxiliary = tokens.at(k), auxiliary.kind == .word, auxiliary.key == Self.has { k += 1 }
        return tokens.at(k).map { NameWords.speechVerbs.contains($0) } ?? false
    }

    /// "X centre de contacts": a lowercase company word and its "de" complement after the run.
    private func lowercaseTrailingHead(after last: Int) -> Int? {
        let tokens = text.tokens
        guard let head = tokens.at(last + 1), NameWords.lowercaseTrailingHeads.contains(head),
              !head.has(.capitalized), !head.has(.newlineBefore),
              let of = tokens.at(last + 2), NumberWords.ofWords.contains(of) || of.key == Self.des else {
            return nil
        }
        var k = last + 3
        if tokens.at(k)?.isPunct("'") == true { k += 1 }
        guard let noun = tokens.at(k), noun.kind == .word, !noun.has(.newlineBefore),
              !NameWords.phraseBreakers.contains(noun) else { return nil }
        return k
    }

    /// "le groupe Accor" → ORG, "la ville de Drarga" → LOC: a noun right before the run says what it is.
    private func apposition(before first: Int) -> EntityType? {
        let tokens = text.tokens
        var k = first - 1
        if tokens.at(k)?.isPunct("'") == true { k -= 1 }
        guard let noun = tokens.at(k), noun.kind == .word, !noun.has(.capitalized), !tokens[first].has(.newlineBefore)
        else { return nil }
        if NameWords.organisationAppositions.contains(noun) { return .org }
        if NumberWords.ofWords.contains(noun), let place = tokens.at(k - 1), !place.has(.capitalized),
           NameWords.placeAppositions.contains(place) {
            return .loc
        }
        return nil
    }

    /// The type of list a run opens: "centres d'appels, en l'occurrence, X" → ORG.
    private func listCategory(before first: Int) -> EntityType? {
        let tokens = text.tokens
        var k = first - 1
        var sawOpener = false
        while k >= 0 {
            let token = tokens[k]
            if token.isPunct(",") || token.isPunct(":") || token.isPunct("(") {
                k -= 1
            } else if let start = NameWords.listOpeners.matchEnding(tokens, at: k) {
                sawOpener = true
                k = start - 1
            } else {
                break
            }
            if first - k > 8 { return nil }
        }
        guard sawOpener, let noun = tokens.at(k) else { return nil }
        if let type = categoryType(noun) { return type }
        // "centres d'appels": the category noun has a complement.
        var head = k - 1
        if tokens.at(head)?.isPunct("'") == true { head -= 1 }
        guard let of = tokens.at(head), NumberWords.ofWords.contains(of) || of.key == Self.des,
              let category = tokens.at(head - 1) else { return nil }
        return categoryType(category)
    }

    private func categoryType(_ token: Token) -> EntityType? {
        if NameWords.organisationCategories.contains(token) { return .org }
        if NameWords.placeCategories.contains(token) { return .loc }
        return nil
    }

    /// Whether tokens `from..<to` are only list separators (",", "et", "ou", "and", "or").
    private func onlyListSeparators(_ from: Int, _ to: Int) -> Bool {
        guard from < to else { return false }
        for index in from..<to {
            let token = text.tokens[index]
            guard token.isPunct(",") || NumberWords.rangeJoiners.contains(token) else { return false }
        }
        return true
    }

    /// Whether a hyphen glues the word to another all-caps word ("RETRO-VERSO"): a shouted
    /// compound, not an acronym.
    private func joinedToCapitals(_ index: Int) -> Bool {
        let tokens = text.tokens
        let before = tokens.at(index - 1).map { $0.isPunct("-") && !tokens[index].has(.spaceBefore) } ?? false
            && (tokens.at(index - 2)?.has(.allCaps) ?? false)
        let after = (tokens.at(index + 1).map { $0.isPunct("-") && !$0.has(.spaceBefore) } ?? false)
            && (tokens.at(index + 2)?.has(.allCaps) ?? false)
        return before || after
    }

    /// Whether every word of the line holding token `index` is all caps (a shouted headline);
    /// only the 40 tokens either side are looked at, so that a huge one-line text stays linear.
    private func lineIsAllCaps(_ index: Int) -> Bool {
        let tokens = text.tokens
        var start = index
        while start > 0 && index - start < 40 && !tokens[start].has(.newlineBefore) { start -= 1 }
        var end = index
        while end + 1 < tokens.count && end - index < 40 && !tokens[end + 1].has(.newlineBefore) { end += 1 }
        return tokens[start...end].allSatisfy { $0.kind != .word || $0.has(.allCaps) || $0.length == 1 }
    }
}
