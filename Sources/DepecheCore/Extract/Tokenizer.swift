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
    /// Where the numbers, opening parentheses and line starts are.
    let landmarks: TokenScanner.Landmarks

    /// Tokenizes `text` (one pass over its UTF-8, see `TokenScanner`).
    init(_ text: String) {
        var text = text
        (scalars, tokens, landmarks) = text.withUTF8 { bytes in
            // Offsets are stored in 32 bits: longer texts are cut at a scalar boundary (no article comes near).
            var count = min(bytes.count, Self.maximumLength)
            while count < bytes.count, count > 0, bytes[count] & 0xC0 == 0x80 { count -= 1 }
            return TokenScanner.scan(UnsafeBufferPointer(rebasing: bytes[0..<count]))
        }
    }

    /// Longest text read, in UTF-8 bytes (so in scalars too).
    static let maximumLength = Int(Int32.max)

    /// The text of scalars `start..<end`, encoded straight into the string's storage.
    func string(_ start: Int, _ end: Int) -> String {
        guard start < end else { return "" }
        return String(unsafeUninitializedCapacity: (end - start) * 4) { utf8 in
            scalars.withUnsafeBufferPointer { scalars in
                var n = 0
                for i in start..<end {
                    let value = scalars[i]
                    switch value {
                    case 0..<0x80:
                        utf8[n] = UInt8(value)
                        n &+= 1
                    case 0x80..<0x800:
                        utf8[n] = UInt8(0xC0 | value >> 6)
                        utf8[n &+ 1] = UInt8(0x80 | value & 0x3F)
                        n &+= 2
                    case 0x800..<0x10000:
                        utf8[n] = UInt8(0xE0 | value >> 12)
                        utf8[n &+ 1] = UInt8(0x80 | value >> 6 & 0x3F)
                        utf8[n &+ 2] = UInt8(0x80 | value & 0x3F)
                        n &+= 3
                    default:
                        utf8[n] = UInt8(0xF0 | value >> 18)
                        utf8[n &+ 1] = UInt8(0x80 | value >> 12 & 0x3F)
                        utf8[n &+ 2] = UInt8(0x80 | value >> 6 & 0x3F)
                        utf8[n &+ 3] = UInt8(0x80 | value & 0x3F)
                        n &+= 4
                    }
                }
                return n
            }
        }
    }

    /// Folded letters and digits of tokens `first...last`, punctuation left out: the key under
    /// which mentions written alike are one entity.
    func surfaceKey(_ first: Int, _ last: Int) -> UInt64 {
        var key = FoldedKey()
        var index = first
        if tokens[first].kind == .word {
            key = FoldedKey(value: tokens[first].key)      // the tokenizer already folded the first word
            index += 1
        }
        while index <= last {
            let token = tokens[index]
            if token.kind != .punct { for i in token.start..<token.end { key.add(scalars[i]) } }
            index += 1
        }
        return key.value
    }

    /// The text from the start of token `first` to the end of token `last`.
    func string(tokens first: Int, _ last: Int) -> String { string(tokens[first].start, tokens[last].end) }
}
