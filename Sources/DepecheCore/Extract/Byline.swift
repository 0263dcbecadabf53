/// What a byline line says: "Publié dans La Vie éco le 02 - 05 - 2019",
/// "Rédigé par Safaa KSAANI Mercredi 7 Février 2024", "Par X", "Publié le …".
struct Byline: Sendable {
    /// Tokens of the publication's name.
    var source: ClosedRange<Int>?
    /// Tokens of the author's name.
    var author: ClosedRange<Int>?
    /// The first dated mention on the line that has a year.
    var date: DateMention?

    /// Words that end a publication's name in a byline ("… le 02 - 05 - 2019", "… du 3 mai").
    private static let sourceEnders = WordSet("le du on en depuis à a par by")

    /// Reads the byline `layout` found, with the dates already recognised.
    init(_ text: TokenizedText, layout: DocumentLayout, dates: [DateMention]) {
        guard let byline = layout.byline else { return }
        let tokens = text.tokens
        let line = layout.lines[byline.line]
        let lineDates = dates.filter { line.contains($0.first) }
        date = lineDates.first { $0.year != nil }
        let dated = Set(lineDates.flatMap { Array($0.first...$0.last) })
        let start = byline.openerEnd + 1
        switch byline.kind {
        case .publishedIn:
            var k = start
            while k < line.upperBound, !dated.contains(k) {
                let token = tokens[k]
                if token.kind == .word && !token.has(.capitalized) && Self.sourceEnders.contains(token) { break }
                if token.kind == .punct && !(token.key == 0x27 || token.key == 0x2D && !token.has(.spaceBefore)) { break }
                k += 1
            }
            if k > start { source = start...(k - 1) }
        case .writtenBy:
            var k = start
            while k < line.upperBound, !dated.contains(k) {
                let token = tokens[k]
                let joins = token.kind == .punct && !token.has(.spaceBefore)
                    && (token.key == 0x27 || token.key == 0x2D || token.key == 0x2E)
                guard token.kind == .word && (token.has(.capitalized) || NameWords.particles.contains(token)) || joins
                else { break }
                k += 1
            }
            while k > start, tokens[k - 1].kind == .punct { k -= 1 }
            if k > start { author = start...(k - 1) }
        case .publishedOn:
            break
        }
    }
}
