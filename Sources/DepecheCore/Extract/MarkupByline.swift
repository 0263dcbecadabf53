/// The byline the page's markup states (JSON-LD, `<meta>`, `<time>`), as entities.
///
/// An HTML page's byline ("By Rania Bouchikhi · 4 November 2025") is part of the article, but
/// the clean stage lifts it out of the text into the metadata. Its author (each name of the list
/// the markup joins with ", ") is reported as a person and its day as a date, unless the text
/// mentions them too (then they are already entities). An author that is not a person's name (a
/// known organisation, a newsroom: "Staff", a single word, digits) is left out.
enum MarkupByline {
    /// The byline entities of `metadata` that `found` (the text's entities) lacks.
    static func entities(_ metadata: ArticleMetadata, besides found: [Entity], gazetteer: Gazetteer) -> [Entity] {
        var extra: [Entity] = []
        if let author = metadata.author {
            for name in author.split(separator: ", ") where isPersonName(name, gazetteer: gazetteer) {
                let key = FoldedKey.of(name)
                guard !found.contains(where: { $0.type == .person && FoldedKey.of($0.text) == key }) else { continue }
                extra.append(Entity(type: .person, text: String(name), count: 1, offsets: []))
            }
        }
        // A day ("2025-11-04"), not a month alone.
        if let published = metadata.published, published.utf8.count == 10,
           !found.contains(where: { $0.type == .date && $0.value == .date(published) }) {
            extra.append(Entity(type: .date, text: published, count: 1, value: .date(published), offsets: []))
        }
        return extra
    }

    /// Two to five words, each capitalised, Arabic or a name particle; no known organisation
    /// and no newsroom word among them.
    private static func isPersonName(_ name: Substring, gazetteer: Gazetteer) -> Bool {
        let text = TokenizedText(String(name))
        let tokens = text.tokens
        var words = 0
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .number: return false
            case .punct: continue
            case .word:
                guard token.has(.capitalized) || token.has(.arabic) || NameWords.particles.contains(token),
                      !NameWords.newsroomWords.contains(token) else { return false }
                if let hit = gazetteer.longestMatch(in: text, at: index), gazetteer.entries[hit.entry].kind == .org {
                    return false
                }
                words += 1
            }
        }
        return (2...5).contains(words)
    }
}
