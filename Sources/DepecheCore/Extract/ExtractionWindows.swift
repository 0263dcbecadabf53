/// How an article too long to extract at once is extracted: a window at a time.
///
/// Extraction holds per token what it works on (the token, gazetteer hits, name chunks and
/// candidates): about 25 bytes for each byte of text, so a 13 MiB one-line page needed over
/// 300 MiB. Above ``Extractor/windowedAbove`` the text is cut into windows of at most
/// ``Extractor/windowBytes``, at
/// a paragraph break where there is one (else a line break, a sentence end, a space), and each
/// window is extracted alone: the first as the article (headline, byline, metadata), the others
/// as more of its body, under the first one's date (for dates without a year) and source. Their
/// entities are merged into one list, in order of first mention, with offsets into the whole text.
///
/// What a window cannot see: a name mentioned in full in one window and by its last word alone in
/// another is reported twice (once in each form), and an acronym expanded in another window is not
/// linked to its expansion. Articles that long are not news stories (a report pasted whole, a page
/// a scraper saved without its line breaks), and every real article is shorter than one window.
extension Extractor {
    /// Articles longer than this many UTF-8 bytes are extracted in windows.
    static let windowedAbove = 1 << 20
    /// The most UTF-8 bytes of a window: a quarter of ``windowedAbove``, so that what extraction
    /// holds for one window stays well under the page's own size (a page of a million
    /// capitalised words peaked at 12× its size with windows of 1 MiB, 9× with 256 KiB).
    static let windowBytes = 1 << 18

    /// Extracts `article` a window of at most `windowBytes` at a time (see above).
    func extractInWindows(_ article: Article, windowBytes: Int = Extractor.windowBytes) -> Extraction {
        var windows = TextWindows(article.text, maxBytes: windowBytes)
        guard let first = windows.next() else { return extractWhole(article) }
        var extraction = extractWhole(Article(text: first.text, metadata: article.metadata))
        var merged = EntityMerger(extraction.entities)
        let body = ArticleMetadata(title: extraction.title, published: extraction.published, source: extraction.source)
        while let window = windows.next() {
            merged.add(extractWhole(Article(text: window.text, metadata: body)).entities, at: window.scalarOffset)
        }
        extraction.entities = merged.entities
        return extraction
    }
}

/// The windows an article's text is cut into: each at most `maxBytes` of UTF-8, ending after
/// the last paragraph break in its second half, else the last line break, else the last sentence
/// end (". "), else the last space; a text without any is cut between two scalars.
struct TextWindows: IteratorProtocol {
    /// One window: its text and the Unicode scalar offset of its start in the whole text.
    struct Window {
        var text: String
        var scalarOffset: Int
    }

    private let text: String
    private let maxBytes: Int
    /// UTF-8 offset of the next window's start.
    private var start = 0
    private var scalarOffset = 0

    init(_ text: String, maxBytes: Int) {
        self.text = text
        self.maxBytes = max(maxBytes, 8)
    }

    mutating func next() -> Window? {
        let utf8 = text.utf8
        guard start < utf8.count else { return nil }
        let end = cut(after: start)
        let scalars = text.unicodeScalars[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
        defer {
            start = end
            scalarOffset += scalars.count
        }
        return Window(text: String(Substring(scalars)), scalarOffset: scalarOffset)
    }

    /// UTF-8 offset where the window that starts at `start` ends.
    private func cut(after start: Int) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            let limit = start + maxBytes
            guard limit < bytes.count else { return bytes.count }
            // The best separator found so far, scanning back from the limit: 4 paragraph, 3 line,
            // 2 sentence, 1 word; the window ends just after it.
            var best = (rank: 0, end: 0)
            var index = limit - 1
            while index >= start + maxBytes / 2 && best.rank < 4 {
                let rank: Int
                switch bytes[index] {
                case UInt8(ascii: "\n"): rank = index > start && bytes[index - 1] == UInt8(ascii: "\n") ? 4 : 3
                case UInt8(ascii: " "): rank = index > start && bytes[index - 1] == UInt8(ascii: ".") ? 2 : 1
                default: rank = 0
                }
                if rank > best.rank { best = (rank, index + 1) }
                index -= 1
            }
            if best.rank > 0 { return best.end }
            var end = limit
            while end > start + 1, UTF8.isContinuation(bytes[end]) { end -= 1 }
            return end
        }
    }
}

/// The entities of several windows as one list: an entity found again gets the new mentions. A
/// name found again (same linked name or folded text) keeps the type it was first given, as one
/// article's mentions of a name get one type; an amount, a date or a count is found again with
/// the same type, value, currency and unit.
struct EntityMerger {
    private struct Key: Hashable {
        /// nil for a name: PERSON, ORG and LOC share one key.
        var type: EntityType?
        var name: UInt64
        var value: EntityValue?
        var currency: String?
        var unit: String?

        init(_ entity: Entity) {
            type = [.person, .org, .loc].contains(entity.type) ? nil : entity.type
            name = FoldedKey.of(entity.canonical ?? entity.text)
            value = entity.value
            currency = entity.currency
            unit = entity.unit
        }
    }

    private(set) var entities: [Entity] = []
    private var positions: [Key: Int] = [:]

    /// Starts with the first window's entities.
    init(_ first: [Entity]) { add(first, at: 0) }

    /// Adds the entities of a window whose text starts at scalar `offset` of the whole text.
    mutating func add(_ found: [Entity], at offset: Int) {
        for var entity in found {
            entity.offsets = entity.offsets.map { ($0.lowerBound + offset)..<($0.upperBound + offset) }
            let key = Key(entity)
            if let position = positions[key] {
                // A name keeps its first type and form; only its mentions are added.
                entities[position].count += entity.count
                entities[position].offsets += entity.offsets
            } else {
                positions[key] = entities.count
                entities.append(entity)
            }
        }
    }
}
