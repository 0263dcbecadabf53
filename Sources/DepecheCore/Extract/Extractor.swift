/// Stage "extract": an article's metadata and entities.
///
/// A pure function of the article (its text, and the metadata its markup stated) and the
/// gazetteer. Order of work: tokenize; find the headline and byline (`DocumentLayout`); guess
/// the language; recognise dates, then amounts, percentages and quantities (their tokens are
/// then off limits to names); read the byline; recognise names; assemble entities, the byline
/// the markup states first (`MarkupByline`). Offsets are Unicode scalar offsets into `article.text`. Nothing above the headline (masthead,
/// section name) yields entities. The source is the markup's, else the byline's, else the
/// publisher the page's copyright or source line names (as the masthead writes it), else a
/// known publication in the header, else a masthead the body repeats (`MastheadName`), else the
/// outlet an Arabic statement was given to (`StatementOutlet`).
public struct Extractor: Sendable {
    /// The known names.
    public let gazetteer: Gazetteer

    /// Creates an extractor over a gazetteer.
    public init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
    }

    /// Extracts the metadata and entities of `article`; one longer than ``windowedAbove``, a
    /// window at a time (``extractInWindows(_:windowBytes:)``).
    public func extract(_ article: Article) -> Extraction {
        article.text.utf8.count > Self.windowedAbove ? extractInWindows(article) : extractWhole(article)
    }

    /// Extracts the metadata and entities of `article` in one pass over its whole text.
    func extractWhole(_ article: Article) -> Extraction {
        let text = TokenizedText(article.text)
        let tokens = text.tokens
        let layout = DocumentLayout(text)
        let body = layout.bodyStart..<tokens.count
        let lang = LanguageGuesser.guess(tokens[body])
        let english = lang == "en"

        var claimed = [Bool](repeating: false, count: tokens.count)
        let dates = DateRecognizer(text: text, english: english).dates(in: layout.articleStart..<tokens.count)
        for date in dates { for index in date.first...date.last { claimed[index] = true } }
        let measures = MeasureRecognizer(text: text, french: !english).measures(in: body, claimed: claimed)
        for measure in measures { for index in measure.first...measure.last { claimed[index] = true } }

        var byline = Byline(text, layout: layout, dates: dates, gazetteer: gazetteer)
        let source = (article.metadata.source ?? byline.source.map { text.string(tokens: $0.lowerBound, $0.upperBound) }
            ?? byline.publication.map { gazetteer.entries[$0].name }
            ?? article.metadata.publisher.map { MastheadName.preferred($0, in: text, header: 0..<layout.bodyStart) }
            ?? headerPublication(text, layout) ?? MastheadName.repeated(in: text, layout: layout, body: body)
            ?? StatementOutlet.name(in: text, body))
            .map(MastheadName.withoutDomain)
        // "الحوز الآن | متابعة": a byline that names the publication names no author.
        if let author = byline.author, let source,
           FoldedKey.of(text.string(tokens: author.lowerBound, author.upperBound)) == FoldedKey.of(source) {
            byline.author = nil
        }
        var extra: [NameCandidate] = []
        if let source = byline.source {
            extra.append(NameCandidate(first: source.lowerBound, last: source.upperBound, type: .org,
                                       evidence: .byline, group: .surface(surfaceKey(text, source))))
        }
        for author in byline.authorNames(text) {
            extra.append(NameCandidate(first: author.lowerBound, last: author.upperBound, type: .person,
                                       evidence: .byline,
                                       group: .person(PersonNameKey.of(text, author.lowerBound, author.upperBound))))
        }
        let mentions = source.map { Self.mentions(of: $0, in: text, body) } ?? []
        for (mention, credit) in mentions {
            extra.append(credit
                ? NameCandidate(first: mention.lowerBound, last: mention.upperBound, type: nil, evidence: .credit, group: .surface(0))
                : NameCandidate(first: mention.lowerBound, last: mention.upperBound, type: .org, evidence: .byline,
                                group: .surface(surfaceKey(text, mentions[0].range))))
        }
        let names = NameRecognizer(text: text, gazetteer: gazetteer, english: english).recognize(in: body, claimed: claimed, extra: extra)

        let published = article.metadata.published ?? byline.date.map { $0.iso(defaultYear: nil) }
        // Dates without a year take the publication's (or the body's commonest year).
        let reference = published.flatMap { date in Int(date.prefix(4)).map { (year: $0, month: Int(date.dropFirst(5).prefix(2))) } }
            ?? Self.commonestYear(text, body).map { (year: $0, month: nil) }
        let found = EntityAssembler(text: text, gazetteer: gazetteer).entities(dates: dates, reference: reference,
                                                            measures: measures, names: names)
        let markup = MarkupByline.entities(article.metadata, besides: found, gazetteer: gazetteer)
        let entities = markup.isEmpty ? found : markup + found      // most pages: no copy of every entity
        return Extraction(
            lang: lang,
            title: (article.metadata.title ?? layout.title(in: text)).map { MastheadName.title($0, without: source) },
            published: published,
            author: article.metadata.author ?? byline.author.map { text.string(tokens: $0.lowerBound, $0.upperBound) },
            source: source,
            entities: entities)
    }

    /// Where the body names the page's own publication ("interviewed by the Coastal Times"): an
    /// organisation. Names of two words or more, starting with a capital or an Arabic word. On a
    /// credit line ("Source : X", "المصدر: X") or as an interview's speaker ("X : Combien …") the
    /// name only says who published the page: `credit`.
    static func mentions(of publication: String, in text: TokenizedText,
                                 _ body: Range<Int>) -> [(range: ClosedRange<Int>, credit: Bool)] {
        let keys = TokenizedText(publication).tokens.map(\.key)
        guard keys.count >= 2 else { return [] }
        let firstKey = keys[0]
        return text.tokens.withUnsafeBufferPointer { tokens in
            var found: [(range: ClosedRange<Int>, credit: Bool)] = []
            var index = body.lowerBound
            let lastStart = body.upperBound - keys.count
            while index <= lastStart {
                // Most tokens differ at the first key: one load and compare each.
                guard tokens[index].key == firstKey else {
                    index += 1
                    continue
                }
                let first = tokens[index]
                if first.has(.capitalized) || first.has(.arabic),
                   (1..<keys.count).allSatisfy({ tokens[index + $0].key == keys[$0] && !tokens[index + $0].has(.newlineBefore) }) {
                    let last = index + keys.count - 1
                    let speaker = (index == 0 || first.has(.newlineBefore)) && last + 1 < tokens.count
                        && tokens[last + 1].isPunct(":")
                    found.append((index...last, speaker || isCredit(before: index, tokens)))
                    index += keys.count
                } else {
                    index += 1
                }
            }
            return found
        }
    }

    /// Labels of a line that credits the page's publication ("Source : X", "المصدر: X").
    private static let creditLabels = WordSet("source sources المصدر")

    /// Whether the name at token `index` follows a credit label that opens its line.
    private static func isCredit(before index: Int, _ tokens: UnsafeBufferPointer<Token>) -> Bool {
        var label = index - 1
        if label >= 0, tokens[label].isPunct(":") { label -= 1 }
        guard label >= 0, creditLabels.contains(tokens[label]) else { return false }
        return label == 0 || tokens[label].has(.newlineBefore)
    }

    /// An organisation the header (masthead above the headline) names: the publication.
    private func headerPublication(_ text: TokenizedText, _ layout: DocumentLayout) -> String? {
        for index in 0..<layout.bodyStart where text.tokens[index].has(.capitalized) {
            if let found = gazetteer.longestMatch(in: text, at: index), gazetteer.entries[found.entry].kind == .org {
                return gazetteer.entries[found.entry].name
            }
        }
        return nil
    }

    /// The year the body mentions most (the first of equals), for dates written without one.
    private static func commonestYear(_ text: TokenizedText, _ body: Range<Int>) -> Int? {
        var counts = KeyTable<Int>()
        var order: [Int] = []
        for index in text.landmarks.numbers where body.contains(index) && text.tokens[index].length == 4 {
            let year = Int(text.tokens[index].key)
            guard (1900...2100).contains(year) else { continue }
            let key = UInt64(year)
            if counts[key] == nil { order.append(year) }
            counts[key] = (counts[key] ?? 0) + 1
        }
        var best: (year: Int, count: Int)?
        for year in order where counts[UInt64(year)] ?? 0 > best?.count ?? 0 { best = (year, counts[UInt64(year)] ?? 0) }
        return best?.year
    }

    private func surfaceKey(_ text: TokenizedText, _ range: ClosedRange<Int>) -> UInt64 {
        text.surfaceKey(range.lowerBound, range.upperBound)
    }
}
