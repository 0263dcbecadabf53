/// Finds organisations in Arabic text by their head noun and the genitive chain after it:
/// "وزارة الفلاحة والصيد البحري والمياه والغابات", "المكتب الوطني للكهرباء والماء الصالح للشرب",
/// "الجامعة الملكية المغربية لكرة القدم", "المجلس الإقليمي لطرفاية".
///
/// After an indefinite head (in construct) come up to two indefinite nouns and then a definite
/// word, a name or (after a company's or a head that is no common noun) "لل" + a noun ("وكالة
/// تنمية الأطلس الكبير", "جامعة ابن زهر", "جمعية تيفاوين للتنمية", "شركة أطلس للتأمين"). After a definite word, only
/// what belongs to the name goes on: adjectives (nisba forms and a few others), "و" + a definite
/// noun, "لل" + a noun, "ل" + a noun (or nouns joined by "و") and its definite genitive, "ل" + a
/// known place, "ب" + a known place unless the body is foreign, and a dedication ("الحسن الثاني").
/// A territory noun and its known place complete an indefinite head ("مجلس جهة الشرق"). Anything else ends the name: verbs, prepositions, objects.
/// A definite or common head ("المركز", "شركة") needs a scope adjective ("الوطنية"), a complement
/// or a dedication to be a name. A proclitic before the head is left out ("لوزارة", "والمكتب").
/// When the name is a gazetteer organisation lengthened by "و" + its other portfolios, it keeps
/// that entry (and its canonical name).
struct ArabicOrganisationPhrases {
    let text: TokenizedText
    let gazetteer: Gazetteer
    /// The gazetteer's matches, looked up once (they list every Arabic word).
    let hits: GazetteerHits
    /// The text's Arabic words, read once.
    let words: ArabicWords

    /// Most tokens in a name.
    private static let longestName = 16
    /// Indefinite nouns in a row after an indefinite head ("جمعية مستعملي المياه").
    private static let constructNouns = 2

    /// The organisations named in tokens `range`, `claimed` tokens (dates, amounts) left out.
    func candidates(in range: Range<Int>, claimed: [Bool]) -> [NameCandidate] {
        var found: [NameCandidate] = []
        var next = range.lowerBound
        for index in hits.looked where index >= next && range.contains(index) {
            guard text.tokens[index].has(.arabic), !claimed[index], let head = head(at: index),
                  let phrase = phrase(after: head, at: index, in: range, claimed: claimed) else { continue }
            found.append(phrase)
            next = phrase.last + 1
        }
        return found
    }

    /// The head noun at token `index`, read as written or without a proclitic ("لوزارة", "للمكتب").
    private func head(at index: Int) -> ArabicWord? {
        if let word = words.plain(index), ArabicNameWords.heads.contains(key: word.key) { return word }
        guard let word = words.stripped(index), ArabicNameWords.heads.contains(key: word.key) else { return nil }
        return word
    }

    /// Whether a gazetteer organisation starts at token `k`, a proclitic taken off.
    private func startsOrganisation(_ k: Int) -> Bool {
        guard let hit = hits[k] else { return false }
        return gazetteer.entries[hit.entry].kind == .org
    }

    /// The last token of the gazetteer place that starts at token `k` after its proclitic
    /// ("لطرفاية", "بالمغرب", "والمملكة المتحدة"), if one does.
    private func placeEnd(afterProcliticAt k: Int) -> Int? {
        guard let hit = hits[k], hit.skipped == 1, gazetteer.entries[hit.entry].kind == .loc else { return nil }
        return hit.last
    }

    private func phrase(after head: ArabicWord, at index: Int, in range: Range<Int>,
                        claimed: [Bool]) -> NameCandidate? {
        let isWord = { (k: Int) in
            k < range.upperBound && k - index < Self.longestName && !claimed[k] && !text.tokens[k].has(.newlineBefore)
                && words.plain(k) != nil
        }
        var named = !head.definite && !ArabicNameWords.weakHeads.contains(key: head.key)
        var k = index + 1
        var last = index
        var coordinatedOnly = true     // only "و" + noun after the gazetteer's name
        var foreign = false            // "الفرنسية", "الدولية" seen
        var placed = false             // the place the body serves read ("لسوس ماسة", "بفاس")
        // Whether "ب" + a town may end the name: not after a national, company or named body.
        var local = !ArabicNameWords.nationalHeads.contains(key: head.key) && !ArabicNameWords.companies.contains(key: head.key)
        if !head.definite {
            // The construct: indefinite nouns, then a definite word or a name.
            var nouns = 0
            let namesItsComplement = named || ArabicNameWords.companies.contains(key: head.key)
            while isWord(k), let word = words.plain(k), !word.definite, nouns < Self.constructNouns {
                if let end = dedication(at: k, isWord) ?? territory(at: k, isWord) {
                    (last, k, named, local) = (end, end + 1, true, false)
                    break
                }
                guard !ends(word) else { return nil }
                if gazetteer.isGivenName(text.tokens[k]) { local = false }     // "جامعة شعيب الدكالي"
                if nouns > 0, namesItsComplement, words.stripped(k)?.isLilDefinite == true { break }
                nouns += 1
                k += 1
            }
            if last == index, nouns > 0, namesItsComplement, isWord(k), let complement = words.stripped(k),
               complement.isLilDefinite, !ends(complement) {
                // "جمعية تيفاوين للتنمية", "شركة أطلس للتأمين": a name in construct, then "لل" + its
                // complement (not after other common heads: "صندوق دائم للوقاية", "مدرسة عليا للهندسة").
                (last, k, named, coordinatedOnly) = (k, k + 1, true, false)
            }
            if last == index, nouns > 0, ArabicNameWords.companies.contains(key: head.key), let form = legalFormEnd(at: k) {
                // "شركة معاصر تساوت ش.م": the company's name and its legal form.
                return legalName(head: head, at: index, last: form)
            }
            if last == index, isWord(k), let end = dedication(at: k, isWord) {
                (last, k, named, local) = (end, end + 1, true, false)     // "جامعة السلطان مولاي سليمان"
            }
            if last == index {
                guard isWord(k), let word = words.plain(k), word.definite, !ends(word) else { return nil }
                if gazetteer.isGivenName(text.tokens[k]) { local = false }     // "معهد الحسن الثاني"
                (last, k) = (k, k + 1)
            }
        }
        while isWord(k), let word = words.plain(k) {
            if let end = dedication(at: k, isWord) {
                (last, k, named, local) = (end, end + 1, true, false)
                continue
            }
            if word.definite {
                guard isAdjective(word) else { break }
                // "مجموعة … القابضة الإماراتية": a company's nationality is no part of its name.
                if last > index, ArabicNameWords.companies.contains(key: head.key),
                   ArabicNameWords.foreignAdjectives.contains(key: word.key) { break }
                if ArabicNameWords.scopeAdjectives.contains(key: word.key) { named = true }
                if ArabicNameWords.foreignAdjectives.contains(key: word.key) { foreign = true }
                if ArabicNameWords.countryAdjectives.contains(key: word.key) { local = false }
                (last, k) = (k, k + 1)
                continue
            }
            if let end = compoundAdjectiveEnd(at: k, isWord) {
                // "الكلية متعددة التخصصات", "المجموعة ذات النفع الاقتصادي": the kind of body, then
                // (a regional body's) known region written right after ("… متعددة الخدمات مراكش آسفي").
                (last, k, named, coordinatedOnly) = (end, end + 1, true, false)
                if isWord(k), let hit = hits[k], hit.skipped == 0, gazetteer.entries[hit.entry].kind == .loc, isWord(hit.last) {
                    (last, k) = (hit.last, hit.last + 1)
                }
                continue
            }
            // "… واتصالات المغرب", "… والمملكة المتحدة": another known organisation or a known
            // place is not a portfolio of this one, nor is another body.
            guard let bare = words.stripped(k), !ends(bare), !startsOrganisation(k),
                  !(bare.isAnd && placeEnd(afterProcliticAt: k) != nil) else { break }
            // "مجلس جهة العيون … وجماعة العيون": "و" + a head or territory noun opens another body;
            // after the place a body serves ("… لسوس ماسة والجماعات الترابية"), "و" joins another.
            if bare.isAnd, placed || ArabicNameWords.heads.contains(key: bare.key) || ArabicNameWords.territories.contains(key: bare.key) { break }
            if bare.isAnd && bare.definite {
                (last, k) = (k, k + 1)
            } else if bare.isAnd, isWord(k + 1), let noun = words.plain(k + 1), noun.definite, !ends(noun) {
                (last, k) = (k + 1, k + 2)
            } else if bare.isLilDefinite {
                (last, k, named, coordinatedOnly) = (k, k + 1, true, false)
                if ArabicNameWords.governingBi.contains(key: bare.key), isWord(k), let object = words.stripped(k),
                   object.isIn, object.definite, !ends(object) {
                    (last, k) = (k, k + 1)      // "للنهوض بالأعمال الاجتماعية": the object of the verbal noun
                }
            } else if bare.isFor, let place = placeEnd(afterProcliticAt: k) {
                (last, k, named, coordinatedOnly, placed) = (place, place + 1, true, false, true)
            } else if bare.isFor, let end = genitiveEnd(after: k, construct: coordinatedOnly, isWord) {
                (last, k, named, coordinatedOnly) = (end, end + 1, true, false)
            } else if bare.isIn, !foreign, let place = placeEnd(afterProcliticAt: k),
                      ArabicNameWords.courts.contains(key: head.key) || ArabicNameWords.country.contains(key: bare.key)
                        || local && (!head.definite || !coordinatedOnly)
                            && knownName(at: index, clitic: head.clitic, last: last) == nil {
                // "الشركة الوطنية … بالمغرب", "محكمة الاستئناف بفاس": the country a body serves, a
                // court's seat; "المدرسة الوطنية للفلاحة بمكناس", "المديرية الجهوية للثقافة بجهة …":
                // the town or region that tells one of many such bodies from the others (a genitive
                // names the kind of body first). After a named body ("جامعة محمد الخامس بالرباط", a
                // known one, a company) or a national one ("وزارة …", "الجمعية المغربية …"), and
                // after adjectives alone ("المركز الاستشفائي الجامعي بطنجة"), "ب" + a town is where
                // it stands, and "بالمغرب" after a
                // foreign body ("الوكالة الفرنسية للتنمية") is its office there.
                (last, k, named, placed) = (place, place + 1, true, true)
            } else {
                break
            }
        }
        guard last > index else { return nil }
        if !head.definite, ArabicNameWords.companies.contains(key: head.key), let form = legalFormEnd(at: last + 1) {
            // "شركة ريف للإنتاج الفني ش.م.م": the company's name and its legal form.
            return legalName(head: head, at: index, last: form)
        }
        var entry: Int?
        if let known = knownName(at: index, clitic: head.clitic, last: last), known.last == last || coordinatedOnly {
            entry = known.entry
        }
        let short = shortName(after: last)
        if case .gazetteer(let known)? = short { entry = known }
        guard named || entry != nil else { return nil }
        if let entry {
            return NameCandidate(first: index, last: last, skipped: head.clitic, type: .org, evidence: .organisationHead,
                                 group: .gazetteer(entry), canonical: .entry(entry))
        }
        return NameCandidate(first: index, last: last, skipped: head.clitic, type: .org, evidence: .organisationHead,
                             group: short ?? .surface(text.surfaceKey(index, last)))
    }

    /// "متعددة التخصصات", "ذات النفع العام": an indefinite adjective that governs the definite
    /// noun after it, from token `k`; the noun's token.
    private func compoundAdjectiveEnd(at k: Int, _ isWord: (Int) -> Bool) -> Int? {
        guard let word = words.plain(k), !word.definite, ArabicNameWords.compoundAdjectives.contains(key: word.key),
              isWord(k + 1), let noun = words.plain(k + 1), noun.definite, !ends(noun) else { return nil }
        return k + 1
    }

    /// "لكرة القدم", "لمنتجي ومصدري الفواكه", "لمساعدة مرضى السرطان": after "ل" + the noun at `k`,
    /// up to two more nouns joined by "و", or, when `construct` (the name has no complement yet:
    /// "… للفوسفاط لتمويل مشاريع …" is a clause), one in construct; then their definite genitive;
    /// the genitive's token.
    private func genitiveEnd(after k: Int, construct: Bool, _ isWord: (Int) -> Bool) -> Int? {
        var j = k + 1
        while j - k <= 2, isWord(j), let noun = words.stripped(j), noun.isAnd, !noun.definite, !ends(noun) {
            j += 1
        }
        if construct, j == k + 1, isWord(j), let noun = words.plain(j), !noun.definite, !ends(noun),
           isWord(j + 1), let genitive = words.plain(j + 1), genitive.definite, !ends(genitive) {
            j += 1
        }
        guard isWord(j), let noun = words.plain(j), noun.definite, !ends(noun) else { return nil }
        return j
    }

    /// A company's name that ends with its legal form, from its head at token `index` to `last`:
    /// without the head ("شركة معاصر تساوت ش.م"), unless the head is part of the name ("مجموعة
    /// أطلس زيتون القابضة").
    private func legalName(head: ArabicWord, at index: Int, last: Int) -> NameCandidate {
        guard ArabicNameWords.namedWithHead.contains(key: head.key) else {
            return NameCandidate(first: index + 1, last: last, type: .org, evidence: .organisationHead,
                                 group: .surface(text.surfaceKey(index + 1, last)))
        }
        return NameCandidate(first: index, last: last, skipped: head.clitic, type: .org, evidence: .organisationHead,
                             group: .surface(text.surfaceKey(index, last)))
    }

    /// The last token of the legal form at token `k` ("ش.م.م", "المحدودة").
    private func legalFormEnd(at k: Int) -> Int? { ArabicLegalForms.end(in: text, at: k) }

    /// A gazetteer organisation that the phrase starts with.
    private func knownName(at index: Int, clitic: Int, last: Int) -> (entry: Int, last: Int)? {
        guard let hit = hits[index], hit.skipped == clitic, hit.last <= last,
              gazetteer.entries[hit.entry].kind == .org else { return nil }
        return (hit.entry, hit.last)
    }

    /// "… للتربية والعلم والثقافة (اليونسكو)", "«…» (SOMAGEC)": a known organisation or an
    /// all-caps word in parentheses right after the name (and its closing quote) is its short
    /// name; the group that links the name to it.
    private func shortName(after last: Int) -> NameGroup? {
        let tokens = text.tokens
        var open = last + 1
        if let quote = tokens.at(open), quote.kind == .punct, Self.closingQuotes.contains(quote.key) { open += 1 }
        guard tokens.at(open)?.isPunct("(") == true, let short = tokens.at(open + 1) else { return nil }
        if let hit = hits[open + 1], hit.skipped == 0, tokens.at(hit.last + 1)?.isPunct(")") == true,
           gazetteer.entries[hit.entry].kind == .org {
            return .gazetteer(hit.entry)
        }
        guard short.has(.allCaps), tokens.at(open + 2)?.isPunct(")") == true else { return nil }
        // The group the acronym's own candidate has (`ChunkClassifier`): linked by the same key.
        return .surface(text.surfaceKey(open + 1, open + 1))
    }

    /// Quotation marks that close a quoted name: " » ”.
    private static let closingQuotes: Set<UInt64> = [0x22, 0xBB, 0x201D]

    /// A person an institution is named after, from token `k`: a known person ("محمد السادس"),
    /// a given name and an ordinal ("الحسن الثاني"), a sovereign's title and his given names
    /// ("السلطان مولاي سليمان"), or a particle and its word ("ابن زهر").
    private func dedication(at k: Int, _ isWord: (Int) -> Bool) -> Int? {
        if let hit = hits[k], hit.skipped == 0, gazetteer.entries[hit.entry].kind == .person { return hit.last }
        let token = text.tokens[k]
        guard isWord(k + 1) else { return nil }
        if gazetteer.isGivenName(token), ArabicNameWords.ordinals.contains(text.tokens[k + 1]) { return k + 1 }
        if ArabicNameWords.royalTitles.contains(token), gazetteer.isGivenName(text.tokens[k + 1]) {
            // "جامعة السلطان مولاي سليمان": a sovereign's title and his given names.
            var end = k + 1
            while isWord(end + 1), gazetteer.isGivenName(text.tokens[end + 1]) || ArabicNameWords.ordinals.contains(text.tokens[end + 1]) {
                end += 1
            }
            return end
        }
        if ArabicNameWords.particles.contains(token), let word = words.plain(k + 1), !ends(word) { return k + 1 }
        return nil
    }

    /// "جهة الشرق", "مدينة طنجة", "إقليم الحوز": a territory noun at token `k` and the known place
    /// it names (or the place whose name starts with it), as in "مجلس جهة الشرق"; the place's last token.
    private func territory(at k: Int, _ isWord: (Int) -> Bool) -> Int? {
        guard ArabicNameWords.territories.contains(text.tokens[k]) else { return nil }
        for start in [k, k + 1] {
            if isWord(start), let hit = hits[start], hit.skipped == 0, hit.last > k, isWord(hit.last),
               gazetteer.entries[hit.entry].kind == .loc {
                return hit.last
            }
        }
        return nil
    }

    /// A definite adjective of a name: a nisba form (singular or plural: "لأرباب العمل
    /// الموريتانيين") or a listed one, not a word of time.
    private func isAdjective(_ word: ArabicWord) -> Bool {
        (word.isNisba || word.isPluralNisba || ArabicNameWords.adjectives.contains(key: word.key) || ArabicNameWords.scopeAdjectives.contains(key: word.key))
            && !ArabicNameWords.definiteBreakers.contains(key: word.key)
    }

    /// Whether a word ends the name: a function word, another head, a title.
    private func ends(_ word: ArabicWord) -> Bool {
        ArabicNameWords.nameBreakers.contains(key: word.key) || ArabicNameWords.heads.contains(key: word.key)
            || ArabicNameWords.titles.contains(key: word.key) || ArabicNameWords.definiteBreakers.contains(key: word.key)
    }
}
