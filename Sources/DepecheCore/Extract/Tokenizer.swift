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
    private var byteStart32: Int32
    /// Case, script and spacing facts.
    var flags: TokenFlags
    /// Word, number or punctuation.
    var kind: TokenKind

    /// Creates a token (24 bytes: texts are under 2 GB, see `TokenizedText.maximumLength`).
    init(start: Int, end: Int, byteStart: Int, kind: TokenKind, flags: TokenFlags, key: UInt64) {
        self.key = key
        self.start32 = Int32(truncatingIfNeeded: start)
        self.end32 = Int32(truncatingIfNeeded: end)
        self.byteStart32 = Int32(truncatingIfNeeded: byteStart)
        self.flags = flags
        self.kind = kind
    }

    /// First scalar (a scalar offset in the text).
    var start: Int { Int(start32) }
    /// One past the last scalar.
    var end: Int { Int(end32) }
    /// Where its first scalar starts in `TokenizedText.utf8`.
    var byteStart: Int { Int(byteStart32) }

    /// Whether the token has `flag`.
    @inline(__always) func has(_ flag: TokenFlags) -> Bool { flags.contains(flag) }
    /// Whether this is punctuation `scalar` (after normalisation).
    @inline(__always) func isPunct(_ scalar: Unicode.Scalar) -> Bool { kind == .punct && key == UInt64(scalar.value) }
    /// Number of scalars.
    var length: Int { end - start }
    /// One or two Arabic letters: a proclitic that may be glued to a number ("و٢٥", "بـ٢٥").
    var isArabicClitic: Bool { kind == .word && has(.arabic) && length <= 2 }
}

/// A text split into tokens, with its UTF-8 kept for surface strings and scalars.
///
/// Offsets everywhere are Unicode scalar offsets. The text is kept as UTF-8 (a byte per ASCII
/// letter, not four): a token knows where its bytes start, and the few scalars the rules read
/// are decoded from there.
final class TokenizedText: Sendable {
    /// The text's UTF-8 bytes.
    let utf8: [UInt8]
    /// The tokens in text order.
    let tokens: [Token]
    /// Where the numbers, opening parentheses and line starts are.
    let landmarks: TokenScanner.Landmarks
    /// Number of Unicode scalars of the text.
    let scalarCount: Int

    /// Tokenizes `text` (one pass over its UTF-8, see `TokenScanner`).
    init(_ text: String) {
        var text = text
        (utf8, tokens, landmarks, scalarCount) = text.withUTF8 { bytes in
            // Offsets are stored in 32 bits: longer texts are cut at a scalar boundary (no article comes near).
            var count = min(bytes.count, Self.maximumLength)
            while count < bytes.count, count > 0, bytes[count] & 0xC0 == 0x80 { count -= 1 }
            let kept = UnsafeBufferPointer(rebasing: bytes[0..<count])
            let scan = TokenScanner.scan(kept)
            return (Array(kept), scan.tokens, scan.landmarks, scan.scalarCount)
        }
    }

    /// Longest text read, in UTF-8 bytes (so in scalars too).
    static let maximumLength = Int(Int32.max)

    /// The scalar whose UTF-8 starts at byte `i`, and its length in bytes.
    @inline(__always)
    private func decode(_ i: Int) -> (value: UInt32, length: Int) {
        let lead = utf8[i]
        if lead < 0x80 { return (UInt32(lead), 1) }
        return utf8.withUnsafeBufferPointer { TokenScanner.decode($0.baseAddress!, i) }
    }

    /// The byte `scalars` scalars after byte `i` (a scalar boundary).
    @inline(__always)
    private func advance(_ i: Int, scalars: Int) -> Int {
        var i = i
        for _ in 0..<scalars {
            let lead = utf8[i]
            i += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        }
        return i
    }

    /// Where scalar offset `offset` starts in `utf8`: walked to from token `token` when the caller
    /// knows one starting at or before it, else from the last such token, searched for.
    private func byteOffset(ofScalar offset: Int, from token: Int? = nil) -> Int {
        if let token, tokens[token].start <= offset {
            return advance(tokens[token].byteStart, scalars: offset - tokens[token].start)
        }
        return tokens.withUnsafeBufferPointer { tokens in
            // A binary search whose steps are selects, not branches.
            var base = 0, count = tokens.count
            while count > 1 {
                let half = count / 2
                base = tokens[base + half].start <= offset ? base + half : base
                count -= half
            }
            guard base < tokens.count, tokens[base].start <= offset else { return advance(0, scalars: offset) }
            return advance(tokens[base].byteStart, scalars: offset - tokens[base].start)
        }
    }

    /// Scalar `k` of `token` (0 its first; from its length on, the scalars that follow it in the text).
    @inline(__always)
    func scalar(_ token: Token, _ k: Int = 0) -> UInt32 { decode(advance(token.byteStart, scalars: k)).value }

    /// The last scalar of `token`.
    func lastScalar(_ token: Token) -> UInt32 { scalar(token, token.length - 1) }

    /// The scalar at scalar offset `offset` of the text.
    func scalar(at offset: Int) -> UInt32 { decode(byteOffset(ofScalar: offset)).value }

    /// The scalars at offsets `offset - 1` and `offset` (`offset` > 0); `token` as in `string`.
    func scalars(around offset: Int, from token: Int? = nil) -> (before: UInt32, at: UInt32) {
        let i = byteOffset(ofScalar: offset, from: token)
        var previous = i - 1
        while utf8[previous] & 0xC0 == 0x80 { previous -= 1 }
        return (decode(previous).value, decode(i).value)
    }

    /// Calls `body` with the scalars of `token` from its `from`th on.
    @inline(__always)
    func forEachScalar(of token: Token, from: Int = 0, _ body: (UInt32) -> Void) {
        var i = advance(token.byteStart, scalars: from)
        for _ in from..<max(from, token.length) {
            let (value, length) = decode(i)
            body(value)
            i += length
        }
    }

    /// One past the last byte of `token` in `utf8`.
    func byteEnd(_ token: Token) -> Int { advance(token.byteStart, scalars: token.length) }

    /// Calls `body` with the scalars of the text at scalar offsets `range`; `token` as in `string`.
    func forEachScalar(in range: Range<Int>, from token: Int? = nil, _ body: (UInt32) -> Void) {
        guard !range.isEmpty else { return }
        var i = byteOffset(ofScalar: range.lowerBound, from: token)
        for _ in range {
            let (value, length) = decode(i)
            body(value)
            i += length
        }
    }

    /// The text of scalars `start..<end`: its UTF-8 bytes copied. `token`, when given, is the index
    /// of a token starting at or before `start`, which spares a search.
    func string(_ start: Int, _ end: Int, from token: Int? = nil) -> String {
        guard start < end else { return "" }
        let from = byteOffset(ofScalar: start, from: token)
        return String(decoding: utf8[from..<advance(from, scalars: end - start)], as: UTF8.self)
    }

    /// Folded letters and digits of tokens `first...last`, punctuation left out: the key under
    /// which mentions written alike are one entity. `firstWordKey`, when given, stands for the
    /// first word's own key (an Arabic word keyed without its proclitic).
    func surfaceKey(_ first: Int, _ last: Int, firstWordKey: UInt64? = nil) -> UInt64 {
        var key = FoldedKey()
        var index = first
        if tokens[first].kind == .word {
            key = FoldedKey(value: firstWordKey ?? tokens[first].key)      // the tokenizer already folded the first word
            index += 1
        }
        while index <= last {
            let token = tokens[index]
            if token.kind != .punct { forEachScalar(of: token) { key.add($0) } }
            index += 1
        }
        return key.value
    }

    /// The text from the start of token `first` to the end of token `last`.
    func string(tokens first: Int, _ last: Int) -> String {
        let from = tokens[first].byteStart, to = advance(tokens[last].byteStart, scalars: tokens[last].length)
        return from < to ? String(decoding: utf8[from..<to], as: UTF8.self) : ""
    }

    /// The tokens of the line token `index` stands in, at most `reach` tokens either side of it.
    func line(around index: Int, reach: Int = .max) -> ClosedRange<Int> {
        var start = index
        while start > 0 && index - start < reach && !tokens[start].has(.newlineBefore) { start -= 1 }
        var end = index
        while end + 1 < tokens.count && end - index < reach && !tokens[end + 1].has(.newlineBefore) { end += 1 }
        return start...end
    }
}
