/// Finds people in Arabic text, which has no capitals to go by.
///
/// A name starts with known given names ("فاطمة الزهراء", "عبد الرحيم", "سيدي محمد", a
/// proclitic taken off: "ومحمد"), or with any word after a title ("السيد", "الدكتور", the title
/// left out); it goes on with a family name ("العلوي", "بنسعيد"), nasab and kunya particles
/// with their word ("بن عبد الله", "ولد الرشيد", "أبو بكر", "أم البنين", "آيت الطالب", "ابن الشيخ"),
/// and further nisba names ("الطالبي العلمي"), or any definite one after the father's name
/// ("محمد ربيع الخليع"). A kunya opens a name as a given name does ("أبو القاسم الوزاني"). It stops at function words, roles, speech verbs,
/// organisation heads and known places. A given name alone is not a person; a family name
/// alone, once the full name was seen, is that person; a name after a place noun ("ملعب",
/// "سد") names the place, and one after "تصوير:" is a photo credit: neither is an entity.
struct ArabicPersonNames {
    let text: TokenizedText
    let gazetteer: Gazetteer
    /// The gazetteer's matches, looked up once (they list every Arabic word).
    let hits: GazetteerHits
    /// The text's Arabic words, read once.
    let words: ArabicWords

    /// Most words in a name.
    private static let longestName = 6
    /// "عبد": the first half of a compound given name ("عبد الله", "عبد الرحيم").
    private static let abd = FoldedKey.of("عبد")
    /// "ـ": the tatweel that ends a proclitic written apart ("بـ").
    private static let tatweel: UInt32 = 0x640
    /// "الدين": the second half of compound given names ("نور الدين").
    private static let din = FoldedKey.of("الدين")

    /// The people named in tokens `range`, `claimed` tokens (dates, amounts) left out.
    func candidates(in range: Range<Int>, claimed: [Bool]) -> [NameCandidate] {
        var found: [NameCandidate] = []
        var next = range.lowerBound
        for index in hits.looked where index >= next && range.contains(index) {
            guard text.tokens[index].has(.arabic), !claimed[index] else { continue }
            if let facility = namedFacility(at: index, in: range, claimed: claimed) {
                found.append(facility)
                next = facility.last + 1
            } else if let name = name(at: index, in: range, claimed: claimed) {
                found.append(name)
                next = name.last + 1
            }
        }
        return found + familyNameMentions(of: found, in: range, claimed: claimed)
    }

    /// The name starting at token `index` (after a title there), if any.
    private func name(at index: Int, in range: Range<Int>, claimed: [Bool]) -> NameCandidate? {
        let isWord = { (k: Int) in k < range.upperBound && !claimed[k] && words.plain(k) != nil
            && (k == index || !text.tokens[k].has(.newlineBefore)) }
        var start = index
        // "المدافع السنغالي X Y": after a role and a nationality, two or three words of any origin;
        // "مع الكينية X Y", "والإثيوبي X Y": after a nationality standing for the person, too.
        let roleAndNationality = isRoleAndNationality(index)
        let nationalityAlone = !roleAndNationality && isNationalityStandingForAPerson(index)
        let foreign = roleAndNationality || nationalityAlone
        let titled = foreign || isTitle(index)
        if titled { start += roleAndNationality ? 2 : 1 }
        var k = start, clitic = 0, givens = 0, definiteFirst = false
        while isWord(k), k - start < Self.longestName, let given = givenName(at: k, clitic: k == start && !titled) {
            if k == start { (clitic, definiteFirst) = (given.clitic, given.definite) }
            // "وأشرف يوسف …": a "given name" after a proclitic and before a given name is a verb and its subject.
            if k == start, given.clitic == 1, isWord(given.last + 1), givenName(at: given.last + 1, clitic: false) != nil {
                return nil
            }
            givens += 1
            k = given.last + 1
        }
        let unknownGiven = givens == 0
        if unknownGiven {
            // After a title the first word is the given name, known or not.
            // "الحاجة بـ 110": a proclitic written apart (with a tatweel) is no name.
            guard titled, isWord(k), let word = words.plain(k), !word.definite, !ends(word),
                  text.lastScalar(text.tokens[k]) != Self.tatweel else { return nil }
            givens = 1
            k += 1
        }
        var last = k - 1, family = 0
        while isWord(k), k - start < Self.longestName, let word = words.plain(k) {
            if ArabicNameWords.particles.contains(key: word.key), isWord(k + 1) {
                let end = text.tokens[k + 1].key == Self.abd && isWord(k + 2) ? k + 2 : k + 1
                // "ابن الشيخ": after a particle a title is the family's name.
                guard let after = words.plain(end),
                      !ends(after) || ArabicNameWords.titles.contains(key: after.key) else {
                    // "محمد أوعلي أمام …": a long particle before a word that ends the name is the family name.
                    if text.tokens[k].length >= 4 { (last, family) = (k, family + 1) }
                    break
                }
                // "أيت الحاج علي": a title after the particle and the given name after it are the family's name.
                let named = ArabicNameWords.titles.contains(key: after.key) && isWord(end + 1)
                    && givenName(at: end + 1, clitic: false) != nil
                let familyEnd = named ? end + 1 : end
                (last, k, family) = (familyEnd, familyEnd + 1, family + 1)
                continue
            }
            // "زكية الدريوش", "محمد بوعرفة، المستشار": a town's one-word name after the given name may
            // be the family name, with the article or before a comma.
            guard !ends(word), !isPlaceAfterProclitic(k), !isKnownPlaceOrOrganisation(k)
                    || family == 0 && isOneWordPlace(k) && (word.definite || isCommaAfter(k))
            else { break }
            if family == 0 {
                // The family name: a word, or a definite one when a given name without the article came first.
                if word.definite {
                    // "السيد بنكيران الوفد": after an unknown word only a nisba is a family name.
                    guard !(givens == 1 && definiteFirst), !unknownGiven || word.isNisba, !ArabicNameWords.definiteBreakers.contains(key: word.key),
                          !ArabicNameWords.scopeAdjectives.contains(key: word.key),
                          !ArabicNameWords.ordinals.contains(key: word.key) else { break }
                } else if let bare = words.stripped(k), bare.definite || bare.isAnd && ends(bare) {
                    break       // "للشرب", "والمالية", "وقال"
                }
            } else if family == 1, foreign && !word.definite || isLastFamilyWord(k) {
                // "خوسيه مانويل غارسيا"، "فاطمة بنت محمد سالم": a second word without the article
                // after one, where the name ends (accepted below).
            } else {
                // "محمد ربيع الخليع": after the father's name (no article), the family name may be any
                // definite word; further family words are nisbas ("الطالبي العلمي").
                let afterFathersName = family == 1 && words.plain(k - 1).map {
                    !$0.definite && isGivenName(k - 1, key: $0.key)
                } == true
                guard word.definite, word.isNisba || afterFathersName, !ArabicNameWords.scopeAdjectives.contains(key: word.key),
                      !ArabicNameWords.definiteBreakers.contains(key: word.key),
                      !ArabicNameWords.ordinals.contains(key: word.key) else { break }
            }
            (last, k, family) = (k, k + 1, family + 1)
            if text.tokens.at(k)?.isPunct("-") == true, !text.tokens[k].has(.spaceBefore), isWord(k + 1),
               !text.tokens[k + 1].has(.spaceBefore) {
                // "دوبون-لاكروا": a double-barrelled family name.
                (last, k) = (k + 1, k + 2)
            }
        }
        // "شادي رياض": the second of two given names is the family name. After a nationality alone,
        // a given and a family name.
        guard family > 0 || givens > 1 || titled && !nationalityAlone && last >= start else { return nil }
        return NameCandidate(first: start, last: last, skipped: clitic, type: .person,
                             evidence: titled ? .title : .givenName,
                             group: .person(PersonNameKey.of(text, start, last)))
    }

    /// "ملعب محمد الخامس", "سد يوسف بن تاشفين", "ميناء طنجة المتوسط": a place named after a person or
    /// an organisation, from the place noun at token `index` (its proclitic taken off) to the end
    /// of the name; "تصوير: X": a photo credit. Reported as nothing.
    private func namedFacility(at index: Int, in range: Range<Int>, claimed: [Bool]) -> NameCandidate? {
        guard let noun = words.plain(index) else { return nil }
        var start = index + 1
        if ArabicNameWords.credits.contains(key: noun.key) {
            if text.tokens.at(start)?.isPunct(":") == true { start += 1 }
        } else {
            guard ArabicNameWords.facilities.contains(key: noun.key)
                    || words.stripped(index).map({ ArabicNameWords.facilities.contains(key: $0.key) }) == true
            else { return nil }
        }
        guard start < range.upperBound else { return nil }
        var last: Int?
        // "ميناء طنجة المتوسط": a known organisation that names the place is no entity either.
        if let hit = hits[start], hit.skipped == 0, [.person, .org].contains(gazetteer.entries[hit.entry].kind) { last = hit.last }
        // "عن طريق المهاجم الغاني X": a role and a nationality do not name a place.
        if last == nil, !isRoleAndNationality(start) { last = name(at: start, in: range, claimed: claimed)?.last }
        guard let last else { return nil }
        return NameCandidate(first: index, last: last, type: nil, evidence: .listItem, group: .surface(0))
    }

    /// The given name at token `k` (a proclitic taken off when `clitic`): its last token
    /// ("عبد الله", "نور الدين" are two), the scalars left out, and whether it has the article.
    private func givenName(at k: Int, clitic: Bool) -> (last: Int, clitic: Int, definite: Bool)? {
        let proclitic = clitic && words.plain(k).map { !ArabicNameWords.noProclitic.contains(key: $0.key) } ?? true
        for view in [words.plain(k), proclitic ? words.stripped(k) : nil] {
            guard let view, !view.isMaqsuraPreposition else { continue }
            if view.key == Self.abd, let next = words.plain(k + 1), next.definite,
               !text.tokens[k + 1].has(.newlineBefore) {
                return (k + 1, view.clitic, false)
            }
            if ArabicNameWords.kunyas.contains(key: view.key), let next = words.plain(k + 1),
               !text.tokens[k + 1].has(.newlineBefore), !ends(next),
               next.definite && !isKnownPlaceOrOrganisation(k + 1) || isGivenName(k + 1, key: next.key) {
                // "أبو بكر", "أبو القاسم": a kunya is a given name.
                return (k + 1, view.clitic, false)
            }
            guard isGivenName(k, key: view.key) else { continue }
            let compound = text.tokens.at(k + 1).map { $0.key == Self.din && !$0.has(.newlineBefore) } ?? false
            return (compound ? k + 1 : k, view.clitic, view.definite)
        }
        return nil
    }

    /// Whether the word at token `k`, without the article, after a family word without it, ends
    /// a name: a comma or "إن" follows ("خوسيه مانويل غارسيا،", "مريم منت أحمد فال،", "فاطمة
    /// بنت محمد سالم إن"; not an object: "منت محمد عرضا عن", "نوكادير مساء."). Two words of which one may start with "و"
    /// are a conjunction and its word ("سليمان وسيدي قاسم"), not a name.
    private func isLastFamilyWord(_ k: Int) -> Bool {
        guard let word = words.plain(k), !word.definite, !ends(word),
              let before = words.plain(k - 1), !before.definite,
              [k - 1, k].allSatisfy({ words.stripped($0).map { !$0.isAnd && !$0.definite } ?? true })
        else { return false }
        guard let next = text.tokens.at(k + 1), !next.has(.newlineBefore) else { return false }
        return isCommaAfter(k) || Self.thatAfterSpeech.contains(next)
    }

    /// "إن" after a name: what the speaker said follows ("وقالت … إن").
    private static let thatAfterSpeech = WordSet("إن")

    /// Whether a comma follows token `k` on its line.
    private func isCommaAfter(_ k: Int) -> Bool {
        guard let next = text.tokens.at(k + 1), !next.has(.newlineBefore) else { return false }
        return next.isPunct(",") || next.isPunct("،")
    }

    /// Whether token `k`, read as `key` (its proclitic taken off), is a known given name.
    private func isGivenName(_ k: Int, key: UInt64) -> Bool {
        var bare = text.tokens[k]
        bare.key = key
        return gazetteer.isGivenName(bare)
    }

    /// "المدرب البرتغالي", "المهاجم الغاني": a role at token `k` and a nationality (a nisba that
    /// is no scope adjective) after it.
    private func isRoleAndNationality(_ k: Int) -> Bool {
        guard let role = words.plain(k), ArabicNameWords.roles.contains(key: role.key),
              let nationality = words.plain(k + 1), !text.tokens[k + 1].has(.newlineBefore),
              nationality.definite, nationality.isNisba, !ArabicNameWords.scopeAdjectives.contains(key: nationality.key)
        else { return false }
        return true
    }

    /// Words before a nationality that stands for a person ("مع الكينية …"): it is no adjective there.
    private static let beforeAPerson = WordSet("مع إلى على أمام بعد من عن ضد رفقة برفقة بمعية")

    /// A nationality at token `k` standing for a person, the name after it: after "و" written on
    /// it and a name ("… كامار والإثيوبي") or after a preposition ("مع الكينية"); not after the
    /// noun it qualifies ("المنتخب المغربي") or another nationality ("الإسبانية والفرنسية").
    private func isNationalityStandingForAPerson(_ k: Int) -> Bool {
        let token = text.tokens[k]
        let written = words.plain(k)
        let (nationality, afterAnd) = written?.definite == true ? (written, false) : (words.stripped(k), true)
        guard let nationality, !afterAnd || nationality.isAnd, ArabicNameWords.nationalities.contains(key: nationality.key)
        else { return false }
        guard k > 0, !token.has(.newlineBefore) else { return false }
        // "… جوزيف كامار والإثيوبي X Y": "و" after a name, not after another nationality ("الإسبانية والفرنسية").
        if afterAnd { return words.plain(k - 1).map { !$0.definite } ?? false }
        return Self.beforeAPerson.contains(text.tokens[k - 1])
    }

    /// "جيمس بدبلن": a known place after a proclitic at token `k` ends a name.
    private func isPlaceAfterProclitic(_ k: Int) -> Bool {
        guard let hit = hits[k], hit.skipped == 1 else { return false }
        return gazetteer.entries[hit.entry].kind == .loc
    }

    /// A title at token `k`, with or without a proclitic ("السيد", "بالحاج").
    private func isTitle(_ k: Int) -> Bool {
        if let word = words.plain(k), ArabicNameWords.titles.contains(key: word.key) { return true }
        return words.stripped(k).map { ArabicNameWords.titles.contains(key: $0.key) } ?? false
    }

    /// Whether a word ends a name: a function word, role, verb, title or organisation head.
    private func ends(_ word: ArabicWord) -> Bool {
        word.isMaqsuraPreposition || ArabicNameWords.nameBreakers.contains(key: word.key) || ArabicNameWords.titles.contains(key: word.key)
            || ArabicNameWords.heads.contains(key: word.key)
    }

    /// Whether a place or an organisation of the gazetteer starts at token `k`.
    private func isKnownPlaceOrOrganisation(_ k: Int) -> Bool {
        guard let hit = hits[k], hit.skipped == 0 else { return false }
        let kind = gazetteer.entries[hit.entry].kind
        return kind == .loc || kind == .org
    }

    /// "زكية الدريوش": a town's one-word name with the article may be a family name.
    private func isOneWordPlace(_ k: Int) -> Bool {
        guard let hit = hits[k] else { return false }
        return hit.last == k && gazetteer.entries[hit.entry].kind == .loc
    }

    /// A family name alone ("أخنوش", "الركراكي") after the full name: the same person. Names
    /// whose family names are alike are left alone.
    private func familyNameMentions(of people: [NameCandidate], in range: Range<Int>,
                                    claimed: [Bool]) -> [NameCandidate] {
        guard !people.isEmpty else { return [] }
        var families = KeyTable<NameGroup>()
        var ambiguous = KeyTable<Bool>()
        var taken = [Bool](repeating: false, count: text.tokens.count)
        for person in people {
            for index in person.first...person.last { taken[index] = true }
            // "ولد الرشيد", "أبو بكر": the word after a particle is no family name alone.
            guard person.width > 1, !ArabicNameWords.particles.contains(text.tokens[person.last - 1]) else { continue }
            let key = text.tokens[person.last].key
            if let known = families[key], known != person.group { ambiguous[key] = true }
            families[key] = person.group
        }
        guard families.count > 0 else { return [] }
        var found: [NameCandidate] = []
        for index in hits.looked where range.contains(index) && !taken[index] && !claimed[index] {
            let key = text.tokens[index].key
            guard text.tokens[index].has(.arabic), let group = families[key], !ambiguous.contains(key),
                  words.plain(index)?.isMaqsuraPreposition != true else { continue }     // "علي", not "على"
            found.append(NameCandidate(first: index, last: index, type: .person, evidence: .role, group: group))
        }
        return found
    }
}
