/// English names written in title case across small words: "Ministry of Economy and
/// Finance", "Special Fund for the Management of the Effects of the Earthquake", "Justice and
/// Development Party", "Port of Rotterdam Authority", "Ministry of Youth, Culture and
/// Communication", "Strait of Gibraltar".
///
/// Runs of capitalised words (`NameChunk`s) are chained through "of", "for", "the",
/// "&", "and", a possessive ("Workers' Union") and, in a ministry's list of portfolios,
/// commas. The chain is a name when an English head noun types it ("Fund", "Council", "Strait"):
/// a head ends the chain, or stands before the "of"/"for" that opens its complement. Each join
/// is checked so that two names side by side stay two:
/// - "of", "for" follow a head ("Fund for …") or lead to one the chain ends with ("Port of
///   Rotterdam Authority"), and never leave a known name ("Rabat for the World Bank");
/// - "and" joins the words of a complement ("of Economy and Finance") or the modifiers before
///   a head ("Justice and Development Party"), never a known name or a second head ("the World
///   Bank and International Monetary Fund"), and never "and the";
/// - a comma joins only when the list closes with "and" ("of Youth, Culture and Communication").
struct TitleCaseNames {
    let text: TokenizedText
    let gazetteer: Gazetteer
    /// The gazetteer's matches, looked up once.
    let hits: GazetteerHits

    /// Organisation and place candidates for the chains of `chunks` (in text order).
    func candidates(_ chunks: [NameChunk]) -> [NameCandidate] {
        var candidates: [NameCandidate] = []
        var index = 0
        while index < chunks.count {
            if index + 1 < chunks.count, let form = joinedCompanyEnd(chunks[index], chunks[index + 1]) {
                // "Atlas Travaux et Services SARL", "Gulf Water & Power Ltd", "Naviera del Norte S.A.".
                let first = chunks[index].first
                candidates.append(NameCandidate(first: first, last: form, type: .org, evidence: .organisationHead,
                                                group: group(first, form)))
                index += 2
                continue
            }
            if let form = companyFormEnd(chunks[index]) {
                // "PayAtlas Technologies S.A.": a company by its legal form.
                let first = chunks[index].first
                candidates.append(NameCandidate(first: first, last: form, type: .org, evidence: .organisationHead,
                                                group: group(first, form)))
                index += 1
                continue
            }
            let end = chainEnd(chunks, from: index)
            guard end > index || chunks[index].words >= 2, !inTitleCaseLine(chunks[index].first),
                  let type = type(chunks, index, end) else {
                index += 1
                continue
            }
            let first = chunks[index].first, last = chunks[end].last
            candidates.append(NameCandidate(first: first, last: last, type: type, evidence: .organisationHead,
                                            group: group(first, last)))
            index = end + 1
        }
        return candidates
    }

    /// Whether token `index` stands in a line written in title case, as English headlines are
    /// ("Masen Picks ACWA Power-Led Consortium for Noor Midelt II"): four words of four letters
    /// or more, all capitalised, and no full stop at the end (a short sentence may have its long
    /// words capitalised: "Officials at the Ministry of Trade and Industry met on Friday.").
    /// Its capitals name nothing (verbs have them too), so a chain there is no name. A line
    /// longer than `headlineReach` tokens either side of the chain is prose: looked at whole, a
    /// long one-line page was read again for each of its chains (quadratic).
    private func inTitleCaseLine(_ index: Int) -> Bool {
        let tokens = text.tokens
        let line = text.line(around: index, reach: Self.headlineReach)
        guard line.lowerBound == 0 || tokens[line.lowerBound].has(.newlineBefore),
              line.upperBound + 1 == tokens.count || tokens[line.upperBound + 1].has(.newlineBefore) else { return false }
        let longWords = tokens[line].filter { $0.kind == .word && $0.length >= 4 }
        return longWords.count >= 4 && longWords.allSatisfy { $0.has(.capitalized) } && !tokens[line.upperBound].isPunct(".")
    }

    /// Tokens either side of a chain that a headline's line holds at most.
    private static let headlineReach = 40

    /// "Wydad Athletic Club" is the known "Wydad": a name that opens with a known organisation
    /// (not an acronym: "CAF Champions League" is no CAF) is linked to it.
    private func group(_ first: Int, _ last: Int) -> NameGroup {
        if let hit = hits[first], hit.skipped == 0, gazetteer.entries[hit.entry].kind == .org,
           !text.tokens[first].has(.allCaps) {
            return .gazetteer(hit.entry)
        }
        return .surface(text.surfaceKey(first, last))
    }

    /// Words joining the two parts of a company's name before its legal form ("Travaux et
    /// Services SARL", "Water & Power Ltd", "Marítima del Sur S.A.", "Sucrerie des Doukkala SA").
    private static let companyJoins = WordSet("et and del de des du y")

    /// The end of `second`'s legal form when one joining word or "&" stands between `first`
    /// and `second` on one line: the two runs are one company. `second` may have lost capitalised
    /// words that read like sentence words ("Marítima del Sur S.A." runs on "Sur S.A.").
    private func joinedCompanyEnd(_ first: NameChunk, _ second: NameChunk) -> Int? {
        let tokens = text.tokens
        guard second.first >= first.last + 2, !tokens[first.last + 2].has(.newlineBefore),
              (first.last + 2..<second.first).allSatisfy({ tokens[$0].kind == .word && tokens[$0].has(.capitalized)
                  && !tokens[$0].has(.newlineBefore) }) else { return nil }
        let join = tokens[first.last + 1]
        guard Self.companyJoins.contains(join) || join.isPunct("&") else { return nil }
        if let form = CompanyForms.end(in: text, from: second.last) ?? CompanyForms.abbreviationEnd(in: text, at: second.last) {
            return form
        }
        return NameWords.legalForms.contains(tokens[second.last]) && second.words >= 2 ? second.last : nil
    }

    /// The last full stop of dotted initials ending a run of two or more words ("… S.A.",
    /// "… N.V."), or the end of an abbreviated form ending one ("… Co., Ltd", "… Inc."): a
    /// company's legal form.
    private func companyFormEnd(_ chunk: NameChunk) -> Int? {
        guard chunk.words >= 2 else { return nil }
        return CompanyForms.abbreviationEnd(in: text, at: chunk.last)
            ?? (chunk.words >= 3 ? CompanyForms.end(in: text, from: chunk.last) : nil)
    }

    // MARK: Chaining

    /// What joins two runs.
    private enum Join {
        /// "of", "for", possibly with "the": a complement follows.
        case complement
        /// "and": a coordination.
        case and
        /// A comma: an item of a list that must close with "and".
        case comma
        /// An apostrophe, with or without "s": a possessive ("Prosecutor's Office").
        case possessive
    }

    /// Index of the last chunk of the chain that starts at chunk `start`.
    private func chainEnd(_ chunks: [NameChunk], from start: Int) -> Int {
        guard !isKnown(chunks[start]) else { return start }
        var end = start
        var committed = start           // the last chunk not waiting for a list's "and"
        var headSeen = hasHead(chunks[start])
        var inComplement = false
        while end + 1 < chunks.count, end - start < Self.maximumRuns {
            let next = chunks[end + 1]
            guard let join = join(after: chunks[end].last, before: next.first), !next.titled,
                  !text.tokens[next.first].has(.newlineBefore) else { break }
            let nextHasHead = hasHead(next)
            switch join {
            case .complement:
                // "Port of Rotterdam Authority", but not "Members of the Liberty Party" after a full stop.
                guard headSeen || !chunks[start].sentenceInitial && endsWithHead(chunks, from: end + 1)
                else { return committed }
                inComplement = true
            case .and:
                // "of Economy and Finance", or "Justice and Development Party".
                guard !isKnown(next) else { return committed }
                if inComplement {
                    guard !nextHasHead else { return committed }
                } else {
                    guard !headSeen, endsWithHead(chunks, from: end + 1) else { return committed }
                }
            case .comma:
                guard inComplement, !isKnown(next), !nextHasHead else { return committed }
            case .possessive:
                guard nextHasHead else { return committed }
            }
            end += 1
            headSeen = headSeen || nextHasHead
            if join != .comma { committed = end }
        }
        return committed
    }

    /// The joining words between two runs (tokens `last + 1 ..< first`).
    private func join(after last: Int, before first: Int) -> Join? {
        let tokens = text.tokens
        let gap = first - last - 1
        guard (1...2).contains(gap), let word = tokens.at(last + 1) else { return nil }
        if word.isPunct("'") {
            guard !word.has(.spaceBefore) else { return nil }
            return gap == 1 || tokens[last + 2].key == Self.s ? .possessive : nil
        }
        if gap == 1 && word.isPunct(",") { return .comma }
        if gap == 1 && (word.isPunct("&") || word.kind == .word && word.key == Self.and) { return .and }
        guard word.kind == .word, !word.has(.capitalized), Self.complementWords.contains(word) else { return nil }
        return gap == 1 || tokens[last + 2].key == Self.the && tokens[last + 2].kind == .word ? .complement : nil
    }

    /// Whether the chain from chunk `start` on reaches a head ending a run, through complements and "and".
    private func endsWithHead(_ chunks: [NameChunk], from start: Int) -> Bool {
        var index = start
        while index - start < Self.maximumRuns {
            if isHead(chunks[index].last) { return true }
            guard index + 1 < chunks.count, let join = join(after: chunks[index].last, before: chunks[index + 1].first),
                  join == .and || join == .complement else { return false }
            index += 1
        }
        return false
    }

    // MARK: Heads

    /// The type of the chain of chunks `start...end`: that of its head, nil with no head.
    private func type(_ chunks: [NameChunk], _ start: Int, _ end: Int) -> EntityType? {
        let last = chunks[end].last
        if isHead(last) { return Self.heads[text.tokens[last]] }
        // "The High Atlas Herald": a single run is left to the other rules unless a head ends it,
        // or it opens with a known organisation ("Raja Club Athletic").
        let single = start == end && opensWithKnownOrganisation(chunks[start])
        for index in start..<(single ? end + 1 : end) {
            if let head = (chunks[index].first...chunks[index].last).first(where: isHead) {
                return Self.heads[text.tokens[head]]
            }
        }
        return nil
    }

    private func opensWithKnownOrganisation(_ chunk: NameChunk) -> Bool {
        guard let hit = hits[chunk.first], hit.last < chunk.last else { return false }
        return gazetteer.entries[hit.entry].kind == .org
    }

    private func isHead(_ index: Int) -> Bool {
        let token = text.tokens[index]
        return token.has(.capitalized) && Self.heads[token] != nil
    }

    private func hasHead(_ chunk: NameChunk) -> Bool {
        (chunk.first...chunk.last).contains { isHead($0) }
    }

    /// Whether the run is exactly a gazetteer spelling ("Morocco", "World Bank").
    private func isKnown(_ chunk: NameChunk) -> Bool {
        guard let hit = hits[chunk.first] else { return false }
        return hit.last == chunk.last
    }

    /// English head nouns of organisations and of named places, with the type they give.
    private static let heads = WordTable<EntityType>([
        ("""
            ministry department agency authority group bank council fund federation confederation office
            association university institute institution centre center commission committee court house
            party union directorate observatory foundation corporation company organization organisation
            school academy chamber society league club board bureau alliance network parliament assembly crescent
            tribunal secretariat delegation inspectorate cooperative consortium faculty college basket basketball
            """, .org),
        ("strait cape gulf bay sea ocean valley mountains islands river lake desert plain plateau", .loc),
    ].flatMap { words, type in words.split(whereSeparator: \.isWhitespace).map { (String($0), type) } })

    /// Most runs in one name: keeps the scan linear on a page of "A of B of C of …".
    private static let maximumRuns = 12

    /// Small words that open a name's complement.
    private static let complementWords = WordSet("of for")
    private static let and = FoldedKey.of("and")
    private static let the = FoldedKey.of("the")
    private static let s = FoldedKey.of("s")
}
