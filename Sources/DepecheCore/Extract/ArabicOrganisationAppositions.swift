/// Arabic organisations named by the noun before them, whatever their words:
/// - a quoted name after a company, association or publication noun and its adjectives:
///   `المجموعة الإسبانية "X"`, `شركة «X»`, `منظمة "X"`, `صحيفة "X"`, a legal form's initials
///   included (`"X ش.م"`);
/// - a foreign company's transliterated name, unquoted, after a company noun: up to its legal form
///   ("شركة X Y المحدودة", "المجموعة الإسبانية X ش.م") or its nationality ("شركة X Y الكورية"),
///   or after the noun and its nationality up to a comma ("الشركة الإسبانية X،");
/// - a publication quoted in the press's idioms: "في بلاغ توصلت به «X»", "في تصريح لـ«X»";
/// - a club after "لاعب" (player of), up to the comma or period that ends it: "لاعب X Y،" (a
///   known place after "ب" left out: "نادي X Y بغانا."); a club named "X كلوب" (club).
/// Names the gazetteer knows are left to it.
struct ArabicOrganisationAppositions {
    let text: TokenizedText
    let gazetteer: Gazetteer
    /// The gazetteer's matches, looked up once (they list every Arabic word).
    let hits: GazetteerHits
    /// The text's Arabic words, read once.
    let words: ArabicWords

    /// Most words in such a name (a quoted one may have more).
    private static let longestName = 4
    /// Most words in a quoted name.
    private static let longestQuotedName = 6
    /// Nouns before a quoted organisation name.
    private static let quotingNouns = WordSet("""
        شركة الشركة مجموعة المجموعة جريدة الجريدة صحيفة الصحيفة مجلة المجلة موقع الموقع علامة العلامة
        وكالة الوكالة مقاولة المقاولة منظمة المنظمة جمعية الجمعية مؤسسة المؤسسة
        """)
    /// Words of the press's own idioms before the publication's quoted name: "في بلاغ توصلت به
    /// «X»", "معطيات حصلت عليها «X»", "في تصريح لـ«X»", "التقت «X» بـ…".
    private static let reporting = WordSet("توصلت حصلت اطلعت التقت تصريح حديث")
    /// Pronouns and the preposition between such a word and the name ("به", "عليها", "لـ").
    private static let reportingLinks = WordSet("به بها عليه عليها منه منها لـ ل")
    /// Nouns before a foreign company's unquoted name.
    private static let companyNouns = WordSet("شركة الشركة مجموعة المجموعة")
    /// "كلوب" (club): the last word of a club's name ("فيتا كلوب").
    private static let clubSuffixes = WordSet("كلوب")
    /// Nouns before a club's name.
    private static let clubNouns = WordSet("لاعب لاعبة نادي")
    /// Quotation marks that open and close a name.
    private static let openingQuotes: Set<UInt64> = [0x22, 0xAB, 0x201C]
    private static let closingQuotes: Set<UInt64> = [0x22, 0xBB, 0x201D]

    /// The organisations so named in tokens `range`, `claimed` tokens left out.
    func candidates(in range: Range<Int>, claimed: [Bool]) -> [NameCandidate] {
        var found: [NameCandidate] = []
        for index in hits.looked where range.contains(index) && !claimed[index] {
            guard let noun = words.plain(index) else { continue }
            let bare = words.stripped(index)
            let isNoun = { (set: WordSet) in set.contains(key: noun.key) || bare.map { set.contains(key: $0.key) } == true }
            var name: ClosedRange<Int>?
            if isNoun(Self.quotingNouns) {
                var k = index + 1
                while let word = words.plain(k), word.isNisba, range.contains(k) { k += 1 }
                name = quotedName(at: k, in: range, claimed: claimed)
                if name == nil, isNoun(Self.companyNouns) {
                    var start = index + 1
                    while let word = words.plain(start), ArabicNameWords.foreignAdjectives.contains(key: word.key) {
                        start += 1
                    }
                    name = foreignCompany(at: start, afterNationality: start > index + 1, in: range, claimed: claimed)
                }
            } else if isNoun(Self.reporting) {
                var k = index + 1
                if let word = text.tokens.at(k), Self.reportingLinks.contains(word) { k += 1 }
                name = quotedName(at: k, in: range, claimed: claimed)
            } else if isNoun(Self.clubNouns) {
                name = clubName(after: index, in: range, claimed: claimed)
            } else if Self.clubSuffixes.contains(key: noun.key) {
                name = clubName(before: index, in: range, claimed: claimed)
            }
            guard let name, hits[name.lowerBound] == nil else { continue }
            found.append(NameCandidate(first: name.lowerBound, last: name.upperBound, type: .org, evidence: .listItem,
                                       group: .surface(text.surfaceKey(name.lowerBound, name.upperBound))))
        }
        return found
    }

    /// `"X"` from the opening quote at token `k`.
    private func quotedName(at k: Int, in range: Range<Int>, claimed: [Bool]) -> ClosedRange<Int>? {
        guard range.contains(k), let open = text.tokens.at(k), open.kind == .punct, Self.openingQuotes.contains(open.key) else { return nil }
        let first = k + 1
        var last = k
        var words = 0
        while let word = text.tokens.at(last + 1), range.contains(last + 1), !claimed[last + 1], words < Self.longestQuotedName {
            if word.kind == .word, word.has(.arabic) {
                words += 1
            } else if !(word.isPunct(".") && !word.has(.spaceBefore) && words > 0
                        && text.tokens.at(last + 2).map { $0.has(.arabic) && !$0.has(.spaceBefore) } == true) {
                break       // "ش.م": the initials of a legal form
            }
            last += 1
        }
        guard last >= first, let close = text.tokens.at(last + 1), close.kind == .punct,
              Self.closingQuotes.contains(close.key) else { return nil }
        return first...last
    }

    /// A transliterated company name from token `first`: words without the article that do not
    /// end like Arabic feminine nouns ("ة"), then a legal form (part of the name), a nationality
    /// (not part of it) or, `afterNationality` ("الشركة الإسبانية X"), a comma or period.
    private func foreignCompany(at first: Int, afterNationality: Bool, in range: Range<Int>,
                                claimed: [Bool]) -> ClosedRange<Int>? {
        var last = first - 1
        while last + 1 - first < Self.longestName, range.contains(last + 1), !claimed[last + 1],
              let word = words.plain(last + 1), !word.definite, !text.tokens[last + 1].has(.newlineBefore),
              text.lastScalar(text.tokens[last + 1]) != Self.tehMarbuta, hits[last + 1] == nil,
              !ArabicNameWords.nameBreakers.contains(key: word.key), !word.isMaqsuraPreposition,
              ArabicLegalForms.end(in: text, at: last + 1) == nil {
            last += 1
        }
        guard last >= first else { return nil }
        if let form = ArabicLegalForms.end(in: text, at: last + 1) { return first...form }
        if let nationality = words.plain(last + 1), !text.tokens[last + 1].has(.newlineBefore),
           ArabicNameWords.foreignAdjectives.contains(key: nationality.key) {
            return first...last
        }
        guard afterNationality, let end = text.tokens.at(last + 1),
              end.isPunct(",") || end.isPunct("،") || end.isPunct(".") else { return nil }
        return first...last
    }

    /// "ة": the ending of Arabic feminine nouns and adjectives ("شركة ناشئة").
    private static let tehMarbuta: UInt32 = 0x629

    /// The words after "لاعب" at `index`, when a comma or a period ends them within four words.
    private func clubName(after index: Int, in range: Range<Int>, claimed: [Bool]) -> ClosedRange<Int>? {
        // "لاعب نادي X": the name starts after the second noun.
        let first = text.tokens.at(index + 1).map { Self.clubNouns.contains($0) } == true ? index + 2 : index + 1
        var last = first - 1
        while let word = words.plain(last + 1), range.contains(last + 1), !claimed[last + 1],
              !text.tokens[last + 1].has(.newlineBefore), last + 1 - first < Self.longestName,
              !ArabicNameWords.nameBreakers.contains(key: word.key), !word.isMaqsuraPreposition,
              words.stripped(last + 1)?.definite != true, placeAfterProclitic(at: last + 1) == nil {
            last += 1
        }
        let after = placeAfterProclitic(at: last + 1).map { $0 + 1 } ?? last + 1
        guard last >= first, let end = text.tokens.at(after), end.isPunct(",") || end.isPunct("،") || end.isPunct(".")
        else { return nil }
        return first...last
    }

    /// The last token of the known place after a proclitic ("بغانا") at token `k`, if one is there.
    private func placeAfterProclitic(at k: Int) -> Int? {
        guard let hit = hits[k], hit.skipped == 1, gazetteer.entries[hit.entry].kind == .loc else { return nil }
        return hit.last
    }

    /// "فيتا كلوب": one or two words without the article before "كلوب" at `index`, and it.
    private func clubName(before index: Int, in range: Range<Int>, claimed: [Bool]) -> ClosedRange<Int>? {
        var first = index
        while index - first < 2, range.contains(first - 1), !claimed[first - 1], !text.tokens[first].has(.newlineBefore),
              let word = words.plain(first - 1), !word.definite, hits[first - 1] == nil,
              !ArabicNameWords.nameBreakers.contains(key: word.key), !word.isMaqsuraPreposition,
              words.stripped(first - 1).map({ !$0.definite && !$0.isAnd }) ?? true {
            first -= 1
        }
        return first < index ? first...index : nil
    }
}
