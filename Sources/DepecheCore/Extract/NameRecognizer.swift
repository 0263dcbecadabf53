/// One accepted mention of a person, organisation or place.
struct NameMention: Sendable {
    /// PERSON, ORG or LOC; nil for a known non-entity (it only blocks other readings).
    var type: EntityType?
    /// Scalar range in the text.
    var range: Range<Int>
    /// Index of the token the range starts in.
    var firstToken: Int
    /// Why it was accepted.
    var evidence: NameEvidence
    /// Index of its entity among `NameRecognizer.Result.clusters`.
    var cluster: Int
    /// The known name it stands for, if any.
    var canonical: KnownName?
}

/// Finds the people, organisations and places of an article: gazetteer spellings, acronyms
/// with their expansions, organisation head nouns, and capitalised runs with evidence; then
/// keeps the longest, best-evidenced reading of each stretch of text and links the mentions
/// of one entity (spelling variants, acronym and expansion, surname alone).
struct NameRecognizer {
    let text: TokenizedText
    let gazetteer: Gazetteer
    /// Whether the article is in English: only English names local councils in lowercase after their adjectives.
    var english = false

    /// The mentions, in text order, with `clusters` entity indices.
    struct Result {
        /// Accepted mentions in text order.
        var mentions: [NameMention]
        /// Number of distinct entities.
        var clusters: Int
    }

    /// Names of tokens `range`; `claimed` tokens (dates, amounts) are never part of a name;
    /// `extra` are candidates found elsewhere (the byline's publication).
    func recognize(in range: Range<Int>, claimed: [Bool], extra: [NameCandidate]) -> Result {
        var candidates = extra
        candidates.reserveCapacity(range.count / 6 + 8)
        var links = UnionFind()
        let pairs = AcronymLinker(text: text).pairs(in: range)
        candidates += pairCandidates(pairs, links: &links)
        let hits = GazetteerHits(text: text, gazetteer: gazetteer, range: range)
        let classifier = ChunkClassifier(text: text, gazetteer: gazetteer, hits: hits)
        addGazetteerCandidates(to: &candidates, claimed: claimed, pairs: pairs, hits: hits, classifier: classifier)
        let phrases = OrganisationPhrases(text: text)
        for index in hits.looked where !claimed[index] {
            let token = text.tokens[index]
            guard phrases.mayOpen(token) else { continue }
            // "World Bank for …": a head after a capitalised word ends a name, it does not open one.
            let previous = text.tokens[max(index - 1, 0)]
            if index > range.lowerBound, previous.kind == .word, previous.has(.capitalized), !token.has(.newlineBefore),
               !NameWords.sentenceWords.contains(previous) {
                continue
            }
            if let phrase = phrases.phrase(at: index, claimed: claimed) {
                candidates.append(NameCandidate(first: phrase.lowerBound, last: phrase.upperBound, type: .org,
                                                evidence: .organisationHead,
                                                group: .surface(text.surfaceKey(phrase.lowerBound, phrase.upperBound))))
            }
        }
        let councils = english ? EnglishCouncils(text: text).councils(in: range, claimed: claimed) : []
        candidates += councils.map(\.name)
        candidates += ArabicNames(text: text, gazetteer: gazetteer, hits: hits).candidates(in: range, claimed: claimed)
        let chunks = CapitalisedChunks(text: text, gazetteer: gazetteer, hits: hits).chunks(in: range, claimed: claimed)
        // Title-case chains first: of two equal readings, the first proposed wins.
        candidates += TitleCaseNames(text: text, gazetteer: gazetteer, hits: hits).candidates(chunks)
        candidates += classifier.candidates(chunks)

        // "C'est", "L'an": one letter is an elision or an initial, never a name by itself.
        candidates.removeAll { $0.width == 1 && text.tokens[$0.first].length == 1 && $0.evidence != .gazetteer }
        var accepted = resolve(candidates, tokenCount: text.tokens.count)
        // "the Rabat-Salé-Kénitra regional council": its known territory is a place as well.
        for council in councils where accepted.contains(where: { $0.first == council.name.first && $0.last == council.name.last }) {
            if let place = EnglishCouncils.place(council.territory, hits: hits, gazetteer: gazetteer) { accepted.append(place) }
        }
        // A credit line's publication only keeps other readings off its tokens.
        accepted.removeAll { $0.evidence == .credit }
        accepted += coordinatedMentions(chunks, accepted: accepted)
        accepted += surnameMentions(chunks, accepted: accepted)
        quotedSurnames(&accepted, classifier: classifier)
        accepted.sort { $0.first < $1.first }
        pairParenthesisedAcronyms(&accepted, links: &links)
        link(accepted, links: &links)
        return assemble(accepted, links: &links)
    }

    // MARK: Candidates

    private func pairCandidates(_ pairs: [AcronymPair], links: inout UnionFind) -> [NameCandidate] {
        var candidates: [NameCandidate] = []
        for (index, pair) in pairs.enumerated() {
            let group = NameGroup.acronym(index)
            var type = pair.type
            var canonical = KnownName.expansion(pair.expansion)
            for start in [pair.acronym, pair.expansion.lowerBound] {
                guard let found = gazetteer.longestMatch(in: text, at: start), found.skipped == 0,
                      found.last == (start == pair.acronym ? pair.acronym : pair.expansion.upperBound) else { continue }
                let entry = gazetteer.entries[found.entry]
                type = Self.entityType(entry.kind) ?? (entry.kind == .misc ? nil : type)
                canonical = .entry(found.entry)
                links.union(group.key, NameGroup.gazetteer(found.entry).key)
            }
            for span in [pair.acronym...pair.acronym, pair.expansion] {
                candidates.append(NameCandidate(first: span.lowerBound, last: span.upperBound, type: type,
                                                evidence: .acronymPair, group: group, canonical: canonical))
            }
        }
        return candidates
    }

    /// Appends the gazetteer's matches (and the lone mentions of paired acronyms) to `candidates`
    /// in place: on a long text their array would be as big as the candidates' own.
    private func addGazetteerCandidates(to candidates: inout [NameCandidate], claimed: [Bool], pairs: [AcronymPair],
                                        hits: GazetteerHits, classifier: ChunkClassifier) {
        var acronyms = KeyTable<Int>()
        for (index, pair) in pairs.enumerated() where acronyms[text.tokens[pair.acronym].key] == nil {
            acronyms[text.tokens[pair.acronym].key] = index
        }
        for index in hits.looked where !claimed[index] {
            let token = text.tokens[index]
            if !pairs.isEmpty, token.has(.capitalized), let pair = acronyms[token.key] {
                candidates.append(NameCandidate(first: index, last: index, type: pairs[pair].type,
                                                evidence: .acronymPair, group: .acronym(pair)))
            }
            guard let found = hits[index], !(index...found.last).contains(where: { claimed[$0] }) else { continue }
            let entry = gazetteer.entries[found.entry]
            guard entry.kind != .givenName else { continue }
            // "au port de Tanger Med": the organisation's name stands for the place it runs.
            var type = Self.entityType(entry.kind)
            if type == .org, found.skipped == 0, classifier.namesPlace(before: index) { type = .loc }
            candidates.append(.known(at: index, found, type: type))
        }
    }

    /// The entity type of a gazetteer kind (nil for MISC and given names).
    static func entityType(_ kind: GazetteerKind) -> EntityType? {
        switch kind {
        case .person: .person
        case .org: .org
        case .loc: .loc
        case .misc, .givenName: nil
        }
    }

    // MARK: Resolution

    /// Keeps, of overlapping candidates, the widest, then the best evidenced, then the first.
    private func resolve(_ candidates: [NameCandidate], tokenCount: Int) -> [NameCandidate] {
        // One integer per candidate orders them: wider, then better evidenced, then earlier (then
        // in the order proposed); sorting integers beats sorting candidates with a tuple comparison.
        // Each key sits beside its index, so that comparisons read neither array again.
        var order = candidates.enumerated().map { index, candidate in
            (key: UInt64(min(candidate.width, 0xFFFF)) << 48 | UInt64(candidate.evidence.rawValue) << 40
                | (0xFF_FFFF_FFFF - UInt64(candidate.first)), index: index)
        }
        order.sort { $0.key != $1.key ? $0.key > $1.key : $0.index < $1.index }
        var taken = [Bool](repeating: false, count: tokenCount)
        var accepted: [NameCandidate] = []
        accepted.reserveCapacity(candidates.count)
        for (_, index) in order {
            let candidate = candidates[index]
            guard !(candidate.first...candidate.last).contains(where: { taken[$0] }) else { continue }
            for token in candidate.first...candidate.last { taken[token] = true }
            accepted.append(candidate)
        }
        return accepted
    }

    /// "Eurogate et Marsa Maroc", "Bouarfa et Jerada", "Ericsson, Nokia and Huawei": a run
    /// nothing explained, joined by "et", "and", "ou" or a comma to an organisation or a place,
    /// is one too. Lists are followed both ways, from the known name outwards.
    private func coordinatedMentions(_ chunks: [NameChunk], accepted: [NameCandidate]) -> [NameCandidate] {
        let tokens = text.tokens
        var typeEnding = [EntityType?](repeating: nil, count: tokens.count)
        var typeStarting = [EntityType?](repeating: nil, count: tokens.count)
        var taken = [Bool](repeating: false, count: tokens.count)
        for candidate in accepted {
            for index in candidate.first...candidate.last { taken[index] = true }
            guard candidate.type == .org || candidate.type == .loc, candidate.evidence != .unknownAcronym else { continue }
            typeEnding[candidate.last] = candidate.type
            typeStarting[candidate.first] = candidate.type
        }
        let joins = { (index: Int) -> Bool in
            guard let token = tokens.at(index), !token.has(.newlineBefore) else { return false }
            return token.isPunct(",") || NameWords.coordinators.contains(token)
        }
        var found: [NameCandidate] = []
        // Backwards, then forwards (by index: `chunks.reversed() + chunks` would copy them twice).
        for step in 0..<(2 * chunks.count) {
            let chunk = chunks[step < chunks.count ? chunks.count - 1 - step : step - chunks.count]
            // "ACWA Power and Moroccan group Nareva": a nationality alone is no item of the list.
            guard !(chunk.first...chunk.last).contains(where: { taken[$0] }), !chunk.titled,
                  !gazetteer.isGivenName(tokens[chunk.first]),
                  chunk.words > 1 || !NameWords.nationalities.contains(tokens[chunk.first]) else { continue }
            // A capital after a full stop may be any word ("Ici, Eurogate et …"): only "et" joins it.
            let joinsAfter = chunk.sentenceInitial && chunk.words == 1
                ? { (index: Int) in tokens.at(index).map { NameWords.coordinators.contains($0) } ?? false } : joins
            var type: EntityType?
            if chunk.last + 2 < tokens.count, joinsAfter(chunk.last + 1) { type = typeStarting[chunk.last + 2] }
            if type == nil, chunk.first >= 2, joins(chunk.first - 1) { type = typeEnding[chunk.first - 2] }
            guard let type else { continue }
            found.append(NameCandidate(first: chunk.first, last: chunk.last, type: type, evidence: .listItem,
                                       group: .surface(text.surfaceKey(chunk.first, chunk.last))))
            for index in chunk.first...chunk.last { taken[index] = true }
            typeEnding[chunk.last] = type
            typeStarting[chunk.first] = type
        }
        return found
    }

    /// The people of `accepted` by their surname, surnames of two people left out.
    private func surnames(_ accepted: [NameCandidate]) -> KeyTable<NameGroup> {
        var all = KeyTable<NameGroup>()
        var ambiguous = KeyTable<Bool>()
        for candidate in accepted where candidate.type == .person && candidate.width > 1 {
            let key = PersonNameKey.of(text, word: text.tokens[candidate.last])
            if let known = all[key], known != candidate.group { ambiguous[key] = true }
            all[key] = candidate.group
        }
        guard ambiguous.count > 0 else { return all }
        var surnames = KeyTable<NameGroup>()
        for key in all.keys where !ambiguous.contains(key) { surnames[key] = all[key] }
        return surnames
    }

    /// "Said Berkane … Berkane says": a known town's name that is a person's surname, quoted,
    /// is that person.
    private func quotedSurnames(_ accepted: inout [NameCandidate], classifier: ChunkClassifier) {
        let quoted = accepted.indices.filter {
            accepted[$0].type == .loc && accepted[$0].width == 1 && classifier.isQuoted(accepted[$0].first, accepted[$0].first)
        }
        guard !quoted.isEmpty else { return }
        let surnames = surnames(accepted)
        for n in quoted {
            guard let group = surnames[PersonNameKey.of(text, word: text.tokens[accepted[n].first])] else { continue }
            accepted[n].type = .person
            accepted[n].group = group
            accepted[n].canonical = nil
        }
    }

    /// A surname alone ("Serraj") after the full name was seen is the same person.
    private func surnameMentions(_ chunks: [NameChunk], accepted: [NameCandidate]) -> [NameCandidate] {
        let surnames = surnames(accepted)
        guard surnames.count > 0 else { return [] }
        var taken = [Bool](repeating: false, count: text.tokens.count)
        for candidate in accepted {
            for index in candidate.first...candidate.last { taken[index] = true }
        }
        var found: [NameCandidate] = []
        for chunk in chunks where chunk.words == 1 && chunk.first == chunk.last && !taken[chunk.first] {
            guard let group = surnames[PersonNameKey.of(text, word: text.tokens[chunk.first])] else { continue }
            found.append(NameCandidate(first: chunk.first, last: chunk.last, type: .person, evidence: .role,
                                       group: group))
        }
        return found
    }

    // MARK: Linking

    /// Keys a table of names is first sized for: more than an article's distinct names; a text
    /// that repeats one name 100,000 times gets a small table that grows, not one per mention.
    private static let usualDistinctNames = 512

    /// "Société nationale des autoroutes du Maroc (ADM)": an all-caps word in parentheses right
    /// after an organisation's name is its acronym, whatever its letters.
    private func pairParenthesisedAcronyms(_ accepted: inout [NameCandidate], links: inout UnionFind) {
        // `accepted` is in text order and its mentions do not overlap: the acronym's mention, if
        // any, is among the next few.
        let tokens = text.tokens
        for index in accepted.indices where accepted[index].type == .org && accepted[index].evidence != .acronymPair {
            let name = accepted[index]
            guard name.width > 1, tokens.at(name.last + 1)?.isPunct("(") == true,
                  tokens.at(name.last + 2)?.has(.allCaps) == true, tokens.at(name.last + 3)?.isPunct(")") == true
            else { continue }
            var acronym = index + 1
            while acronym < accepted.count, accepted[acronym].first < name.last + 2 { acronym += 1 }
            guard acronym < accepted.count, accepted[acronym].first == name.last + 2, accepted[acronym].type == .org,
                  accepted[acronym].width == 1 else { continue }
            links.union(name.group.key, accepted[acronym].group.key)
            if accepted[acronym].canonical == nil {
                accepted[acronym].canonical = name.canonical ?? .expansion(name.first...name.last)
            }
        }
    }

    /// Links mentions written alike, a one-word person to the full name with that surname, an
    /// organisation to its name's longer form (an Arabic one to its first words), and its short
    /// forms in capitals to its long name.
    private func link(_ accepted: [NameCandidate], links: inout UnionFind) {
        var bySurface = KeyTable<NameGroup>(capacity: min(accepted.count * 2, Self.usualDistinctNames))
        var fullNames = KeyTable<NameGroup>()
        var particleFamilies = KeyTable<NameGroup>()      // "Ait Lahcen" of "Mbarek Ait Lahcen"
        let surfaces = accepted.map { text.surfaceKey($0.first, $0.last) }
        for (candidate, surface) in zip(accepted, surfaces) {
            if let other = bySurface[surface] { links.union(other.key, candidate.group.key) } else { bySurface[surface] = candidate.group }
            if candidate.type == .person && candidate.width > 1 {
                fullNames[PersonNameKey.of(text, word: text.tokens[candidate.last])] = candidate.group
            }
            if candidate.type == .person && candidate.width >= 3 && NameWords.particles.contains(text.tokens[candidate.last - 1]) {
                particleFamilies[text.surfaceKey(candidate.last - 1, candidate.last)] = candidate.group
            }
        }
        // "Harbour Capital" after "Harbour Capital Partners": an organisation's name without its last
        // word; not a known name ("Tanger Med Zones" is no "Tanger Med").
        var shortened = KeyTable<NameGroup>()
        for candidate in accepted where candidate.type == .org && candidate.width >= 3 {
            let tokens = text.tokens
            guard tokens[candidate.last].has(.capitalized), tokens[candidate.last - 1].has(.capitalized),
                  tokens[candidate.last].has(.spaceBefore) else { continue }
            shortened[text.surfaceKey(candidate.first, candidate.last - 1)] = candidate.group
        }
        // "Maghreb Leasing" after "Maghreb Leasing S.A.": a company's name without its legal form.
        for candidate in accepted where candidate.type == .org && candidate.width >= 5 && text.tokens[candidate.last].isPunct(".") {
            var start = candidate.last
            while start > candidate.first, !text.tokens[start].has(.spaceBefore) { start -= 1 }
            guard start - 1 > candidate.first, CompanyForms.end(in: text, from: start) == candidate.last else { continue }
            shortened[text.surfaceKey(candidate.first, start - 1)] = candidate.group
        }
        for (candidate, surface) in zip(accepted, surfaces)
        where candidate.type == .org && candidate.width >= 2 && candidate.evidence != .gazetteer {
            if let full = shortened[surface] { links.union(full.key, candidate.group.key) }
        }
        // "المجلس الإقليمي" after "المجلس الإقليمي لتاونات": an Arabic organisation's first words, when
        // no other organisation starts with them.
        var arabicStarts = KeyTable<NameGroup>()
        var sharedStarts = KeyTable<Bool>()
        for candidate in accepted where candidate.type == .org && candidate.width >= 3 && text.tokens[candidate.first].has(.arabic) {
            for last in (candidate.first + 1)..<candidate.last {
                let key = arabicKey(candidate, through: last)
                if let known = arabicStarts[key], known != candidate.group { sharedStarts[key] = true }
                arabicStarts[key] = candidate.group
            }
        }
        for candidate in accepted where candidate.type == .org && candidate.width >= 2 && candidate.evidence != .gazetteer
            && text.tokens[candidate.first].has(.arabic) {
            let key = arabicKey(candidate, through: candidate.last)
            if let full = arabicStarts[key], !sharedStarts.contains(key) { links.union(full.key, candidate.group.key) }
        }
        var abbreviations = AbbreviatedNames(text: text)
        for candidate in accepted { abbreviations.addLongForm(candidate) }
        for candidate in accepted {
            if let long = abbreviations.longForm(of: candidate) { links.union(long.key, candidate.group.key) }
        }
        for candidate in accepted where fullNames.count > 0 && candidate.type == .person && candidate.width == 1 {
            if let full = fullNames[PersonNameKey.of(text, word: text.tokens[candidate.first])] {
                links.union(full.key, candidate.group.key)
            }
        }
        // "Ait Lahcen", "Ould Bouh" after "Mbarek Ait Lahcen", "Ahmed Salem Ould Bouh": a family name
        // with its particle is the person too.
        for candidate in accepted where candidate.type == .person && candidate.width == 2
            && NameWords.particles.contains(text.tokens[candidate.first]) {
            if let full = particleFamilies[text.surfaceKey(candidate.first, candidate.last)] {
                links.union(full.key, candidate.group.key)
            }
        }
    }

    /// `surfaceKey` of an Arabic candidate's tokens up to `last`, without the proclitic it leaves
    /// out ("والمجلس الإقليمي" is keyed as "المجلس الإقليمي").
    private func arabicKey(_ candidate: NameCandidate, through last: Int) -> UInt64 {
        let stripped = candidate.skipped > 0 ? ArabicWord.stripped(text, candidate.first) : nil
        return text.surfaceKey(candidate.first, last, firstWordKey: stripped?.key)
    }

    private func assemble(_ accepted: [NameCandidate], links: inout UnionFind) -> Result {
        var clusterOf = KeyTable<Int>(capacity: min(accepted.count, Self.usualDistinctNames))
        var mentions: [NameMention] = []
        mentions.reserveCapacity(accepted.count)
        for candidate in accepted {
            let root = links.find(candidate.group.key)
            let cluster: Int
            if let known = clusterOf[root] {
                cluster = known
            } else {
                cluster = clusterOf.count
                clusterOf[root] = cluster
            }
            let start = text.tokens[candidate.first].start + candidate.skipped
            mentions.append(NameMention(type: candidate.type, range: start..<text.tokens[candidate.last].end,
                                        firstToken: candidate.first,
                                        evidence: candidate.evidence, cluster: cluster,
                                        canonical: candidate.canonical))
        }
        return Result(mentions: mentions, clusters: clusterOf.count)
    }
}

/// Disjoint sets of 64-bit keys, with path compression.
struct UnionFind {
    private var parent = KeyTable<UInt64>()

    /// The representative of `element`'s set.
    mutating func find(_ element: UInt64) -> UInt64 {
        var root = element
        while let up = parent[root], up != root { root = up }
        var node = element
        while let up = parent[node], up != root {
            parent[node] = root
            node = up
        }
        return root
    }

    /// Merges the sets of `a` and `b`.
    mutating func union(_ a: UInt64, _ b: UInt64) {
        let (ra, rb) = (find(a), find(b))
        if ra != rb { parent[rb] = ra }
    }
}
