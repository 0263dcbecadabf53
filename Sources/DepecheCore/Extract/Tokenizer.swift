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
    /// Lowercase first letter, an uppercase one inside: a brand ("easyJet", "iPhone").
    static let innerCapital = TokenFlags(rawValue: 1 << 7)
}

/// One token: a scalar range of the text and what the scanners need to know about it.
struct Token: Sendable {
    /// Folded key (`FoldedKey`) of a word; the digits' value for a number (saturating);
    /// the (normalised) scalar for punctuation: apostrophes → `'`, dashes → `-`.
    var key: UInt64
    private var start32: Int32
    private var end32: Int32
    /// Case, script and spacing facts.
    var flags: TokenFlags
    /// Word, number or punctuation.
    var kind: TokenKind

    /// Creates a token (24 bytes: texts are under 2 G scalars, see `TokenizedText.maximumLength`).
    init(start: Int, end: Int, kind: TokenKind, flags: TokenFlags, key: UInt64) {
        self.key = key
        self.start32 = Int32(truncatingIfNeeded: start)
        self.end32 = Int32(truncatingIfNeeded: end)
        self.flags = flags
        self.kind = kind
    }

    /// First scalar (index into `TokenizedText.scalars`).
    var start: Int { Int(start32) }
    /// One past the last scalar.
    var end: Int { Int(end32) }

    /// Whether the token has `flag`.
    @inline(__always) func has(_ flag: TokenFlags) -> Bool { flags.contains(flag) }
    /// Whether this is punctuation `scalar` (after normalisation).
    @inline(__always) func isPunct(_ scalar: Unicode.Scalar) -> Bool { kind == .punct && key == UInt64(scalar.value) }
    /// Number of scalars.
    var length: Int { end - start }
    /// One or two Arabic letters: a proclitic that may be glued to a number ("و٢٥", "بـ٢٥").
    var isArabicClitic: Bool { kind == .word && has(.arabic) && length <= 2 }
}

/// A text split into tokens, with its scalars kept for offsets and surface strings.
struct TokenizedText: Sendable {
    /// The text's Unicode scalar values: offsets everywhere are indices into this array.
    let scalars: [UInt32]
    /// The tokens in text order.
    let tokens: [Token]

    /// Tokenizes `text`.
    init(_ text: String) {
        self.init(scalars: Self.scalarValues(of: text))
    }

    /// The text's scalar values, decoded straight from its UTF-8 (the text is valid UTF-8).
    private static func scalarValues(of text: String) -> [UInt32] {
        var text = text
        return text.withUTF8 { bytes in
            [UInt32](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                var i = 0, n = 0
                while i < bytes.count {
                    let lead = UInt32(bytes[i])
                    var value = lead
                    if lead < 0x80 {
                        i += 1
                    } else if lead < 0xE0 {
                        value = (lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                        i += 2
                    } else if lead < 0xF0 {
                        value = (lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                        i += 3
                    } else {
                        value = (lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
                            | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                        i += 4
                    }
                    buffer[n] = value
                    n += 1
                }
                count = n
            }
        }
    }

    /// Longest text read: offsets are stored in 32 bits; longer texts are cut (no article comes near).
    static let maximumLength = Int(Int32.max)

    /// Tokenizes scalar values.
    init(scalars: [UInt32]) {
        self.scalars = scalars.count > Self.maximumLength ? Array(scalars.prefix(Self.maximumLength)) : scalars
        self.tokens = self.scalars.withUnsafeBufferPointer(Self.tokenize)
    }

    /// The text of scalars `start..<end`.
    func string(_ start: Int, _ end: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity((end - start) * 2)
        for value in scalars[start..<end] {
            switch value {
            case 0..<0x80:
                bytes.append(UInt8(value))
            case 0x80..<0x800:
                bytes.append(UInt8(0xC0 | value >> 6))
                bytes.append(UInt8(0x80 | value & 0x3F))
            case 0x800..<0x10000:
                bytes.append(UInt8(0xE0 | value >> 12))
                bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
                bytes.append(UInt8(0x80 | value & 0x3F))
            default:
                bytes.append(UInt8(0xF0 | value >> 18))
                bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
                bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
                bytes.append(UInt8(0x80 | value & 0x3F))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text from the start of token `first` to the end of token `last`.
    func string(tokens first: Int, _ last: Int) -> String { string(tokens[first].start, tokens[last].end) }

    private static func tokenize(_ s: UnsafeBufferPointer<UInt32>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(s.count / 3 + 8)
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
                var hash = FoldedKey().value           // FNV-1a kept in a register, as FoldedKey computes it
                var upper = 0, lower = 0
                let arabic = ScalarFolding.isArabicLetter(c)
                while i < s.count {
                    let x = s[i]
                    if x < 0x80 {
                        // ASCII, the common case: no tables, no folding beyond lowercase.
                        let lowered = x | 0x20
                        guard !arabic, lowered >= 0x61, lowered <= 0x7A else { break }
                        if x == lowered { lower += 1 } else { upper += 1 }
                        hash = (hash ^ UInt64(lowered)) &* FoldedKey.prime
                        i += 1
                        continue
                    }
                    guard ScalarFolding.isLetter(x), ScalarFolding.isArabicLetter(x) == arabic else { break }
                    if ScalarFolding.isUppercase(x) { upper += 1 } else if x < 0x300 { lower += 1 }
                    let folded = ScalarFolding.fold(x)
                    if folded != 0 { hash = (hash ^ (folded & 0xFFFF_FFFF)) &* FoldedKey.prime }
                    if folded > 0xFFFF_FFFF { hash = (hash ^ (folded >> 32)) &* FoldedKey.prime }
                    i += 1
                }
                key = hash
                if arabic { flags.insert(.arabic) }
                if ScalarFolding.isUppercase(c) { flags.insert(.capitalized) } else if upper > 0 { flags.insert(.innerCapital) }
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
