/// The publication's name as its masthead writes it, when no markup or byline names it.
///
/// A copyright line often names the publisher's company ("© 2025 Harbour Daily Media"): when the
/// header writes the name without its last company word ("HARBOUR DAILY"), that is the
/// publication. A page that names itself nowhere else may still have its masthead on its first
/// line, short and without sentence punctuation, and repeat it in the body ("Harbour Daily:" over
/// an interview's questions): the body's spelling is the publication.
enum MastheadName {
    /// Words that end a publisher company's name after the publication's own.
    static let companyWords = WordSet("media medias médias group groupe holding editions éditions presse")
    /// Most words of a masthead.
    private static let mastheadWords = 5

    /// Domain endings a site's name is often written with ("Yabiladi.com", "Challenge.ma").
    private static let domainEndings = [".com", ".ma", ".net", ".org", ".info", ".press", ".fr", ".news", ".tv", ".media"]

    /// `name` without a domain ending when it is one word with one ("Challenge.ma" is
    /// "Challenge"): the publication, not its address.
    static func withoutDomain(_ name: String) -> String {
        guard !name.contains(" "),
              let ending = domainEndings.first(where: { name.count > $0.count + 1 && name.lowercased().hasSuffix($0) })
        else { return name }
        return String(name.dropLast(ending.count))
    }

    /// Separators between a page title and the site's name ("Site — Headline", "Headline | Site").
    static let titleSeparators = [" — ", " – ", " - ", " | ", " :: "]

    /// `title` without `source` before or after one of its separators ("Sud Horizons — Tiznit :
    /// …" is "Tiznit : …"): a page's `<title>` names the site beside the headline.
    static func title(_ title: String, without source: String?) -> String {
        guard let source, !source.isEmpty else { return title }
        for separator in titleSeparators {
            if title.hasPrefix(source + separator) { return String(title.dropFirst(source.count + separator.count)) }
            if title.hasSuffix(separator + source) { return String(title.dropLast(source.count + separator.count)) }
        }
        return title
    }

    /// `publisher` without its last company word when the header (`header`) writes the rest.
    static func preferred(_ publisher: String, in text: TokenizedText, header: Range<Int>) -> String {
        let name = TokenizedText(publisher)
        let words = name.tokens
        guard words.count >= 3, let last = words.last, companyWords.contains(last),
              contains(words.dropLast().map(\.key), in: text.tokens, header) else { return publisher }
        return name.string(tokens: 0, words.count - 2)
    }

    /// The first line, a short masthead above the headline, as the body writes it again.
    static func repeated(in text: TokenizedText, layout: DocumentLayout, body: Range<Int>) -> String? {
        guard let first = layout.lines.first, first.upperBound <= layout.bodyStart, !first.isEmpty else { return nil }
        let tokens = text.tokens[first]
        let words = tokens.filter { $0.kind == .word }.count
        guard (2...mastheadWords).contains(words),
              tokens.allSatisfy({ $0.kind == .word || $0.isPunct("&") || $0.isPunct("'") }) else { return nil }
        let masthead = text.string(tokens: first.lowerBound, first.upperBound - 1)
        guard let mention = Extractor.mentions(of: masthead, in: text, body).first else { return nil }
        return text.string(tokens: mention.range.lowerBound, mention.range.upperBound)
    }

    /// Whether `keys` follow one another somewhere in `range` of `tokens`.
    private static func contains(_ keys: [UInt64], in tokens: [Token], _ range: Range<Int>) -> Bool {
        guard let firstKey = keys.first, range.count >= keys.count else { return false }
        return (range.lowerBound...(range.upperBound - keys.count)).contains { start in
            tokens[start].key == firstKey && keys.indices.allSatisfy { tokens[start + $0].key == keys[$0] }
        }
    }
}
