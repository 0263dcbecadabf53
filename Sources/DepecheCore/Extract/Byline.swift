/// What a byline block says: "Publié dans La Vie éco le 02 - 05 - 2019", "Rédigé par Safaa
/// KSAANI Mercredi 7 Février 2024", "Publié le 12 janvier 2024 par Karim Bennani", "Par X |
/// Le 20 décembre 2023", "By X" over "Jan 18, 2024", "الثلاثاء ٢٥ يونيو ٢٠٢٤" over "هسبريس - محمد الإدريسي",
/// "الرباط - محمد العلوي | 12 مارس 2024", "Par la rédaction de X", "X staff".
struct Byline: Sendable {
    /// Tokens of the publication's name after "Publié dans".
    var source: ClosedRange<Int>?
    /// The gazetteer entry of a publication named on an attribution line ("Hespress FR").
    var publication: Int?
    /// Tokens of the author's name.
    var author: ClosedRange<Int>?
    /// The first dated mention of the block that has a year, else of the layout's dated line.
    var date: DateMention?

    /// Words that end a publication's name in a byline ("… le 02 - 05 - 2019", "… du 3 mai")
    /// unless a capitalised word follows ("Gazette du Nord"); "par" and "by" always do.
    private static let sourceEnders = WordSet("le du on en depuis à a par by")
    /// "par", "by": the author's name follows ("Publié le 12 janvier 2024 par Karim Bennani").
    private static let by = WordSet("par by")
    /// Words joining two authors' names.
    private static let and = WordSet("and et و")
    /// "من" (from), "في" (in): the place an Arabic byline says the author wrote from follows.
    private static let arabicFrom = WordSet("من في")
    /// "د." (doctor), "ذ." (teacher, lawyer): titles an Arabic byline abbreviates.
    private static let arabicAbbreviatedTitles = WordSet("د ذ")
    /// Most words of an author's name written in Arabic (no capitals to end it).
    private static let arabicNameWords = 4

    /// Reads the byline block `layout` found, with the dates already recognised.
    init(_ text: TokenizedText, layout: DocumentLayout, dates: [DateMention], gazetteer: Gazetteer) {
        let tokens = text.tokens
        // The signature under the article, when the byline names no author; its date line, when
        // the byline states no date.
        let namesAuthor = layout.byline.contains { $0.kind == .writtenBy || $0.kind == .credit }
        for entry in layout.byline + layout.signature.filter({ !namesAuthor || $0.kind == .publishedOn }) {
            let line = layout.lines[entry.line]
            let lineDates = dates.filter { line.contains($0.first) }
            if date == nil { date = lineDates.first { $0.year != nil } }
            var dated = [Bool](repeating: false, count: line.count)
            for mention in lineDates { for index in mention.first...mention.last { dated[index - line.lowerBound] = true } }
            let isDated = { (index: Int) in dated[index - line.lowerBound] }
            let start = entry.openerEnd + 1
            switch entry.kind {
            case .publishedIn:
                if source == nil { source = publication(text, from: start, in: line, dated: isDated, gazetteer: gazetteer) }
            case .writtenBy, .correspondent:
                if author == nil { author = name(text, from: start, in: line, dated: isDated) }
            case .publishedOn:
                break
            case .attribution:
                guard let found = gazetteer.longestMatch(in: text, at: start), found.skipped == 0,
                      gazetteer.entries[found.entry].kind == .org else {
                    // Arabic bylines give the author's bare name under the date ("خديجة أيت علي"), or
                    // after the publication or the town and a dash ("صدى الجنوب - بقلم: سعاد الشرقاوي").
                    if author == nil, tokens[start].has(.arabic) {
                        author = arabicAttribution(text, from: start, in: line, dated: isDated, gazetteer: gazetteer)
                    }
                    break
                }
                publication = publication ?? found.entry
                let separator = found.last + 1
                if author == nil, separator < line.upperBound, tokens[separator].isPunct("-") || tokens[separator].isPunct("|") {
                    author = name(text, from: separator + 1, in: line, dated: isDated)
                }
            case .credit:
                if let found = gazetteer.longestMatch(in: text, at: line.lowerBound), found.skipped == 0,
                   gazetteer.entries[found.entry].kind == .org {
                    publication = publication ?? found.entry
                }
                if author == nil { author = name(text, from: start, in: line, dated: isDated) }
            }
            // "… par Karim Bennani", "… by Sarah Benali" after the date or the publication.
            if author == nil, let at = (start..<line.upperBound).first(where: { $0 > line.lowerBound && Self.by.contains(tokens[$0]) }) {
                author = name(text, from: at + 1, in: line, dated: isDated)
            }
        }
        if date == nil, let dated = layout.datedLine {
            date = dates.first { layout.lines[dated].contains($0.first) && $0.year != nil }
        }
    }

    /// The author of an Arabic attribution line: the name after its dash ("-" or "|"), else its
    /// first words (`name` refuses a desk's credit: "متابعة", "هيئة التحرير"); when a known place
    /// follows the dash, the name before it ("محمد العلوي - الرباط").
    private func arabicAttribution(_ text: TokenizedText, from start: Int, in line: Range<Int>, dated: (Int) -> Bool,
                                   gazetteer: Gazetteer) -> ClosedRange<Int>? {
        let tokens = text.tokens
        var from = start
        if let dash = (start..<line.upperBound).first(where: { tokens[$0].isPunct("-") || tokens[$0].isPunct("|") }) {
            from = dash + 1
            if from < line.upperBound, let place = gazetteer.longestMatch(in: text, at: from), place.skipped == 0,
               gazetteer.entries[place.entry].kind == .loc, place.last + 1 == line.upperBound || dated(place.last + 1) {
                from = start
            }
        }
        return name(text, from: from, in: line, dated: dated)
    }

    /// Each person the author's tokens name: "Jane Doe and John Smith" is two.
    func authorNames(_ text: TokenizedText) -> [ClosedRange<Int>] {
        guard let author else { return [] }
        var names: [ClosedRange<Int>] = []
        var start = author.lowerBound
        for index in author where Self.and.contains(text.tokens[index]) || text.tokens[index].isPunct("&") {
            if index > start { names.append(start...(index - 1)) }
            start = index + 1
        }
        if start <= author.upperBound { names.append(start...author.upperBound) }
        return names
    }

    /// The publication after "Publié dans": a known name, else the words up to the date; not a
    /// known place ("الداخلة – هيئة التحرير": where the desk filed from) nor a desk ("هيئة التحرير").
    private func publication(_ text: TokenizedText, from start: Int, in line: Range<Int>, dated: (Int) -> Bool,
                             gazetteer: Gazetteer) -> ClosedRange<Int>? {
        let tokens = text.tokens
        let known = start < line.upperBound ? gazetteer.longestMatch(in: text, at: start) : nil
        if let known, known.skipped == 0, known.last < line.upperBound {
            switch gazetteer.entries[known.entry].kind {
            case .org: return start...known.last
            case .loc where known.last + 1 == line.upperBound || tokens[known.last + 1].kind == .punct: return nil
            default: break
            }
        }
        var k = start
        while k < line.upperBound, !dated(k) {
            let token = tokens[k]
            let nameGoesOn = k + 1 < line.upperBound && tokens[k + 1].has(.capitalized) && !dated(k + 1)
                && !Self.by.contains(token)
            if token.kind == .word && !token.has(.capitalized) && Self.sourceEnders.contains(token) && !nameGoesOn
                || NameWords.newsroomWords.contains(token) || NameWords.newsroomRoles.contains(token) { break }
            if token.kind == .punct && !(token.key == 0x27 || token.key == 0x2D && !token.has(.spaceBefore)) { break }
            k += 1
        }
        return k > start ? start...(k - 1) : nil
    }

    /// A person's name from token `start`: capitalised words and particles (joined by
    /// apostrophes, hyphens, initials' periods), or up to four Arabic words; none when a word
    /// is a newsroom role ("Staff Reporter"). Names joined by
    /// "and", "et" or "&" are one byline ("Jane Doe and John Smith").
    private func name(_ text: TokenizedText, from start: Int, in line: Range<Int>, dated: (Int) -> Bool) -> ClosedRange<Int>? {
        let tokens = text.tokens
        guard start < line.upperBound else { return nil }
        var start = start
        // "الأستاذة سعاد الشرقاوي", "بقلم: سعاد الشرقاوي", "د. عبد الرحيم أوبلا", "Dr Ahmed Bennani":
        // the title or label is no part of the name.
        while start + 1 < line.upperBound {
            let token = tokens[start]
            if ArabicNameWords.titles.contains(token) || ArabicNameWords.by.contains(token) || token.isPunct(":") {
                start += 1
            } else if NameWords.titles.contains(token) || Self.arabicAbbreviatedTitles.contains(token) && tokens[start + 1].isPunct(".") {
                start += tokens[start + 1].isPunct(".") ? 2 : 1
            } else {
                break
            }
        }
        var k = start
        if tokens[start].has(.arabic) {
            // "محمد بلقاسم من أكادير": where the author wrote from is no part of the name; "و"
            // between two names of two words or more joins a second author's.
            var words = 0
            while k < line.upperBound, !dated(k), tokens[k].has(.arabic), !Self.arabicFrom.contains(tokens[k]) {
                if Self.and.contains(tokens[k]) {
                    guard words >= 2, k + 2 < line.upperBound, tokens[k + 1].has(.arabic), tokens[k + 2].has(.arabic),
                          !dated(k + 1), !dated(k + 2) else { break }
                    words = 0
                } else if words == Self.arabicNameWords {
                    break
                } else {
                    words += 1
                }
                k += 1
            }
            // "اقتصاد" under the date is the section, not a name: an Arabic name has two words or more.
            guard k - start >= 2, !(start..<k).contains(where: { NameWords.newsroomRoles.contains(tokens[$0]) }) else { return nil }
            return start...(k - 1)
        }
        guard tokens[start].has(.capitalized) else { return nil }
        var end = start - 1
        while k < line.upperBound, !dated(k) {
            let token = tokens[k]
            let joins = token.kind == .punct && !token.has(.spaceBefore)
                && (token.key == 0x27 || token.key == 0x2D || token.key == 0x2E)
            if token.kind == .word && (token.has(.capitalized) || NameWords.particles.contains(token)) || joins {
                if token.kind == .word { end = k }
                k += 1
            } else if end >= start, Self.and.contains(token) || token.isPunct("&"), k + 1 < line.upperBound,
                      tokens[k + 1].has(.capitalized), !dated(k + 1) {
                k += 1
            } else {
                break
            }
        }
        // "Staff Reporter", "Newsdesk": a role names no one.
        guard end >= start, !(start...end).contains(where: { NameWords.newsroomRoles.contains(tokens[$0]) }) else { return nil }
        return start...end
    }
}
