/// Arabic place names that are also adjectives: "الجديدة" (El Jadida, "new"), "مالي" (Mali,
/// "financial"), "المتوسط" (the Mediterranean, "average").
///
/// A one-word place of the gazetteer that ends like an adjective and agrees with the noun right
/// before it — definite in "ي" or "ة" after a definite noun ("المدرسة الجديدة"), indefinite in
/// "ي" after an indefinite one, when the place is also an adjective ("غلاف مالي"; not "تجربة
/// دبي", "زار نيروبي": most indefinite places in "ي" are foreign names) — is that noun's adjective: the noun and the word
/// are proposed as one span that names nothing, which outweighs the one-word place.
/// Prepositions and known names before it leave the place alone ("من مالي"), and so does a noun
/// of the other definiteness ("إقليم الجديدة").
struct ArabicPlaceAdjectives {
    let text: TokenizedText
    let gazetteer: Gazetteer
    /// The gazetteer's matches, looked up once (they list every Arabic word).
    let hits: GazetteerHits
    /// The text's Arabic words, read once.
    let words: ArabicWords

    private static let yeh: UInt32 = 0x64A, tehMarbuta: UInt32 = 0x629
    /// Indefinite places that are also common adjectives: "مالي" (Mali, "financial").
    private static let indefiniteAdjectives = WordSet("مالي")

    /// Spans "noun + adjective" of tokens `range` that hide a one-word place.
    func candidates(in range: Range<Int>, claimed: [Bool]) -> [NameCandidate] {
        var found: [NameCandidate] = []
        for index in hits.looked where index > range.lowerBound && range.contains(index) && !claimed[index] {
            guard let hit = hits[index], hit.skipped == 0, hit.last == index,
                  gazetteer.entries[hit.entry].kind == .loc,
                  !text.tokens[index].has(.newlineBefore), !claimed[index - 1], hits[index - 1] == nil,
                  let noun = words.plain(index - 1), let place = words.plain(index),
                  noun.definite || words.stripped(index - 1)?.definite == true
                    ? place.definite && endsLikeAdjective(index)
                    : !place.definite && Self.indefiniteAdjectives.contains(key: place.key),
                  !ArabicNameWords.nameBreakers.contains(key: noun.key), !ArabicNameWords.facilities.contains(key: noun.key),
                  !noun.isMaqsuraPreposition
            else { continue }
            found.append(NameCandidate(first: index - 1, last: index, type: nil, evidence: .listItem, group: .surface(0)))
        }
        return found
    }

    /// Ends in "ي" or "ة" (an indefinite word in "ة" after a noun is its genitive: "مدينة وجدة").
    private func endsLikeAdjective(_ index: Int) -> Bool {
        let last = text.lastScalar(text.tokens[index])
        return last == Self.yeh || last == Self.tehMarbuta
    }
}
