/// What a token is.
enum TokenKind: UInt8, Sendable {
    /// A run of letters (Latin, Greek, Cyrillic or Arabic), accents included.
    case word
    /// A run of decimal digits of one script (ASCII or Arabic-Indic).
    case number
    /// One scalar that is neither a letter, a digit nor white space.
    case punct
}

/// Facts about a token and the white space before it.
struct TokenFlags: OptionSet, Sendable {
    let rawValue: UInt16
    /// Starts with an uppercase letter.
    static let capitalized = TokenFlags(rawValue: 1 << 0)
    /// At least two letters, all uppercase ("AMRC", "KSAANI").
    static let allCaps = TokenFlags(rawValue: 1 << 1)
    /// Arabic letters.
    static let arabic = TokenFlags(rawValue: 1 << 2)
    /// White space separates it from the previous token.
    static let spaceBefore = TokenFlags(rawValue: 1 << 3)
    /// A line break separates it from the previous token.
    static let newlineBefore = TokenFlags(rawValue: 1 << 4)
    /// A blank line separates it from the previous token.
    static let blankLineBefore = TokenFlags(rawValue: 1 << 5)
    /// First token of a sentence: after . ! ? : « “ • or a line break.
    static let sentenceStart = TokenFlags(rawValue: 1 << 6)
}

/// One token: a scalar range of the text and what the scanners need to know about it.
struct Token: Sendable {
    /// First scalar (index into `TokenizedText.scalars`).
    var start: Int
    /// One past the last scalar.
    var end: Int
    /// Word, number or punctuation.
    var kind: TokenKind
    /// Case, script and spacing facts.
    var flags: TokenFlags
    /// Folded key (`FoldedKey`) of a word; the digits' value for a number (saturating);
    /// the (normalised) scalar for punctuation: apostrophes → `'`, dashes → `-`.
    var key: UInt64

    /// Whether the token has `flag`.
    @inline(__always) func has(_ flag: TokenFlags) -> Bool { flags.contains(flag) }
    /// Whether this is punctuation `scalar` (after normalisation).
    @inline(__always) func isPunct(_ scalar: Unicode.Scalar) -> Bool { kind == .punct && key == UInt64(scalar.value) }
    /// Number of scalars.
    var length: Int { end - start }
}

/// A text split into tokens, with its scalars kept for offsets and surface strings.
struct TokenizedText: Sendable {
    /// The text's Unicode scalar values: offsets everywhere are indices into this array.
    let scalars: [UInt32]
    /// The tokens in text order.
    let tokens: [Token]

    /// Tokenizes `text`.
    init(_ text: String) {
        self.init(scalars: text.unicodeScalars.map(\.value))
    }

    /// Tokenizes scalar values.
    init(scalars: [UInt32]) {
        self.scalars = scalars
        self.tokens = Self.tokenize(scalars)
    }

    /// The text of scalars `start..<end`.
    func string(_ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        for value in scalars[start..<end] {
            if let scalar = Unicode.Scalar(value) { view.append(scalar) }
        }
        return String(view)
    }

    /// The text from the start of token `first` to the end of token `last`.
    func string(tokens first: Int, _ last: Int) -> String { string(tokens[first].start, tokens[last].end) }

    private static func tokenize(_ s: [UInt32]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(s.count / 5 + 8)
        var i = 0
        var gap: TokenFlags = [.sentenceStart]
        var newlines = 0
        var nextStartsSentence = true
        while i < s.count {
            let c = s[i]
            if ScalarFolding.isSpace(c) {
                gap.insert(.spaceBefore)
                i += 1
                continue
            }
            if ScalarFolding.isNewline(c) {
                if !(c == 0x0A && i > 0 && s[i - 1] == 0x0D) { newlines += 1 }
                gap.formUnion([.spaceBefore, .newlineBefore])
                if newlines >= 2 { gap.insert(.blankLineBefore) }
                i += 1
                continue
            }
            var flags = gap
            if nextStartsSentence || flags.contains(.newlineBefore) { flags.insert(.sentenceStart) } else {
                flags.remove(.sentenceStart)
            }
            let start = i
            var kind = TokenKind.punct
            var key: UInt64 = 0
            if ScalarFolding.isLetter(c) {
                kind = .word
                var folded = FoldedKey()
                var upper = 0, lower = 0
                let arabic = ScalarFolding.isArabicLetter(c)
                while i < s.count, ScalarFolding.isLetter(s[i]), ScalarFolding.isArabicLetter(s[i]) == arabic {
                    let x = s[i]
                    if ScalarFolding.isUppercase(x) { upper += 1 } else if x > 0x40 && x < 0x300 { lower += 1 }
                    folded.add(x)
                    i += 1
                }
                key = folded.value
                if arabic { flags.insert(.arabic) }
                if ScalarFolding.isUppercase(c) { flags.insert(.capitalized) }
                if upper >= 2 && lower == 0 { flags.insert(.allCaps) }
            } else if let first = ScalarFolding.digitValue(c) {
                kind = .number
                var value = UInt64(first)
                let base = c - UInt32(first)
                i += 1
                while i < s.count, s[i] >= base, s[i] <= base + 9 {
                    value = value > 1_000_000_000_000_000 ? value : value * 10 + UInt64(s[i] - base)
                    i += 1
                }
                key = value
            } else {
                i += 1
                if ScalarFolding.isApostrophe(c) {
                    key = 0x27
                } else if ScalarFolding.isDash(c) {
                    key = 0x2D
                } else {
                    key = UInt64(c)
                }
            }
            tokens.append(Token(start: start, end: i, kind: kind, flags: flags, key: key))
            nextStartsSentence = kind == .punct && Self.endsSentence(key)
            gap = []
            newlines = 0
        }
        return tokens
    }

    /// Punctuation after which a capital letter is no evidence of a name.
    private static func endsSentence(_ key: UInt64) -> Bool {
        switch key {
        case 0x2E, 0x21, 0x3F, 0x3A, 0xAB, 0x201C, 0x2022, 0x2026, 0x22, 0x2E2E, 0x25CF, 0x25AA: return true
        default: return false
        }
    }
}
