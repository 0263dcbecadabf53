/// Where an article's headline and byline are, and so where its body starts.
///
/// Scraped pages start with what the boilerplate filter could not tell from the article: a
/// masthead ("L'Opinion Maroc - Actuali…"), a section name ("Emploi"). The headline is the
/// line just above the byline ("Publié dans …", "Rédigé par …"), else the first line that
/// reads like a headline (four words or more, not ending with a period). Lines above the headline are the header: they
/// may name the publication, but their names are not the article's entities.
struct DocumentLayout: Sendable {
    /// Token ranges of the text's lines.
    let lines: [Range<Int>]
    /// Index in `lines` of the headline.
    let titleLine: Int?
    /// Index in `lines` of the byline, and what it states.
    let byline: (line: Int, kind: BylineKind, openerEnd: Int)?

    /// First token of the article proper (the headline), 0 when there is no headline.
    var bodyStart: Int { titleLine.map { lines[$0].lowerBound } ?? 0 }

    /// How many lines from the top are searched for the headline and byline.
    private static let headerLines = 40

    /// Finds the lines, the byline and the headline of a tokenized text.
    init(_ text: TokenizedText) {
        let tokens = text.tokens
        var lines: [Range<Int>] = []
        var start = 0
        for (index, token) in tokens.enumerated() where index > 0 && token.has(.newlineBefore) {
            lines.append(start..<index)
            start = index
        }
        if start < tokens.count { lines.append(start..<tokens.count) }
        self.lines = lines

        var byline: (line: Int, kind: BylineKind, openerEnd: Int)?
        for (index, line) in lines.prefix(Self.headerLines).enumerated() where index > 0 {
            if let found = Self.bylineOpener(text, line) {
                byline = (index, found.kind, found.last)
                break
            }
        }
        self.byline = byline
        if let byline, let title = (0..<byline.line).reversed().first(where: { Self.wordCount(tokens, lines[$0]) >= 2 }),
           byline.line - title <= 4 {
            titleLine = title
        } else {
            // A headline has four words or more, is not a paragraph, and does not end with a period.
            titleLine = lines.prefix(Self.headerLines).indices.first { index in
                let line = lines[index]
                return Self.wordCount(tokens, line) >= 4 && !tokens[line.upperBound - 1].isPunct(".")
                    && tokens[line.upperBound - 1].end - tokens[line.lowerBound].start <= 300
            }
        }
    }

    /// The headline's text, trimmed.
    func title(in text: TokenizedText) -> String? {
        guard let titleLine else { return nil }
        let line = lines[titleLine]
        return text.string(tokens: line.lowerBound, line.upperBound - 1)
    }

    /// A byline opener at the start of a line: "Publié dans", "Rédigé par", "Par X", "Le 12 mars 2020".
    private static func bylineOpener(_ text: TokenizedText, _ line: Range<Int>) -> (kind: BylineKind, last: Int)? {
        let tokens = text.tokens
        guard line.count <= 24, let opener = NameWords.bylineOpeners.match(tokens, at: line.lowerBound),
              opener.last + 1 < line.upperBound else { return nil }
        let next = tokens[opener.last + 1]
        switch opener.value {
        case .writtenBy:
            // "Par" and "By" open bylines only when a capitalised name follows.
            guard next.has(.capitalized) else { return nil }
        case .publishedOn:
            guard next.kind == .number || CalendarWords.weekdays.contains(next)
                    || CalendarWords.months[next] != nil else { return nil }
        case .publishedIn:
            break
        }
        return (opener.value, opener.last)
    }

    private static func wordCount(_ tokens: [Token], _ line: Range<Int>) -> Int {
        tokens[line].reduce(0) { $0 + ($1.kind == .punct ? 0 : 1) }
    }
}
