/// Decides what a run of capitalised words is, from the evidence around it.
///
/// - a person: a title before it ("M. Baitas"), a known given name first ("Youssef Chraibi"),
///   a role next to it ("…, président de", "le secrétaire général, X"), or a quote ("selon X Y",
///   "X Y a déclaré");
/// - an organisation: a company word last ("Al Barid Bank"), "X centre de contacts", an item
///   of a list of organisations ("centres d'appels, en l'occurrence, Crown, Imane Id"), or an
///   all-caps word of three to eight letters nothing else explains ("OFPPT");
/// - a place: an item of a list of places ("villes, notamment, A, B et C"), a district's or a
///   village's name ("Hay Al Wahda", "Douar Ouled Ali");
/// - either, by the noun before it: "le groupe Accor", "chez l'outsourceur Intelcia", "la ville de Drarga".
/// Runs with no evidence are left out: a capital alone is not a name.
struct ChunkClassifier {
    let text: TokenizedText
    let gazetteer: Gazetteer
    /// The gazetteer's matches, looked up once.
    let hits: GazetteerHits

    /// How far before a name a role word may stand ("le secrétaire général de l'UMT, X").
    private static let roleWindow = 8
    /// Possessives between a name and its role ("X, son président").
    private static let possessives = WordSet("son sa ses its his her their")
    /// "a": the auxiliary of "X Y a déclaré".
    private static let has = FoldedKey.of("a")
    /// "des": the plural "of" of a category's complement ("centres des …").
    private static let des = FoldedKey.of("des")
    /// "El", which opens many Moroccan given names ("El Hachmi", "El Mostafa").
    private static let el = FoldedKey.of("el")

    /// Candidates for `chunks`, in text order.
    func candidates(_ chunks: [NameChunk]) -> [NameCandidate] {
        var candidates: [NameCandidate] = []
        var listType: EntityType?
        var previousEnd = -1
        for chunk in chunks {
            if listType != nil, !onlyListSeparators(previousEnd + 1, chunk.first) { listType = nil }
            if listType == nil { listType = listCategory(before: chunk.first) }
            previousEnd = chunk.last
            if isKnown(chunk) {
                // A gazetteer spelling: no reading of the same words beats it, only a wider one may.
                if let wider = lowercaseTrailingOrganisation(chunk) { candidates.append(wider) }
                continue
            }
            if let type = listType {
                candidates.append(candidate(chunk, type, .listItem))
                continue
            }
            if let place = namedFacility(chunk) {
                candidates.append(candidate(place, .loc, .listItem))
                continue
            }
            switch apposition(before: chunk.first) {
            case .org?: candidates.append(candidate(chunk, .org, .listItem))
            case .loc?: candidates.append(candidate(chunk, .loc, .listItem))
            case .facility?: candidates.append(NameCandidate(first: chunk.first, last: chunk.last, type: nil,
                                                             evidence: .listItem, group: .surface(0)))
            case nil: if let found = classify(chunk) { candidates.append(found) }
            }
        }
        return candidates
    }

    private func classify(_ chunk: NameChunk) -> NameCandidate? {
        let tokens = text.tokens
        let firstToken = tokens[chunk.first]
        let trailingHead = chunk.words >= 2 && NameWords.trailingHeads.contains(tokens[chunk.last])
            && tokens[chunk.last].has(.capitalized)
        if trailingHead || isBranch(chunk) || isAcronymRun(chunk) {
            return candidate(chunk, .org, .organisationHead)
        }
        if let org = lowercaseTrailingOrganisation(chunk) { return org }
        if chunk.words >= 2 && NameWords.placePrefixes.contains(firstToken) { return candidate(chunk, .loc, .listItem) }
        if NameWords.capitalParticles.contains(firstToken) && chunk.words == 1 { return nil }
        if chunk.titled && !firstToken.has(.allCaps) { return person(chunk, .title) }
        if chunk.words >= 2 && gazetteer.isGivenName(firstToken) { return person(chunk, .givenName) }
        if opensWithParticledGivenName(chunk) { return person(chunk, .givenName) }
        if let name = personInside(chunk) { return person(name, .givenName) }
        if chunk.words >= 2 && !chunk.sentenceInitial && (hasRole(around: chunk) || isQuoted(chunk.first, chunk.last)) {
            return person(chunk, .role)
        }
        if chunk.words == 1, firstToken.has(.allCaps), (3...8).contains(firstToken.length),
           !NameWords.romanNumerals.contains(firstToken), !lineIsAllCaps(chunk.first), !joinedToCapitals(chunk.first) {
            return candidate(chunk, .org, .unknownAcronym)
        }
        if chunk.words <= 3, !chunk.titled, !gazetteer.isGivenName(firstToken), isBusinessSubject(chunk) {
            return candidate(chunk, .org, .role)
        }
        if chunk.words == 1, !chunk.sentenceInitial, !chunk.titled, isPlaceAfterPreposition(firstToken, at: chunk.first) {
            return candidate(chunk, .loc, .role)
        }
        return nil
    }

    /// Whether the unknown capitalised word `token` at `index` follows a place preposition and
    /// is none of the capitalised words that also do ("in July", "in Arabic", "in Moroccan football").
    private func isPlaceAfterPreposition(_ token: Token, at index: Int) -> Bool {
        guard let preposition = text.tokens.at(index - 1), Self.placePrepositions.contains(preposition),
              !preposition.has(.capitalized), !token.has(.allCaps), !gazetteer.isGivenName(token),
              CalendarWords.months[token] == nil, !CalendarWords.weekdays.contains(token),
              !NameWords.nationalities.contains(token), !isAdjective(token) else { return false }
        // A place ends its phrase; "in Debate Weekly", "à Ahmed Alami" go on with a capital.
        return !(text.tokens.at(index + 1).map { $0.kind == .word && $0.has(.capitalized) } ?? false)
    }

    /// Words after which one unknown capitalised word is where something is or comes from
    /// ("à Tabant", "depuis Agouti", "in Kano"): a place.
    private static let placePrepositions = WordSet("à depuis vers in near")

    /// "El Hachmi Sebbari", "El Mostafa Ramid": "El", a given name and a surname. Not "Al"
    /// ("la coopérative Al Amal Zitoune"), nor honorifics that also open places ("Sidi", "Moulay").
    private func opensWithParticledGivenName(_ chunk: NameChunk) -> Bool {
        guard chunk.words >= 3, text.tokens[chunk.first].key == Self.el, let given = text.tokens.at(chunk.first + 1) else { return false }
        return given.kind == .word && gazetteer.isGivenName(given)
    }

    /// "Digital Transition and Administrative Reform Ghita Mezzour": a run whose first words
    /// are common capitalised words (no given name, particle, head or place noun) and whose
    /// rest opens with a given name and has a surname is that person, the words before being
    /// the end of a title.
    private func personInside(_ chunk: NameChunk) -> NameChunk? {
        let tokens = text.tokens
        guard chunk.words >= 3, !NameWords.romanNumerals.contains(tokens[chunk.last]) else { return nil }
        for index in chunk.first..<chunk.last where tokens[index].kind == .word {
            let token = tokens[index]
            if gazetteer.isGivenName(token) {
                guard index > chunk.first, tokens[index + 1...chunk.last].contains(where: { $0.kind == .word }) else { return nil }
                var name = chunk
                name.first = index
                name.words = tokens[index...chunk.last].count { $0.kind == .word }
                return name
            }
            if hits[index] != nil || NameWords.capitalParticles.contains(token) || NameWords.organisationHeads.contains(token)
                || NameWords.trailingHeads.contains(token) || NameWords.facilities.contains(token) { return nil }
        }
        return nil
    }

    /// "Moulay El Hassan Stadium", "the Abdelmoumen dam": a run and the English place noun it
    /// names (ending it, or lowercase right after it), one place; "Outa El Hammam square": the run
    /// alone. The run is no person.
    private func namedFacility(_ chunk: NameChunk) -> NameChunk? {
        let tokens = text.tokens
        if chunk.words >= 2, NameWords.namedPlaceHeads.contains(tokens[chunk.last]) { return chunk }
        guard let noun = tokens.at(chunk.last + 1), noun.kind == .word, !noun.has(.capitalized), noun.has(.spaceBefore),
              !noun.has(.newlineBefore) else { return nil }
        if NameWords.placesNamedBefore.contains(noun) { return chunk }
        guard NameWords.namedPlaceHeads.contains(noun) else { return nil }
        var place = chunk
        place.last += 1
        place.words += 1
        return place
    }

    /// Whether the run is exactly a gazetteer spelling (other than a given name).
    private func isKnown(_ chunk: NameChunk) -> Bool {
        guard let hit = hits[chunk.first], hit.last == chunk.last, hit.skipped == 0 else { return false }
        return gazetteer.entries[hit.entry].kind != .givenName
    }

    /// "Maghreb centre de contacts": the run and a lowercase company word with its complement.
    private func lowercaseTrailingOrganisation(_ chunk: NameChunk) -> NameCandidate? {
        guard let end = lowercaseTrailingHead(after: chunk.last) else { return nil }
        var org = candidate(chunk, .org, .organisationHead)
        org.last = end
        org.group = .surface(text.surfaceKey(chunk.first, end))
        return org
    }

    /// A known organisation followed by a known place: a subsidiary ("OCP Africa", "Orange Morocco").
    private func isBranch(_ chunk: NameChunk) -> Bool {
        guard chunk.words >= 2, let parent = hits[chunk.first], parent.skipped == 0,
              gazetteer.entries[parent.entry].kind == .org, parent.last < chunk.last,
              let place = hits[parent.last + 1], place.last == chunk.last
        else { return false }
        return gazetteer.entries[place.entry].kind == .loc
    }

    /// Two or more all-caps words of two to eight letters ("CMA CGM"), not in a shouted line.
    private func isAcronymRun(_ chunk: NameChunk) -> Bool {
        guard chunk.words >= 2, !lineIsAllCaps(chunk.first) else { return false }
        return text.tokens[chunk.first...chunk.last].allSatisfy { $0.kind == .word && $0.has(.allCaps) && (2...8).contains($0.length) }
    }

    /// The subject of a business verb ("CMA CGM y opèrent", "Lear fabrique"); not the complement
    /// of the noun that is ("les exploitations de Chtouka emploient").
    private func isBusinessSubject(_ chunk: NameChunk) -> Bool {
        if let before = text.tokens.at(skipApostrophe(chunk.first - 1)), Self.complementOf.contains(before) { return false }
        var k = chunk.last + 1
        if let clitic = text.tokens.at(k), Self.clitics.contains(clitic) { k += 1 }
        return text.tokens.at(k).map { NameWords.businessVerbs.contains($0) } ?? false
    }

    /// Words that make a name the complement of the noun before it ("de", "du", "of").
    private static let complementOf = WordSet("de d du des of")

    /// Pronouns between a subject and its verb ("y opèrent", "en produit").
    private static let clitics = WordSet("y en")

    private func candidate(_ chunk: NameChunk, _ type: EntityType, _ evidence: NameEvidence) -> NameCandidate {
        NameCandidate(first: chunk.first, last: chunk.last, type: type, evidence: evidence,
                      group: .surface(text.surfaceKey(chunk.first, chunk.last)))
    }

    private func person(_ chunk: NameChunk, _ evidence: NameEvidence) -> NameCandidate {
        NameCandidate(first: chunk.first, last: chunk.last, type: .person, evidence: evidence,
                      group: .person(PersonNameKey.of(text, chunk.first, chunk.last)))
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

    /// "selon X Y", "X Y a déclaré", "X Y said": the name in tokens `first...last` is quoted.
    func isQuoted(_ first: Int, _ last: Int) -> Bool {
        let tokens = text.tokens
        if NameWords.quoteOpeners.matchEnding(tokens, at: first - 1) != nil { return true }
        var k = last + 1
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

    /// What a noun right before a run makes of it.
    private enum Apposition {
        /// "le groupe Accor", "le groupe norvégien Yara", "le japonais Sumitomo".
        case org
        /// "la ville de Drarga", "le port de Nador West Med", "l'oued Sebou".
        case loc
        /// "le complexe Mohammed V": a building named after someone, no entity.
        case facility
    }

    /// "de", "du", "des", "of" between a place noun and its name ("le bassin du Sebou", "the
    /// douar of Aroumd").
    private static let placeOf = WordSet("de d du des of")

    /// Whether a place noun stands right before token `first` ("le port de", "l'oued").
    func namesPlace(before first: Int) -> Bool { apposition(before: first) == .loc }

    /// The noun right before the run, and what it says the run is.
    private func apposition(before first: Int) -> Apposition? {
        let tokens = text.tokens
        guard !tokens[first].has(.newlineBefore) else { return nil }
        var k = skipApostrophe(first - 1)
        guard var noun = tokens.at(k), noun.kind == .word, !noun.has(.capitalized) else { return nil }
        if NameWords.facilities.contains(noun) { return .facility }
        if NameWords.placeNouns.contains(noun) { return .loc }
        if Self.placeOf.contains(noun), var place = tokens.at(skipApostrophe(k - 1)), !place.has(.capitalized) {
            // "la zone industrielle de Selouane": an adjective may stand between.
            if !NameWords.placeAppositions.contains(place), isAdjective(place), let before = tokens.at(skipApostrophe(k - 1) - 1) { place = before }
            if NameWords.placeAppositions.contains(place) || NameWords.placeNouns.contains(place) { return .loc }
        }
        if NameWords.organisationAppositions.contains(noun) { return .org }
        // "le groupe norvégien Yara", "le constructeur franco-italien Stellantis", "le japonais Sumitomo".
        let isNationality = NameWords.nationalities.contains(noun)
        guard isNationality || isAdjective(noun) else { return nil }
        if tokens.at(k - 1)?.isPunct("-") == true, let prefix = tokens.at(k - 2), NameWords.nationalityPrefixes.contains(prefix) {
            k -= 2
        }
        guard let before = tokens.at(skipApostrophe(k - 1)), !before.has(.capitalized) || before.has(.sentenceStart) else {
            return nil
        }
        noun = before
        if NameWords.organisationAppositions.contains(noun) { return .org }
        return isNationality && NameWords.articles.contains(noun) ? .org : nil
    }

    private func isAdjective(_ token: Token) -> Bool { NameWords.isAdjective(token, in: text) }

    private func skipApostrophe(_ index: Int) -> Int { text.tokens.at(index)?.isPunct("'") == true ? index - 1 : index }

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
        // "les communes d'Aït Izdeg et d'Aghbalou": the elided "de" right before the list.
        let elided = !sawOpener && k == first - 1 && tokens.at(k)?.isPunct("'") == true && !tokens[k].has(.spaceBefore)
        if elided { k -= 1 }
        // "les compagnies Ryanair et easyJet": a category noun right before the list needs no opener.
        guard sawOpener || k == first - 1 || elided, let noun = tokens.at(k), noun.kind == .word, !noun.has(.capitalized)
        else { return nil }
        if let type = categoryType(noun) { return type }
        // "the prefectures of A, B and C", "les provinces de A et B".
        if Self.categoryOf.contains(noun), let category = tokens.at(k - 1), let type = categoryType(category) { return type }
        // "centres d'appels": the category noun has a complement.
        var head = k - 1
        if tokens.at(head)?.isPunct("'") == true { head -= 1 }
        guard let of = tokens.at(head), NumberWords.ofWords.contains(of) || of.key == Self.des,
              let category = tokens.at(head - 1) else { return nil }
        return categoryType(category)
    }

    /// "of", "de", "d'": between a category noun and its list.
    private static let categoryOf = WordSet("of de d")

    private func categoryType(_ token: Token) -> EntityType? {
        if NameWords.organisationCategories.contains(token) { return .org }
        if NameWords.placeCategories.contains(token) { return .loc }
        return nil
    }

    /// Whether tokens `from..<to` are only list separators (",", "et", "ou", "and", "or"), the
    /// preposition a French list repeats included ("de Tabant, d'Aït M'hamed et de Demnate").
    private func onlyListSeparators(_ from: Int, _ to: Int) -> Bool {
        guard from < to else { return false }
        for index in from..<to {
            let token = text.tokens[index]
            let repeatedOf = index > from && (NameWords.deOrD.contains(token) || token.isPunct("'") && index == to - 1)
            guard token.isPunct(",") || NumberWords.rangeJoiners.contains(token) || repeatedOf else { return false }
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
        text.tokens[text.line(around: index, reach: 40)].allSatisfy { $0.kind != .word || $0.has(.allCaps) || $0.length == 1 }
    }
}
