/// Arabic places read from the noun before them (a proclitic on the noun taken off):
/// - after a plural one ("دواوير", "جماعات", "أحياء", "مثل" allowed after it) or a dual one ("جماعتي"),
///   a list of such places joined by "و" ("دواوير مثل أيت عيسى وتانسيخت", "بجماعتي أسكاون وزاكموزن");
/// - after an administrative noun ("دوار", "جماعة", "منطقة", "إقليم"), an unknown one-word name
///   is a place ("بمنطقة X"), and so is a tribe's or a village's prefix with its word ("دوار أولاد عمران",
///   "دوار إيمي نتالا") and a name with the Amazigh genitive ("دوار أزرو ن ثلاث"); words ending like adjectives or common nouns ("ي", "ة":
///   "جماعة قروية", "منطقة جبلية") are not;
/// - a natural feature ("سهل", "جبل", "واد") and the known or unknown name after it are one
///   place ("سهل الغرب");
/// - a place inside the name of a competition ("كأس أمم إفريقيا") is no place of the article.
struct ArabicPlaceNouns {
    let text: TokenizedText
    let gazetteer: Gazetteer
    /// The gazetteer's matches, looked up once (they list every Arabic word).
    let hits: GazetteerHits
    /// The text's Arabic words, read once.
    let words: ArabicWords

    private static let administrative = WordSet("دوار جماعة منطقة إقليم عمالة قرية بلدة قيادة مدشر")
    private static let natural = WordSet("سهل جبل جبال واد وادي بحيرة هضبة")
    private static let competitions = WordSet("أمم")
    /// Words that open a tribe's or a village's two-word name ("أولاد عمران", "آيت ورير", "بني ملال", "إيمي نتالا").
    private static let tribalPrefixes = WordSet("أولاد اولاد ولاد آيت أيت ايت بني سيدي عين إيمي ايمي تيزي")
    private static let yeh: UInt32 = 0x64A, tehMarbuta: UInt32 = 0x629

    /// The places so read in tokens `range`, `claimed` tokens left out.
    func candidates(in range: Range<Int>, claimed: [Bool]) -> [NameCandidate] {
        var found: [NameCandidate] = []
        for index in hits.looked where range.contains(index + 1) && range.contains(index) && !claimed[index]
            && !claimed[index + 1] && !text.tokens[index + 1].has(.newlineBefore) {
            guard let noun = words.plain(index), let name = words.plain(index + 1) else { continue }
            let word: ArabicWord
            var skipped = 0
            if Self.isPlural(noun) || words.stripped(index).map(Self.isPlural) == true {
                // "دواوير مثل أيت عيسى وتانسيخت", "بجماعات أولاد برحيل وأولاد تايمة": a list of places.
                let start = text.tokens[index + 1].key == Self.like ? index + 2 : index + 1
                found += placeList(from: start, range, claimed)
                continue
            }
            if Self.isNoun(noun) {
                word = noun
            } else if let bare = words.stripped(index), Self.isNoun(bare) {
                (word, skipped) = (bare, bare.clitic)
            } else {
                continue
            }
            let place = hits[index + 1].flatMap { hit in
                hit.skipped == 0 && gazetteer.entries[hit.entry].kind == .loc ? hit.last : nil
            }
            if Self.administrative.contains(key: word.key), let end = amazighGenitive(after: index + 1, range, claimed) {
                // "دوار أزرو ن ثلاث", "دوار تيزي ن تيشكا": a name, the Amazigh genitive "ن" and its word.
                found.append(NameCandidate(first: index + 1, last: end, type: .loc, evidence: .listItem,
                                           group: .surface(text.surfaceKey(index + 1, end))))
            } else if Self.competitions.contains(key: word.key), let place {
                found.append(NameCandidate(first: index, last: place, type: nil, evidence: .listItem, group: .surface(0)))
            } else if Self.natural.contains(key: word.key), let last = place ?? (isUnknownName(name, index + 1, feminine: true) ? index + 1 : nil) {
                found.append(NameCandidate(first: index, last: last, skipped: skipped, type: .loc, evidence: .listItem,
                                           group: .surface(text.surfaceKey(index, last))))
            } else if Self.administrative.contains(key: word.key), place == nil, Self.tribalPrefixes.contains(key: name.key),
                      range.contains(index + 2), !claimed[index + 2], !text.tokens[index + 2].has(.newlineBefore),
                      let second = words.plain(index + 2), !ArabicNameWords.nameBreakers.contains(key: second.key) {
                // "دوار أولاد عمران", "جماعة آيت ورير": a tribe's name, its prefix and its word.
                found.append(NameCandidate(first: index + 1, last: index + 2, type: .loc, evidence: .listItem,
                                           group: .surface(text.surfaceKey(index + 1, index + 2))))
            } else if Self.administrative.contains(key: word.key), place == nil, isUnknownName(name, index + 1, feminine: false) {
                found.append(NameCandidate(first: index + 1, last: index + 1, type: .loc, evidence: .listItem,
                                           group: .surface(text.surfaceKey(index + 1, index + 1))))
            }
        }
        return found
    }

    /// Plural administrative nouns before a list of places.
    private static let administrativePlurals = WordSet("دواوير جماعات قرى مداشر أحياء جماعتي جماعتا قريتي قريتا")
    /// "مثل" (such as), between a plural noun and its list.
    private static let like = FoldedKey.of("مثل")
    /// Most places read in one list.
    private static let longestList = 6
    private static let waw: UInt32 = 0x648

    private static func isPlural(_ word: ArabicWord) -> Bool {
        administrativePlurals.contains(key: word.key)
    }

    /// The places listed from token `start` on, each after the first joined by "و": a known
    /// place, a tribe's or a village's prefix with its word, or an unknown one-word name (read
    /// as after a singular noun: "جماعات قروية", "دواوير معزولة" are no list). The list ends at
    /// the first item that is none of these, and needs two items when one is an unknown name.
    private func placeList(from start: Int, _ range: Range<Int>, _ claimed: [Bool]) -> [NameCandidate] {
        var items: [NameCandidate] = []
        var unknown = false
        var k = start
        while items.count < Self.longestList, range.contains(k), !claimed[k], !text.tokens[k].has(.newlineBefore) {
            let joined = items.isEmpty ? words.plain(k) : words.stripped(k).flatMap { $0.proclitic == Self.waw ? $0 : nil }
            guard let word = joined else { break }
            let last: Int
            if let hit = hits[k], hit.skipped == word.clitic, gazetteer.entries[hit.entry].kind == .loc {
                last = hit.last
            } else if Self.tribalPrefixes.contains(key: word.key), range.contains(k + 1), !claimed[k + 1],
                      !text.tokens[k + 1].has(.newlineBefore), let second = words.plain(k + 1),
                      !ArabicNameWords.nameBreakers.contains(key: second.key) {
                last = k + 1
            } else if isUnknownName(word, k, feminine: false) {
                last = k
                unknown = true
            } else {
                break
            }
            items.append(NameCandidate(first: k, last: last, skipped: word.clitic, type: .loc, evidence: .listItem,
                                       group: .surface(text.surfaceKey(k, last, firstWordKey: word.key))))
            k = last + 1
        }
        // "دواوير تنتظر", "قرى تعيش": one unknown word alone after the noun is more likely a verb.
        return unknown && items.count < 2 ? [] : items
    }

    /// "ن": the Amazigh genitive particle of village names ("إيمي ن تالا").
    private static let amazighOf = FoldedKey.of("ن")

    /// The last token of "<word> ن <word>" when token `k` opens it.
    private func amazighGenitive(after k: Int, _ range: Range<Int>, _ claimed: [Bool]) -> Int? {
        guard range.contains(k + 2), !claimed[k + 1], !claimed[k + 2], text.tokens[k + 1].key == Self.amazighOf,
              !text.tokens[k + 1].has(.newlineBefore), !text.tokens[k + 2].has(.newlineBefore),
              let word = words.plain(k + 2), !ArabicNameWords.nameBreakers.contains(key: word.key) else { return nil }
        return k + 2
    }

    private static func isNoun(_ word: ArabicWord) -> Bool {
        administrative.contains(key: word.key) || natural.contains(key: word.key) || competitions.contains(key: word.key)
    }

    /// An indefinite word that no list explains and that does not end like an adjective (nor,
    /// unless `feminine`, like a feminine noun: "جماعة قروية" but "سهل اشتوكة").
    private func isUnknownName(_ word: ArabicWord, _ index: Int, feminine: Bool) -> Bool {
        let token = text.tokens[index]
        let last = text.lastScalar(token)
        return !word.definite && hits[index] == nil && last != Self.yeh && (feminine || last != Self.tehMarbuta)
            && !ArabicNameWords.nameBreakers.contains(key: word.key) && !word.isMaqsuraPreposition
            && words.stripped(index)?.definite != true && token.length > 2
    }
}
