/// An Arabic word token read the way Arabic names are built: an optional one-letter proclitic
/// (و ف ب ك ل), the article "ال" (or "لل", ل + ال), and the folded key of the word without its
/// proclitic. Read on a token's few scalars, only for the words the Arabic name rules look at.
struct ArabicWord {
    /// Scalars of the proclitic left out (0 or 1).
    let clitic: Int
    /// The proclitic letter, 0 when there is none.
    let proclitic: UInt32
    /// Whether the word (after its proclitic) carries the article: "الوطني", "والمالية", "للتخطيط".
    let definite: Bool
    /// Folded key of the word without its proclitic.
    let key: UInt64
    /// The token's last three scalars, last first (a nisba adjective ends in "ي", "ية" or "يين").
    private let ending: (UInt32, UInt32, UInt32)

    private static let waw: UInt32 = 0x648, fa: UInt32 = 0x641, ba: UInt32 = 0x628, kaf: UInt32 = 0x643
    private static let lam: UInt32 = 0x644, alef: UInt32 = 0x627, yeh: UInt32 = 0x64A, tehMarbuta: UInt32 = 0x629
    private static let alefMaqsura: UInt32 = 0x649, noon: UInt32 = 0x646

    /// The word at token `index` as written (no proclitic taken off); nil for other tokens.
    static func plain(_ text: TokenizedText, _ index: Int) -> ArabicWord? {
        guard let token = text.tokens.at(index), token.kind == .word, token.has(.arabic) else { return nil }
        return ArabicWord(text, token, clitic: 0)
    }

    /// The word at token `index` without its proclitic, when it has one and three letters or more
    /// are left ("وزارة" is read as written: a word whose first letter is و is tried both ways by callers).
    static func stripped(_ text: TokenizedText, _ index: Int) -> ArabicWord? {
        guard let token = text.tokens.at(index), token.kind == .word, token.has(.arabic), token.length >= 4 else {
            return nil
        }
        let lead = text.scalar(token)
        guard lead == waw || lead == fa || lead == ba || lead == kaf || lead == lam else { return nil }
        return ArabicWord(text, token, clitic: 1)
    }

    /// Reads the token in one pass over its scalars (the name rules build a word several times
    /// over, for each of the few rules that look at it).
    private init(_ text: TokenizedText, _ token: Token, clitic: Int) {
        self.clitic = clitic
        let lengthAfterClitic = token.length - clitic
        var proclitic: UInt32 = 0, first: UInt32 = 0, second: UInt32 = 0
        var lastThree: (UInt32, UInt32, UInt32) = (0, 0, 0)    // last first
        var folded = FoldedKey()
        var position = 0
        text.forEachScalar(of: token) { scalar in
            if position < clitic {
                proclitic = scalar
            } else {
                if position == clitic {
                    first = scalar
                    // "للمكتب" is read "المكتب", the way the gazetteer reads it.
                    if clitic == 1 && proclitic == Self.lam && scalar == Self.lam && lengthAfterClitic > 3 { folded.add(Self.alef) }
                } else if position == clitic + 1 {
                    second = scalar
                }
                if clitic > 0 { folded.add(scalar) }
            }
            lastThree = (scalar, lastThree.0, lastThree.1)
            position += 1
        }
        self.proclitic = proclitic
        // "للتخطيط": ل + ال with the alef dropped.
        definite = lengthAfterClitic > 3 && (first == Self.alef && second == Self.lam
            || clitic == 1 && proclitic == Self.lam && first == Self.lam)
        key = clitic == 0 ? token.key : folded.value
        // The third scalar from the end is read only for the plural nisba's "ين"/"ون".
        ending = (lastThree.0, lastThree.1, lastThree.0 == Self.noon ? lastThree.2 : 0)
    }

    /// Whether the word is a preposition that folds like a name ("على" and "علي" fold alike):
    /// listed, and written with a final alef maqsura.
    var isMaqsuraPreposition: Bool {
        ending.0 == Self.alefMaqsura && ArabicNameWords.maqsuraPrepositions.contains(key: key)
    }

    /// Whether the word is "ل" + "ال" written "لل" ("للتخطيط").
    var isLilDefinite: Bool { definite && proclitic == Self.lam }

    /// Whether the word ends like a nisba adjective: "الوطني", "الجهوية".
    var isNisba: Bool { ending.0 == Self.yeh || ending.0 == Self.tehMarbuta && ending.1 == Self.yeh }

    /// Whether the word ends like a plural nisba: "الموريتانيين", "المغربيون".
    var isPluralNisba: Bool {
        (ending.0 == Self.noon && (ending.1 == Self.yeh || ending.1 == Self.waw)) && ending.2 == Self.yeh
    }

    /// Whether the proclitic is "و" (and), "ل" (for, of) or "ب" (in, by).
    var isAnd: Bool { proclitic == Self.waw }
    /// See `isAnd`.
    var isFor: Bool { proclitic == Self.lam }
    /// See `isAnd`.
    var isIn: Bool { proclitic == Self.ba }
}

/// Every Arabic word of a text read as an `ArabicWord`, as written and without its proclitic:
/// once, for the name rules that ask about each word several times over.
struct ArabicWords {
    /// The tokens from the text's first Arabic word to its last (others have none): in a French
    /// page that quotes one Arabic phrase, a few, not the thousand of the page.
    private let tokens: Range<Int>
    private let plainWords: [ArabicWord?]
    private let strippedWords: [ArabicWord?]

    /// Reads the Arabic words of `text` (other tokens have none).
    init(_ text: TokenizedText) {
        let (first, last) = (text.landmarks.firstArabicWord, text.landmarks.lastArabicWord)
        tokens = first >= 0 ? first..<(last + 1) : 0..<0
        plainWords = tokens.map { ArabicWord.plain(text, $0) }
        strippedWords = tokens.map { ArabicWord.stripped(text, $0) }
    }

    /// `ArabicWord.plain` of token `index` (nil outside the text).
    func plain(_ index: Int) -> ArabicWord? { tokens.contains(index) ? plainWords[index - tokens.lowerBound] : nil }

    /// `ArabicWord.stripped` of token `index` (nil outside the text).
    func stripped(_ index: Int) -> ArabicWord? { tokens.contains(index) ? strippedWords[index - tokens.lowerBound] : nil }
}
