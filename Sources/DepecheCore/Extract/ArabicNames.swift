/// The Arabic name rules, run over the Arabic words of a text (Arabic has no capitals, so the
/// rules for capitalised runs find nothing there): people, organisations by their head nouns
/// or by the noun before them, places by the noun before them, and place names that are
/// adjectives where they stand.
struct ArabicNames {
    let text: TokenizedText
    let gazetteer: Gazetteer
    /// The gazetteer's matches, looked up once (they list every Arabic word).
    let hits: GazetteerHits

    /// Candidates of tokens `range`, `claimed` tokens (dates, amounts) left out.
    /// A text without an Arabic word (most French and English pages) costs nothing.
    func candidates(in range: Range<Int>, claimed: [Bool]) -> [NameCandidate] {
        guard text.landmarks.hasArabicWord(in: range, of: text.tokens) else { return [] }
        let words = ArabicWords(text)
        return ArabicPersonNames(text: text, gazetteer: gazetteer, hits: hits, words: words).candidates(in: range, claimed: claimed)
            + ArabicOrganisationPhrases(text: text, gazetteer: gazetteer, hits: hits, words: words)
                .candidates(in: range, claimed: claimed)
            + ArabicOrganisationAppositions(text: text, gazetteer: gazetteer, hits: hits, words: words)
                .candidates(in: range, claimed: claimed)
            + ArabicPlaceAdjectives(text: text, gazetteer: gazetteer, hits: hits, words: words).candidates(in: range, claimed: claimed)
            + ArabicPlaceNouns(text: text, gazetteer: gazetteer, hits: hits, words: words).candidates(in: range, claimed: claimed)
    }
}
