/// Where an article's headline and byline are, and so where its body starts.
///
/// Scraped pages start with what the boilerplate filter could not tell from the article: a
/// masthead ("L'Opinion Maroc - Actuali…"), a section name ("Emploi"). The byline is a block
/// of short lines near the top: an opener line ("Publié dans …", "Rédigé par …", "By …",
/// "بقلم: …"), a newsroom credit ("X staff"), a "place - author | date" line ("الرباط - محمد
/// العلوي | 12 مارس 2024") or a date line ("Mardi 16 janvier 2024 - 10:42", "Jan 18, 2024"), with
/// the author's name alone on the line right above a date line, and the short lines right after
/// it ("Hespress FR", "هسبريس - محمد الإدريسي", "Le 26/03/2024 à 18h05"). The headline is the
/// nearest line above the byline that is not a lede (a sentence ending with a period), or the
/// line under the block when the page puts the byline first; without a byline, the last
/// headline-like line before the first paragraph. Lines above the headline are the header: they
/// may name the publication, but their names are not the article's entities.
struct DocumentLayout: Sendable {
    /// One line of the byline block.
    struct BylineLine: Sendable {
        /// Index in `lines`.
        var line: Int
        /// What the line states.
        var kind: BylineKind
        /// Last token of its opener ("Publié dans"); the token before the line for date and attribution lines.
        var openerEnd: Int
    }

    /// Token ranges of the text's lines.
    let lines: [Range<Int>]
    /// Index in `lines` of the headline.
    let titleLine: Int?
    /// The byline block, top to bottom (empty when the page has none).
    let byline: [BylineLine]
    /// The author's signature under the article ("— Nadia Fassi, Guelmim", "هشام بن عبد السلام -
    /// بني ملال", "Texte : Ghita Benslimane — Photos : …"): the line right after the last
    /// paragraph, when it has that shape, and the line under it when that dates the article
    /// ("Published on Sunday 9 November 2025"); or a date line alone there ("Mis à jour le
    /// 14/05/2025"); empty when there is none.
    let signature: [BylineLine]
    /// A header line that dates the page after a label and a separator ("N° 418 — Jeudi 9
    /// octobre 2025", "With AFP · Posted on 19 August 2025"), above the first paragraph: the
    /// publication date when the byline states none.
    let datedLine: Int?

    /// First token of the article proper (the headline), 0 when there is no headline.
    var bodyStart: Int { titleLine.map { lines[$0].lowerBound } ?? 0 }
    /// First token of the headline, or of the byline block or the dated line when it stands above the headline.
    var articleStart: Int {
        min(bodyStart, byline.first.map { lines[$0.line].lowerBound } ?? bodyStart,
            datedLine.map { lines[$0].lowerBound } ?? bodyStart)
    }

    /// How many lines from the top are searched for the headline and byline.
    private static let headerLines = 40
    /// Most paragraphs above the byline (a ticker's line, a standfirst): lines after more are the article's.
    private static let paragraphsAboveByline = 2
    /// Most lines the byline block spans.
    private static let bylineLines = 3
    /// Most tokens on a date or attribution line.
    private static let shortLine = 14
    /// A line of this many words ending with a period is a lede, not a headline.
    private static let ledeWords = 8
    /// A line of this many words is a paragraph whatever its end.
    private static let paragraphWords = 40

    /// Finds the lines, the byline and the headline of a tokenized text.
    init(_ text: TokenizedText) {
        let tokens = text.tokens
        let starts = text.landmarks.lineStarts
        var lines: [Range<Int>] = []
        lines.reserveCapacity(starts.count)
        for (n, start) in starts.enumerated() { lines.append(start..<(n + 1 < starts.count ? starts[n + 1] : tokens.count)) }
        self.lines = lines

        var byline: [BylineLine] = []
        // The header ends where the body has begun: a ticker and a standfirst may stand above
        // the byline, a third paragraph may not ("فاس: مراد الحسني" over a date, after the
        // article, signs it).
        var paragraphs = 0
        // A date alone, the masthead's ("Mercredi 8 octobre 2025 - Tanger 21°C"), gives way to
        // an author's line further down, above the article's first sentence ("Par Anas Bouzekri, …").
        var bareDate: BylineLine?
        for index in lines.prefix(Self.headerLines).indices where index > 0 {
            if bareDate != nil && Self.isLede(tokens, lines[index]) { break }
            if Self.isParagraph(tokens, lines[index]) {
                paragraphs += 1
                if paragraphs > Self.paragraphsAboveByline { break }
            }
            guard let found = Self.bylineLine(text, lines[index], index) else { continue }
            let author = Self.authorLine(above: found, lines: lines, tokens: tokens)
            let namesAuthor = author != nil || found.kind == .writtenBy || found.kind == .credit
            if bareDate != nil && !namesAuthor { continue }
            if bareDate == nil, !namesAuthor, Self.isDateAlone(found, text, lines: lines) {
                bareDate = found
                continue
            }
            if let author { byline.append(author) }
            byline.append(found)
            break
        }
        if byline.isEmpty, let bareDate { byline.append(bareDate) }
        if let found = byline.last {
            var index = found.line + 1
            while index < lines.count, byline.count < Self.bylineLines {
                let line = lines[index]
                if let found = Self.bylineLine(text, line, index) {
                    byline.append(found)
                } else if Self.isAttribution(tokens, line) {
                    byline.append(BylineLine(line: index, kind: .attribution, openerEnd: line.lowerBound - 1))
                } else {
                    break
                }
                index += 1
            }
        }
        signature = Self.signature(text, lines: lines)
        let datedLine = Self.datedLine(text.tokens, lines: lines)
        self.datedLine = datedLine
        if let first = byline.first, let last = byline.last {
            let below = Self.headline(below: last.line, bylineStart: first.line, lines: lines, tokens: tokens)
            // "أمين البوزيدي - ميدلت" between that headline and the article: the author's credit.
            if let below, let credit = Self.credit(under: below, lines: lines, tokens: tokens) { byline.append(credit) }
            titleLine = below ?? Self.headline(above: first.line, lines: lines, tokens: tokens)
                ?? Self.headline(beforeParagraph: lines, tokens: tokens, besides: datedLine)
        } else {
            titleLine = Self.headline(beforeParagraph: lines, tokens: tokens, besides: datedLine)
        }
        self.byline = byline
    }

    /// Whether a byline line is a date with no opener before it and no byline line under it.
    private static func isDateAlone(_ found: BylineLine, _ text: TokenizedText, lines: [Range<Int>]) -> Bool {
        let next = found.line + 1
        return found.kind == .publishedOn && found.openerEnd < lines[found.line].lowerBound
            && next < lines.count && bylineLine(text, lines[next], next) == nil
    }

    /// The headline's text, trimmed.
    func title(in text: TokenizedText) -> String? {
        guard let titleLine else { return nil }
        let line = lines[titleLine]
        return text.string(tokens: line.lowerBound, line.upperBound - 1)
    }

    /// The nearest line of two words or more above the byline, a lede skipped, or the headline
    /// right above it when that line is a standfirst.
    private static func headline(above byline: Int, lines: [Range<Int>], tokens: [Token]) -> Int? {
        var index = byline - 1
        while index >= 0 && byline - index <= 4 {
            let line = lines[index]
            if wordCount(tokens, line) >= 2 && !isLede(tokens, line) {
                return isStandfirst(index, lines: lines, tokens: tokens) ? index - 1 : index
            }
            index -= 1
        }
        return nil
    }

    /// The author's credit on the line under the headline `title`: "أمين البوزيدي - ميدلت" (a
    /// name, a dash, where it was filed), "كود - وجدة // حمزة بلعيد" (the name after "//").
    private static func credit(under title: Int, lines: [Range<Int>], tokens: [Token]) -> BylineLine? {
        let index = title + 1
        guard index < lines.count, case let line = lines[index], line.count <= shortLine else { return nil }
        if let slashes = line.dropLast().first(where: { tokens[$0].isPunct("/") && tokens[$0 + 1].isPunct("/") }),
           isNameLine(tokens, (slashes + 2)..<line.upperBound) {
            return BylineLine(line: index, kind: .writtenBy, openerEnd: slashes + 1)
        }
        return authorThenPlace(tokens, line, index)
    }

    /// "Karim Alami - Rabat", "محمد أمين الزياني - طنجة": the author, a dash, where the story was filed.
    private static func authorThenPlace(_ tokens: [Token], _ line: Range<Int>, _ index: Int) -> BylineLine? {
        guard let dash = tokens[line].firstIndex(where: isDash), isNameLine(tokens, line.lowerBound..<dash),
              isFilingPlace(tokens, (dash + 1)..<line.upperBound) else { return nil }
        return BylineLine(line: index, kind: .writtenBy, openerEnd: line.lowerBound - 1)
    }

    /// Words of a standfirst, at least: a long line under a headline.
    private static let standfirstWords = 12

    /// "Argan cooperatives bet on certification" over "Women-run presses want a bigger share of
    /// an export boom driven by buyers": a long line without a final period right under a
    /// headline-like line of at least five words and a third fewer.
    private static func isStandfirst(_ index: Int, lines: [Range<Int>], tokens: [Token]) -> Bool {
        guard index > 0 else { return false }
        let line = lines[index], above = lines[index - 1]
        let words = wordCount(tokens, line), headlineWords = wordCount(tokens, above)
        return words >= standfirstWords && isHeadlineLike(tokens, above) && headlineWords >= 5
            && headlineWords * 3 <= words * 2 && !tokens[above].allSatisfy { $0.kind != .word || $0.has(.allCaps) }
    }

    /// The line right under the byline block when it is headline-like and a paragraph follows
    /// it (an author's credit between them allowed), and no headline-like line stands above the
    /// block ("2024/06/11", then the headline).
    private static func headline(below last: Int, bylineStart: Int, lines: [Range<Int>], tokens: [Token]) -> Int? {
        let next = last + 1
        guard next + 1 < lines.count, isHeadlineLike(tokens, lines[next]),
              isParagraph(tokens, lines[next + 1])
                || next + 2 < lines.count && credit(under: next, lines: lines, tokens: tokens) != nil && isParagraph(tokens, lines[next + 2])
        else { return nil }
        let above = headline(above: bylineStart, lines: lines, tokens: tokens)
        return above.map { isHeadlineLike(tokens, lines[$0]) } ?? false ? nil : next
    }

    /// Without a byline: the last headline-like line above the first paragraph, else the first
    /// headline-like line; never the dated line.
    private static func headline(beforeParagraph lines: [Range<Int>], tokens: [Token], besides dated: Int?) -> Int? {
        let header = lines.prefix(headerLines).indices
        let headlineLike = { (index: Int) in index != dated && isHeadlineLike(tokens, lines[index]) }
        if let paragraph = header.first(where: { isParagraph(tokens, lines[$0]) }),
           let title = (0..<paragraph).last(where: headlineLike) {
            return title
        }
        return header.first { headlineLike($0) && wordCount(tokens, lines[$0]) >= 4 }
    }

    /// A byline opener at the start of a line ("Publié dans", "Rédigé par", "Par X", "Le 12
    /// mars 2020"), or a short line that starts with a date with a year ("Mardi 16 janvier
    /// 2024 - 10:42", "Jan 18, 2024", "٢٥ يونيو ٢٠٢٤").
    private static func bylineLine(_ text: TokenizedText, _ line: Range<Int>, _ index: Int) -> BylineLine? {
        let tokens = text.tokens
        guard isBylineLength(tokens, line) else { return nil }
        if let opener = NameWords.bylineOpeners.match(tokens, at: line.lowerBound) {
            var end = opener.last
            // "Published: …", "بقلم: …": a colon may close the opener.
            if end + 1 < line.upperBound, tokens[end + 1].isPunct(":") { end += 1 }
            if end + 1 < line.upperBound {
                let next = tokens[end + 1]
                switch opener.value {
                case .writtenBy:
                    // "Par" and "By" open bylines only when a name follows.
                    if next.has(.capitalized) || next.has(.arabic) {
                        return BylineLine(line: index, kind: .writtenBy, openerEnd: end)
                    }
                case .publishedOn:
                    if startsDate(tokens, at: end + 1, in: line) {
                        return BylineLine(line: index, kind: .publishedOn, openerEnd: end)
                    }
                case .publishedIn:
                    return BylineLine(line: index, kind: .publishedIn, openerEnd: end)
                case .correspondent:
                    // The place, a comma, the correspondent's name; without a name, a desk's credit.
                    if let comma = (end + 1..<line.upperBound).first(where: { tokens[$0].isPunct(",") }),
                       comma + 1 < line.upperBound, tokens[comma + 1].has(.capitalized) {
                        return BylineLine(line: index, kind: .writtenBy, openerEnd: comma)
                    }
                case .attribution, .credit:
                    break
                }
            }
        }
        if isNewsroomCredit(tokens, line), startsDate(tokens, at: line.upperBound, in: line.upperBound..<tokens.count) {
            return BylineLine(line: index, kind: .publishedIn, openerEnd: line.lowerBound - 1)
        }
        if let dash = creditDash(tokens, line) {
            return BylineLine(line: index, kind: .credit, openerEnd: dash)
        }
        if let kind = nameThenDate(tokens, line) {
            return BylineLine(line: index, kind: kind, openerEnd: line.lowerBound - 1)
        }
        // "Mon 7 Jul 2025 • 11:20 WET | Reading time: 7 minutes": the date's part is short.
        let datePart = line.lowerBound..<(tokens[line].firstIndex { $0.isPunct("|") } ?? line.upperBound)
        guard datePart.count <= shortLine else { return nil }
        let start = filingComma(tokens, datePart).map { $0 + 1 } ?? line.lowerBound
        guard startsDate(tokens, at: start, in: line), hasYear(tokens[start..<line.upperBound].prefix(7)) else { return nil }
        return BylineLine(line: index, kind: .publishedOn, openerEnd: start - 1)
    }

    /// The comma of a dateline, after where the story was filed ("Dakhla, Sunday 27 July 2025",
    /// "الرباط، 12 مارس 2025"): one to three words, a capital or Arabic first.
    private static func filingComma(_ tokens: [Token], _ line: Range<Int>) -> Int? {
        guard tokens[line.lowerBound].has(.capitalized) || tokens[line.lowerBound].has(.arabic) else { return nil }
        return afterFilingPlace(tokens, line) { $0.isPunct(",") || $0.isPunct("\u{60C}") }
    }

    /// The first punctuation `mark` among a line's second to fourth tokens that follows where the
    /// story was filed ("خنيفرة:", "Dakhla,").
    private static func afterFilingPlace(_ tokens: [Token], _ line: Range<Int>, mark: (Token) -> Bool) -> Int? {
        (line.lowerBound + 1..<min(line.upperBound, line.lowerBound + 4)).first {
            mark(tokens[$0]) && isFilingPlace(tokens, line.lowerBound..<$0)
        }
    }

    /// Most tokens of the label before a dated line's separator ("N° 418 —").
    private static let datedLabel = 4

    /// The first line above the first paragraph whose separator ("—", "-", "|", "·", "•"),
    /// within its first tokens, is followed by a date with a year, "Mis en ligne le" or
    /// "Posted on" allowed before it, or anywhere after it after such an opener.
    private static func datedLine(_ tokens: [Token], lines: [Range<Int>]) -> Int? {
        for (index, line) in lines.prefix(headerLines).enumerated() {
            if isParagraph(tokens, line) { return nil }
            guard line.count <= 24,
                  let separator = (line.lowerBound..<min(line.upperBound, line.lowerBound + datedLabel + 1))
                    .first(where: { $0 > line.lowerBound && isSeparator(tokens[$0]) }) else { continue }
            // "N° 418 — Jeudi 9 octobre 2025", "With AFP · Posted on 19 August 2025", and "L'Economiste |
            // Edition N°:7012 Le 25/06/2025" (an opener further on).
            let afterOpener = { (start: Int) -> Bool in
                guard let opener = NameWords.bylineOpeners.match(tokens, at: start), opener.value == .publishedOn else { return false }
                return startsDatedYear(tokens, at: opener.last + 1, in: line)
            }
            if startsDatedYear(tokens, at: separator + 1, in: line) || (separator + 1..<line.upperBound).contains(where: afterOpener) {
                return index
            }
        }
        return nil
    }

    /// A dash standing apart, a bar or a middle dot.
    private static func isSeparator(_ token: Token) -> Bool {
        isDash(token) || token.isPunct("|") || token.isPunct("·") || token.isPunct("•")
    }

    /// Whether the line is short enough for a byline: "Par X | Publié le 03/02/2025 à 10h15 | Mis à
    /// jour le …", bars make a longer one.
    private static func isBylineLength(_ tokens: [Token], _ line: Range<Int>) -> Bool {
        line.count <= 24 || line.count <= 48 && tokens[line].contains { $0.isPunct("|") }
    }

    /// Lines searched from the end for the last paragraph.
    private static let signatureSearch = 12

    /// The signature line right after the last paragraph: a byline line, a name after a dash, a
    /// name alone or before a bar ("Leila Amrani | Ouarzazate | 2 Dec 2025": the line's date is
    /// the byline's), or a name followed by a dash and where it was filed; with the line under it
    /// when that dates the article. Or a date line alone.
    private static func signature(_ text: TokenizedText, lines: [Range<Int>]) -> [BylineLine] {
        let tokens = text.tokens
        guard let paragraph = lines.indices.suffix(signatureSearch).last(where: { isParagraph(tokens, lines[$0]) }),
              paragraph + 1 < lines.count else { return [] }
        let index = paragraph + 1
        let dated = index + 1 < lines.count ? signatureDate(tokens, lines[index + 1], index + 1) : nil
        if let signed = signatureLine(text, lines[index], index, dated: dated != nil) { return [signed] + [dated].compactMap(\.self) }
        // "Mis à jour le 14/05/2025 à 17:42", "آخر تحديث: 11/02/2025": a date line alone closes it.
        return signatureDate(tokens, lines[index], index).map { [$0] } ?? []
    }

    /// A short line under the signature that dates the article: "Published on Sunday 9
    /// November 2025 at 10:15", "Saïss Info – jeudi 20 mars 2025", "الأربعاء ١٦ نيسان ٢٠٢٥ - ٠٩:٢٠".
    private static func signatureDate(_ tokens: [Token], _ line: Range<Int>, _ index: Int) -> BylineLine? {
        guard isBylineLength(tokens, line) else { return nil }
        let opener = NameWords.bylineOpeners.match(tokens, at: line.lowerBound).flatMap { $0.value == .publishedOn ? $0.last : nil }
        let start = opener.map { $0 + 1 < line.upperBound && tokens[$0 + 1].isPunct(":") ? $0 + 2 : $0 + 1 } ?? line.lowerBound
        let dateStart = startsDatedYear(tokens, at: start, in: line) ? start
            : line.first { isSeparator(tokens[$0]) && startsDatedYear(tokens, at: $0 + 1, in: line) }.map { $0 + 1 }
        return dateStart.map { BylineLine(line: index, kind: .publishedOn, openerEnd: $0 - 1) }
    }

    /// The signature line right after the last paragraph (see ``signature(_:lines:)``); with a
    /// date line under it, also "فاس: مراد الحسني" (where it was filed, a colon, the author).
    private static func signatureLine(_ text: TokenizedText, _ line: Range<Int>, _ index: Int, dated: Bool) -> BylineLine? {
        let tokens = text.tokens
        if let found = bylineLine(text, line, index), found.kind == .writtenBy { return found }
        if dated, let colon = afterFilingPlace(tokens, line, mark: { $0.isPunct(":") }),
           isNameLine(tokens, (colon + 1)..<line.upperBound) {
            return BylineLine(line: index, kind: .writtenBy, openerEnd: colon)
        }
        guard line.count <= shortLine else { return nil }
        if isDashMark(tokens[line.lowerBound]) {
            let name = (line.lowerBound + 1)..<line.upperBound
            return isNameLine(tokens, name) ? BylineLine(line: index, kind: .writtenBy, openerEnd: line.lowerBound) : nil
        }
        guard tokens[line].contains(where: isDash) else {
            // "Leila Amrani", "Leila Amrani | Ouarzazate | 2 Dec 2025": a name alone or before a bar.
            return isNameLine(tokens, line) ? BylineLine(line: index, kind: .writtenBy, openerEnd: line.lowerBound - 1) : nil
        }
        return authorThenPlace(tokens, line, index)
    }

    /// Where a story was filed, after its author and a dash ("… - طنجة", "… - Beni Mellal"): one to three words.
    private static func isFilingPlace(_ tokens: [Token], _ range: Range<Int>) -> Bool {
        (1...3).contains(wordCount(tokens, range))
    }

    /// "Africa Tech Wire staff": two to six capitalised words, the last a newsroom word (a date
    /// line must follow it).
    private static func isNewsroomCredit(_ tokens: [Token], _ line: Range<Int>) -> Bool {
        let words = wordCount(tokens, line)
        guard (2...6).contains(words), line.count == words,
              NameWords.newsroomWords.contains(tokens[line.upperBound - 1]) else { return false }
        return tokens[line.lowerBound..<(line.upperBound - 1)].allSatisfy { $0.has(.capitalized) || $0.kind == .number }
    }

    /// The dash of "الرباط - محمد العلوي | 12 مارس 2024" ("<place or publication> - <author>
    /// | <date>"): one to three words, a dash, the author, then a date with a year after a bar or a dash.
    private static func creditDash(_ tokens: [Token], _ line: Range<Int>) -> Int? {
        guard !line.isEmpty, line.count <= shortLine, tokens[line.lowerBound].kind == .word,
              let dash = (line.lowerBound + 1..<min(line.upperBound, line.lowerBound + 4))
                .first(where: { isDash(tokens[$0]) }),
              let bar = (dash + 2..<max(dash + 2, line.upperBound))
                .first(where: { isDash(tokens[$0]) || tokens[$0].isPunct("|") }),
              startsDatedYear(tokens, at: bar + 1, in: line)
        else { return nil }
        return dash
    }

    /// "Hassan Id Belkassm, correspondant à Azilal | 11.05.2025 - 10:15", "Jane Doe | Le 18/11/2025
    /// à 09h12", "Jane Doe | Agadir | 2 May 2025", "Jane Doe - Agadir · 2025-05-02": a name (a role
    /// after a comma allowed), a bar, then a date with a year (after "Le" or "On", or after a place
    /// and a separator; any separator before a place): `.writtenBy`; "La rédaction | mercredi 12 mars 2025", the newsroom for a name: `.publishedOn`.
    private static func nameThenDate(_ tokens: [Token], _ line: Range<Int>) -> BylineKind? {
        if let bar = tokens[line].firstIndex(where: { $0.isPunct("|") }), bar > line.lowerBound,
           datedAfter(bar, tokens, line) || filedAfter(bar, tokens, line) {
            if isNameLine(tokens, line.lowerBound..<bar) { return .writtenBy }
            let credit = tokens[line.lowerBound..<bar]
            return credit.count <= 3 && credit.contains { NameWords.newsroomRoles.contains($0) } ? .publishedOn : nil
        }
        guard let separator = tokens[line].firstIndex(where: isSeparator), separator > line.lowerBound,
              filedAfter(separator, tokens, line), isNameLine(tokens, line.lowerBound..<separator) else { return nil }
        return .writtenBy
    }

    /// Whether a date with a year follows the separator at `separator` ("| Le 18/11/2025").
    private static func datedAfter(_ separator: Int, _ tokens: [Token], _ line: Range<Int>) -> Bool {
        let date = separator + 1 < line.upperBound && dateArticles.contains(tokens[separator + 1]) ? separator + 2 : separator + 1
        return startsDatedYear(tokens, at: date, in: line)
    }

    /// Whether a date starts at token `date` and the line holds a year from there on.
    private static func startsDatedYear(_ tokens: [Token], at date: Int, in line: Range<Int>) -> Bool {
        startsDate(tokens, at: date, in: line) && hasYear(tokens[date..<line.upperBound])
    }

    /// Whether where the story was filed follows the separator, then another separator and a
    /// date ("| Al Hoceima | 22 August 2025", "- Beni Mellal · 2025-10-27").
    private static func filedAfter(_ separator: Int, _ tokens: [Token], _ line: Range<Int>) -> Bool {
        guard let next = (separator + 2..<min(line.upperBound, separator + 5)).first(where: { isSeparator(tokens[$0]) })
        else { return false }
        return isFilingPlace(tokens, (separator + 1)..<next) && datedAfter(next, tokens, line)
    }

    /// Words before a byline's date ("| Le 18/11/2025", "| On March 3, 2025").
    private static let dateArticles = WordSet("le on")

    /// Whether `tokens` hold a four-digit number (a date's year).
    private static func hasYear(_ tokens: ArraySlice<Token>) -> Bool {
        tokens.contains { $0.kind == .number && $0.length == 4 }
    }

    /// A dash standing apart ("Rabat - X"), not a hyphen.
    private static func isDash(_ token: Token) -> Bool { token.has(.spaceBefore) && isDashMark(token) }

    private static func isDashMark(_ token: Token) -> Bool {
        token.kind == .punct && (token.key == 0x2D || token.key == 0x2013 || token.key == 0x2014)
    }

    /// The line right above a date line (no blank line between) that names its author alone
    /// ("Y. Bouzidi", "Jane Doe, Staff Reporter", "Jane Doe | Staff writer") or after a place or publication and a dash
    /// ("طاقة بريس - مريم بنجلون"), when a longer headline-like line stands above it or a
    /// headline follows the date line.
    private static func authorLine(above found: BylineLine, lines: [Range<Int>], tokens: [Token]) -> BylineLine? {
        let index = found.line - 1
        guard found.kind == .publishedOn, index > 0, !tokens[lines[found.line].lowerBound].has(.blankLineBefore)
        else { return nil }
        let line = lines[index]
        let opening = line.lowerBound + 1..<min(line.upperBound, line.lowerBound + 4)
        // "خنيفرة: نور الدين أمغار": where the story was filed, a colon, the author.
        var dash = opening.first { isDash(tokens[$0]) } ?? afterFilingPlace(tokens, line) { $0.isPunct(":") }
        // "محمد أمين الزياني - طنجة", "Karim Alami - Rabat": the author, then where the story was filed.
        var name = (dash.map { $0 + 1 } ?? line.lowerBound)..<line.upperBound
        // "نبض تادلة - بقلم: حسن أوعدي": "by" before the name.
        while name.count > 1, ArabicNameWords.by.contains(tokens[name.lowerBound]) || tokens[name.lowerBound].isPunct(":") {
            name = (name.lowerBound + 1)..<name.upperBound
        }
        // "مدار الجنوب - متابعة", "صدى الجبل ـ متابعة" (a tatweel is no token), "متابعة": a desk's
        // credit after the publication, which names no author.
        let deskCredit = tokens[line].last.map { $0.has(.arabic) && NameWords.newsroomRoles.contains($0) } ?? false
        if let found = dash, !deskCredit, !isNameLine(tokens, name), isFilingPlace(tokens, name), name.count <= 4 {
            name = line.lowerBound..<found
            dash = nil
        }
        guard deskCredit || isNameLine(tokens, name) else { return nil }
        let headlineAbove = headline(above: index, lines: lines, tokens: tokens).map { lines[$0] }
        let headlineBelow = found.line + 2 < lines.count && isHeadlineLike(tokens, lines[found.line + 1])
            && isParagraph(tokens, lines[found.line + 2])
        let longerAbove = headlineAbove.map { isHeadlineLike(tokens, $0) && wordCount(tokens, $0) > wordCount(tokens, line) }
        guard headlineBelow || longerAbove ?? false else { return nil }
        if deskCredit { return BylineLine(line: index, kind: .publishedIn, openerEnd: line.lowerBound - 1) }
        if let dash { return BylineLine(line: index, kind: .credit, openerEnd: dash) }
        return BylineLine(line: index, kind: .writtenBy, openerEnd: line.lowerBound - 1)
    }

    /// A person's name alone on its line, a role after a comma or a bar allowed ("Jane Doe |
    /// Staff writer"): two to four capitalised
    /// words (initials and particles too), or two to four Arabic words.
    private static func isNameLine(_ tokens: [Token], _ line: Range<Int>) -> Bool {
        guard !line.isEmpty else { return false }
        let name = tokens[line.lowerBound..<(tokens[line].firstIndex { $0.isPunct(",") || $0.isPunct("|") } ?? line.upperBound)]
        let words = name.filter { $0.kind == .word }
        guard (2...4).contains(words.count), name.count <= 12, line.count <= 24, let first = words.first else { return false }
        if first.has(.arabic) { return name.count == words.count && words.allSatisfy { $0.has(.arabic) } }
        return first.has(.capitalized) && name.allSatisfy { token in
            token.kind == .word ? token.has(.capitalized) || NameWords.particles.contains(token)
                : token.kind == .punct && !token.has(.spaceBefore)
                    && (token.key == 0x2E || token.key == 0x2D || token.key == 0x27)
        }
    }

    /// Three words or more, not a sentence, at most 300 scalars.
    private static func isHeadlineLike(_ tokens: [Token], _ line: Range<Int>) -> Bool {
        wordCount(tokens, line) >= 3 && !tokens[line.upperBound - 1].isPunct(".")
            && tokens[line.upperBound - 1].end - tokens[line.lowerBound].start <= 300
    }

    /// Whether a date starts at token `index`: a weekday, a month, or a number standing apart
    /// ("Le 26/03/2024", not "Le360").
    private static func startsDate(_ tokens: [Token], at index: Int, in line: Range<Int>) -> Bool {
        guard index < line.upperBound else { return false }
        let token = tokens[index]
        if token.kind == .number {
            // "1. Mondial 2030 : …" numbers an item of a list ("15.10.2025" is a date).
            if index + 2 < line.upperBound, tokens[index + 1].isPunct(".") || tokens[index + 1].isPunct(")"),
               tokens[index + 2].kind != .number { return false }
            return index == line.lowerBound || token.has(.spaceBefore)
        }
        return CalendarWords.weekdays.contains(token) || CalendarWords.months[token] != nil
    }

    /// A short line of a few words without sentence punctuation, after a byline line: the
    /// publication, the author, or both ("Hespress FR", "هسبريس - محمد الإدريسي").
    private static func isAttribution(_ tokens: [Token], _ line: Range<Int>) -> Bool {
        let words = wordCount(tokens, line)
        return (1...6).contains(words) && line.count <= shortLine
            && !tokens[line].contains { $0.isPunct(".") || $0.isPunct(",") || $0.isPunct(":") }
    }

    /// A sentence of `ledeWords` words or more ending with a period.
    private static func isLede(_ tokens: [Token], _ line: Range<Int>) -> Bool {
        tokens[line.upperBound - 1].isPunct(".") && wordCount(tokens, line) >= ledeWords
    }

    /// A paragraph: a lede, or a line of `paragraphWords` words or more.
    private static func isParagraph(_ tokens: [Token], _ line: Range<Int>) -> Bool {
        isLede(tokens, line) || wordCount(tokens, line) >= paragraphWords
    }

    private static func wordCount(_ tokens: [Token], _ line: Range<Int>) -> Int {
        tokens[line].reduce(0) { $0 + ($1.kind == .punct ? 0 : 1) }
    }
}
