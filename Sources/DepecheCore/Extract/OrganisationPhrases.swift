/// Finds organisation names that open with a head noun: "Office des changes", "Association
/// marocaine de la relation client", "Confédération Générale des Entreprises du Maroc",
/// "Centre régional d'investissement du Souss-Massa-Draâ", "ministère de l'Intérieur".
///
/// After the head, the name runs on through capitalised words and small joining words. A
/// lowercase word belongs to it only in two places: right after the head, an adjective
/// ("Banque mondiale", "Office national marocain", "Autorité portuaire"); right after a
/// joining word, a noun and its adjectives ("… de la relation client", "… des services
/// informatiques"); after a capitalised complement, its adjectives ("… des Forces armées
/// royales"), nationalities excepted ("ministère de l'Intérieur espagnol"). So the name stops
/// at the verb or adverb that follows it ("la Banque mondiale classe désormais …"), and at punctuation, a line break, a number, a pronoun, or
/// "et" before a capitalised word (the start of another name). A lowercase name must contain
/// a capitalised word or an adjective of scope ("marocaine", "régional", "international"),
/// so that "le Centre d'appels et de l'entreprise" is no name. A local body's lowercase head
/// ("coopérative", "conseil", "cour") opens a name only with a complement, and takes a lowercase
/// word only as its scope ("conseil communal d'…"), its usual complement ("cour d'appel de …") or
/// after a proper word ("coopérative Al Amal des betteraviers de Zemamra"); a lowercase name ends
/// with its last proper word.
struct OrganisationPhrases {
    let text: TokenizedText

    /// Longest name, in tokens.
    private static let maximumTokens = 24
    /// Letters of the shortest lowercase head ("cour"): shorter lowercase words are not looked up.
    static let shortestLowercaseHead = 4
    /// Most lowercase words in a row (a noun and its adjectives).
    private static let lowercaseRun = 3
    /// "et", "and": join two parts of one name, or two names when a capital or "the" follows.
    private static let and = WordSet("et and")
    /// "the": after "and", the start of another name ("the Union and the Court").
    private static let the = FoldedKey.of("the")
    /// "le", "la", "les": after "et" and before a capital, the start of another name ("… de Fès
    /// et le Centre …").
    private static let articles = WordSet("le la les")
    /// "à": joins a noun that takes it to its complement ("droit à la santé").
    private static let a = FoldedKey.of("à")
    /// "l" of "l'": the elided article.
    private static let elidedArticle = FoldedKey.of("l")

    /// Whether a word may head a name: a capitalised head noun or acronym ("Office", "CHU"), or
    /// a lowercase one ("ministère").
    @inline(__always)
    func mayOpen(_ token: Token) -> Bool {
        if token.has(.capitalized) {
            return token.has(.allCaps) ? NameWords.acronymHeads.contains(token) : NameWords.organisationHeads.contains(token)
        }
        return token.length >= Self.shortestLowercaseHead && isLowercaseHead(token)
    }

    /// A lowercase head: a ministry's ("ministère") or a local body's ("coopérative", "conseil").
    private func isLowercaseHead(_ token: Token) -> Bool {
        NameWords.lowercaseHeads.contains(token) || NameWords.lowercaseBodyHeads.contains(token)
    }

    /// The organisation name whose head is token `head`, as a token range.
    func phrase(at head: Int, claimed: [Bool]) -> ClosedRange<Int>? {
        let tokens = text.tokens
        let token = tokens[head]
        guard token.kind == .word, !token.has(.allCaps) || NameWords.acronymHeads.contains(token) else { return nil }
        let lowercaseHead = !token.has(.capitalized)
        guard !lowercaseHead || token.length >= Self.shortestLowercaseHead else { return nil }
        let bodyHead = lowercaseHead && NameWords.lowercaseBodyHeads.contains(token)
        guard lowercaseHead ? isLowercaseHead(token)
                : NameWords.organisationHeads.contains(token) || NameWords.acronymHeads.contains(token) else { return nil }
        var lastContent = head
        var sawProperWord = false
        var afterJoin = false          // the previous word is a joining word ("de", "des", "d'")
        var complementNoun = false     // the previous word is a capitalised noun after a joining word
        var lowercaseWords = 0         // lowercase words since the head or the last joining word
        var complemented = false       // a word after a joining word is part of the name
        var properEnd: Int?            // the last capitalised word after a complement began
        var k = head + 1
        while k < tokens.count, k - head < Self.maximumTokens {
            let next = tokens[k]
            if next.has(.newlineBefore) || claimed[k] { break }
            // "de", "d'" after a comma: another complement of the same head.
            if next.isPunct(","), let after = tokens.at(k + 1), NameWords.deOrD.contains(after), !after.has(.capitalized),
               !complementIsCapitalised(after: k + 1) {
                // "Chambre de commerce, d'industrie et de services": a list of complements (not
                // "Conseil provincial de Zagora, de l'Office national …": another name).
                k += 1
                continue
            }
            if next.kind == .punct {
                // Inside a word: "Souss-Massa-Draâ", "d'investissement", "l'Intérieur".
                guard next.key == 0x27 || next.key == 0x2D, !next.has(.spaceBefore),
                      let after = tokens.at(k + 1), after.kind == .word, !after.has(.spaceBefore) else { break }
                k += 1
                continue
            }
            if next.kind == .number { break }
            if lowercaseWords > 0, lastContent == k - 1, !tokens[lastContent].has(.capitalized),
               NameWords.nounsTakingA.contains(tokens[lastContent]), next.kind == .word, next.key == Self.a,
               let after = tokens.at(k + 1), after.kind == .word, !after.has(.capitalized) {
                // "… pour la défense du droit à la santé": the noun's own complement ("… du droit à
                // Rabat" is where the body is).
                afterJoin = true
                lowercaseWords = 0
                k += 1
                continue
            }
            if NameWords.connectors.contains(next) && !next.has(.capitalized) {
                if Self.and.contains(next), let after = tokens.at(k + 1),
                   after.has(.capitalized) || after.kind == .word && after.key == Self.the
                    || Self.articles.contains(after) && tokens.at(k + 2)?.has(.capitalized) == true
                    || after.kind == .word && after.key == Self.elidedArticle && tokens.at(k + 2)?.isPunct("'") == true
                        && tokens.at(k + 3)?.has(.capitalized) == true
                    || tokens[lastContent].has(.capitalized) && after.kind == .word
                        && (!NameWords.connectors.contains(after) || Self.articles.contains(after)) {
                    // "… et le Centre …", "… et l'Institut …", "CHU de Toulouse et membre de …", "… de
                    // Fès-Meknès et la province d'Ifrane": another name, or a clause.
                    break
                }
                afterJoin = true
                complementNoun = false
                lowercaseWords = 0
                k += 1
                continue
            }
            // "Commission sous-régionale": a lowercase compound is read by its last part.
            let tail = next.has(.capitalized) ? k : compoundTail(k)
            let word = tokens[tail]
            if NameWords.phraseBreakers.contains(word) || isVerb(word) || isParticipleClause(tail) { break }
            if word.has(.capitalized) {
                // "le conseil de BAM": a body's head followed by "de" and a name is its board, not its name.
                if bodyHead && afterJoin && lastContent == head { break }
                sawProperWord = true
                complementNoun = afterJoin
                afterJoin = false
                lowercaseWords = 0
            } else if complementNoun && lowercaseWords < Self.lowercaseRun
                        && (isAdjective(word) || NameWords.scopeAdjectives.contains(word))
                        && !NameWords.nationalities.contains(word) {
                // "… des Forces armées royales": a capitalised complement's adjectives.
                lowercaseWords += 1
            } else {
                // "… et de soutenir le processus": an infinitive after "de" starts a clause.
                if afterJoin && lowercaseWords == 0 && isInfinitive(word) { break }
                guard lowercaseWords < Self.lowercaseRun else { break }
                // "Fonds saoudien pour le développement": a nationality right after the head scopes it.
                let scope = NameWords.scopeAdjectives.contains(word)
                    || !lowercaseHead && lastContent == head && NameWords.nationalities.contains(word)
                // A lowercase head takes a lowercase word only after a proper one ("coopérative Al Amal
                // des betteraviers de …"), as its scope ("conseil communal d'…") or as its usual
                // complement ("cour d'appel de …"): "le conseil d'administration de …" is no name.
                guard !lowercaseHead || scope && lastContent == head || sawProperWord
                        || afterJoin && lastContent == head && NameWords.bodyHeadComplements.contains(word) else { break }
                // After the head: adjectives only ("Centre hospitalier universitaire"); after a joining
                // word: a noun, then its adjectives.
                let fits = lowercaseWords == 0 && afterJoin || scope || isAdjective(word)
                    || lowercaseWords > 0 && afterJoin && NameWords.nationalities.contains(word)
                guard fits, afterJoin || lastContent - head == lowercaseWords || scope else { break }
                if scope { sawProperWord = true }
                lowercaseWords += 1
            }
            if afterJoin || complementNoun { complemented = true }
            if complemented && word.has(.capitalized) { properEnd = tail }
            lastContent = tail
            k = tail + 1
        }
        guard lastContent > head, sawProperWord else { return nil }
        if lowercaseHead {
            // A lowercase name ends with its last proper word ("cour d'appel de Fès en mars"); with a
            // bare name ("l'association Moroccan Startup Ecosystem"), the head is an apposition.
            guard let properEnd else { return nil }
            lastContent = properEnd
        }
        if let form = CompanyForms.end(in: text, from: lastContent + 1), !claimed[lastContent + 1],
           !tokens[lastContent + 1].has(.newlineBefore) {
            // "Société minière de l'Anti-Atlas S.A.": the company's legal form ends its name.
            return head...form
        }
        return head...lastContent
    }

    /// Whether the complement opened by the joining word at `join` ("de", "d'") names a proper
    /// thing: its first word after any article and apostrophe is capitalised ("de l'Office").
    private func complementIsCapitalised(after join: Int) -> Bool {
        var k = join + 1
        while let token = text.tokens.at(k), token.kind == .punct && token.key == 0x27 || Self.articles.contains(token)
                || token.kind == .word && token.key == Self.elidedArticle {
            k += 1
        }
        return text.tokens.at(k)?.has(.capitalized) == true
    }

    /// The last part of the lowercase compound that starts at token `k` ("sous-régionale",
    /// "socio-économique"), or `k` when the word stands alone.
    private func compoundTail(_ k: Int) -> Int {
        let tokens = text.tokens
        guard let hyphen = tokens.at(k + 1), hyphen.isPunct("-"), !hyphen.has(.spaceBefore),
              let part = tokens.at(k + 2), part.kind == .word, !part.has(.spaceBefore), !part.has(.capitalized)
        else { return k }
        return k + 2
    }

    /// "… de l'industrie minérale basée à Rabat", "… créée en 2019": a past participle and the
    /// preposition after it open a clause about the body, not a word of its name.
    private func isParticipleClause(_ k: Int) -> Bool {
        let tokens = text.tokens
        guard !tokens[k].has(.capitalized), NameWords.participleEndings.matches(tokens[k], in: text),
              let after = tokens.at(k + 1) else { return false }
        return NameWords.participlePrepositions.contains(after)
    }

    /// A lowercase word with a French verb ending ("financeront", "serait").
    private func isVerb(_ token: Token) -> Bool {
        !token.has(.capitalized) && token.length > 5 && NameWords.verbEndings.matches(token, in: text)
    }

    /// A lowercase word of six letters or more ending like a French infinitive ("soutenir", "renforcer").
    private func isInfinitive(_ token: Token) -> Bool {
        token.length >= 6 && NameWords.infinitiveEndings.matches(token, in: text)
    }

    private func isAdjective(_ token: Token) -> Bool { NameWords.isAdjective(token, in: text) }
}
