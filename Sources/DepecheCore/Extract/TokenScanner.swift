/// Cuts UTF-8 text into tokens in one pass, decoding its Unicode scalars on the way (and
/// counting them: offsets are scalar offsets; the scalars themselves are not kept).
///
/// ASCII bytes are classified by a 256-entry table; other scalars are decoded and go through
/// `ScalarFolding`. Words get their `FoldedKey` hash as they are read, numbers their value.
/// The text must be valid UTF-8 (a Swift `String`'s bytes are).
struct TokenScanner {
    /// Classes of ASCII bytes (bytes ≥ 0x80 lead a multi-byte scalar).
    private enum ByteClass {
        static let other: UInt8 = 0
        static let space: UInt8 = 1
        static let lineFeed: UInt8 = 2
        static let carriageReturn: UInt8 = 3
        static let lower: UInt8 = 4     // lower and upper differ only in their lowest bit
        static let upper: UInt8 = 5
        static let digit: UInt8 = 6
        static let multiByte: UInt8 = 7
    }

    /// The class of each byte value.
    private static let byteClasses: [UInt8] = (0..<256).map { byte -> UInt8 in
        switch byte {
        case 0x20, 0x09: ByteClass.space
        case 0x0A: ByteClass.lineFeed
        case 0x0D: ByteClass.carriageReturn
        case 0x61...0x7A: ByteClass.lower
        case 0x41...0x5A: ByteClass.upper
        case 0x30...0x39: ByteClass.digit
        case 0x80...: ByteClass.multiByte
        default: ByteClass.other
        }
    }

    /// Where tokens are written: straight into the result array's storage, up to its capacity.
    private struct TokenSink {
        let base: UnsafeMutablePointer<Token>
        let capacity: Int
        var count = 0

        /// Writes a token; false when the storage is full (the scan then starts over, bigger).
        @inline(__always)
        mutating func append(_ token: Token) -> Bool {
            guard count < capacity else { return false }
            (base + count).initialize(to: token)
            count &+= 1
            return true
        }
    }

    /// Where the few tokens that later passes look for stand (so that they need not walk every token).
    struct Landmarks: Sendable {
        /// Indices of number tokens.
        var numbers: [Int] = []
        /// Indices of words that may be part of a number written in words (`CardinalWords`).
        var numberWords: [Int] = []
        /// Indices of "(" tokens.
        var openingParentheses: [Int] = []
        /// Indices of the first token of each line (0 first).
        var lineStarts: [Int] = []
        /// Index of the first and of the last Arabic word (-1 when the text has none).
        var firstArabicWord = -1, lastArabicWord = -1

        /// Whether tokens `range` hold an Arabic word of `tokens` (the tokens these landmarks were
        /// found in); most texts answer without a scan, having none or one inside `range`.
        func hasArabicWord(in range: Range<Int>, of tokens: [Token]) -> Bool {
            guard firstArabicWord >= 0, lastArabicWord >= range.lowerBound, firstArabicWord < range.upperBound else {
                return false
            }
            if range.contains(firstArabicWord) || range.contains(lastArabicWord) { return true }
            return tokens[range].contains { $0.kind == .word && $0.has(.arabic) }
        }
    }

    /// The tokens of `utf8` (written in place into the array's storage), their landmarks, and the
    /// number of scalars of `utf8`.
    static func scan(_ utf8: UnsafeBufferPointer<UInt8>) -> (tokens: [Token], landmarks: Landmarks, scalarCount: Int) {
        guard let base = utf8.baseAddress, !utf8.isEmpty else { return ([], Landmarks(), 0) }
        // Articles run about one token per five bytes; a text of mostly punctuation gets a second
        // pass with room for one token per byte (a token is at least one byte).
        for pass in 0..<2 {
            let capacity = pass == 0 ? utf8.count / 2 + 16 : utf8.count
            var landmarks = Landmarks()
            landmarks.numbers.reserveCapacity(utf8.count / 64 + 8)
            landmarks.lineStarts.reserveCapacity(utf8.count / 128 + 8)
            var scalarCount = 0
            let numberWords = CardinalWords.keys
            let tokens = [Token](unsafeUninitializedCapacity: capacity) { tokenStorage, tokenCount in
                var sink = TokenSink(base: tokenStorage.baseAddress!, capacity: capacity)
                scalarCount = byteClasses.withUnsafeBufferPointer { classes in
                    scan(base, utf8.count, classes.baseAddress!, numberWords, tokens: &sink, landmarks: &landmarks)
                }
                tokenCount = sink.count
            }
            if scalarCount >= 0 { return (tokens, landmarks, scalarCount) }
        }
        preconditionFailure("a token is at least one byte")
    }

    /// The scalar starting at `bytes[i]`, ASCII or not, and its length in bytes.
    @inline(__always)
    static func scalar(_ bytes: UnsafePointer<UInt8>, _ i: Int) -> (value: UInt32, length: Int) {
        bytes[i] < 0x80 ? (UInt32(bytes[i]), 1) : decode(bytes, i)
    }

    /// The scalar starting at `bytes[i]` (a multi-byte lead) and its length in bytes.
    @inline(__always)
    static func decode(_ bytes: UnsafePointer<UInt8>, _ i: Int) -> (value: UInt32, length: Int) {
        let lead = UInt32(bytes[i])
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(bytes[i &+ 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return ((lead & 0x0F) << 12 | UInt32(bytes[i &+ 1] & 0x3F) << 6 | UInt32(bytes[i &+ 2] & 0x3F), 3)
        }
        return ((lead & 0x07) << 18 | UInt32(bytes[i &+ 1] & 0x3F) << 12 | UInt32(bytes[i &+ 2] & 0x3F) << 6
                    | UInt32(bytes[i &+ 3] & 0x3F), 4)
    }

    /// Where a scan stands: the next byte to read and the number of scalars read.
    private struct Position {
        var i: Int
        var n: Int
    }

    /// What a word's letters say about it.
    private struct WordShape {
        var hash: UInt64
        var upper: Int
        var lower: Int
    }

    /// Scans `count` bytes, writing their tokens; returns the number of scalars, or -1 when
    /// `tokens` filled up.
    private static func scan(_ bytes: UnsafePointer<UInt8>, _ count: Int, _ classes: UnsafePointer<UInt8>,
                             _ numberWords: KeySet, tokens: inout TokenSink,
                             landmarks: inout Landmarks) -> Int {
        var at = Position(i: 0, n: 0)
        var gap = TokenFlags.sentenceStart
        var newlines = 0
        var nextStartsSentence = true
        while at.i < count {
            let byte = bytes[at.i]
            let byteClass = classes[Int(byte)]
            if byteClass == ByteClass.space {
                gap.insert(.spaceBefore)
                at.n &+= 1
                at.i &+= 1
                continue
            }
            var c = UInt32(byte), length = 1
            if byteClass == ByteClass.multiByte { (c, length) = decode(bytes, at.i) }
            if byteClass == ByteClass.multiByte && ScalarFolding.isSpace(c) {
                gap.insert(.spaceBefore)
                at.n &+= 1
                at.i &+= length
                continue
            }
            if byteClass == ByteClass.lineFeed || byteClass == ByteClass.carriageReturn
                || byteClass == ByteClass.multiByte && ScalarFolding.isNewline(c) {
                // CR LF is one break (a byte 0x0D is always the scalar CR).
                if !(byteClass == ByteClass.lineFeed && at.i > 0 && bytes[at.i &- 1] == 0x0D) { newlines &+= 1 }
                gap.insert(.spaceBefore)
                gap.insert(.newlineBefore)
                if newlines >= 2 { gap.insert(.blankLineBefore) }
                at.n &+= 1
                at.i &+= length
                continue
            }
            var flags = gap
            if nextStartsSentence || flags.contains(.newlineBefore) { flags.insert(.sentenceStart) } else {
                flags.remove(.sentenceStart)
            }
            let start = at.n, byteStart = at.i
            var kind = TokenKind.punct
            var key: UInt64
            if byteClass & 0xFE == ByteClass.lower {
                // Most words are ASCII to their end: one call to the tight loop, none to `word`.
                kind = .word
                let run = asciiLetters(from: bytes + at.i, to: bytes + count, classes, hash: FoldedKey().value)
                var shape = WordShape(hash: run.hash, upper: run.length &- run.lowercase, lower: run.lowercase)
                at.i &+= run.length
                at.n &+= run.length
                if at.i < count, classes[Int(bytes[at.i])] == ByteClass.multiByte {
                    shape = word(bytes, count, classes, &at, arabic: false, shape: shape)
                }
                key = shape.hash
                flags.formUnion(wordFlags(capitalized: byteClass == ByteClass.upper, shape))
            } else if byteClass == ByteClass.multiByte && ScalarFolding.isLetter(c) {
                kind = .word
                let arabic = ScalarFolding.isArabicLetter(c)
                let shape = word(bytes, count, classes, &at, arabic: arabic,
                                 shape: WordShape(hash: FoldedKey().value, upper: 0, lower: 0))
                key = shape.hash
                flags.formUnion(wordFlags(capitalized: ScalarFolding.isUppercase(c), shape))
                if arabic {
                    flags.insert(.arabic)
                    if landmarks.firstArabicWord < 0 { landmarks.firstArabicWord = tokens.count }
                    landmarks.lastArabicWord = tokens.count
                }
            } else if let first = byteClass == ByteClass.digit ? Int(c &- 0x30) : byteClass == ByteClass.multiByte
                        ? ScalarFolding.digitValue(c) : nil {
                kind = .number
                key = number(bytes, count, classes, &at, zero: c &- UInt32(first))
            } else {
                at.n &+= 1
                at.i &+= length
                key = ScalarFolding.isApostrophe(c) ? 0x27 : ScalarFolding.isDash(c) ? 0x2D : UInt64(c)
            }
            if kind == .number { landmarks.numbers.append(tokens.count) }
            if kind == .word && numberWords.contains(key) { landmarks.numberWords.append(tokens.count) }
            if kind == .punct && key == 0x28 { landmarks.openingParentheses.append(tokens.count) }
            if tokens.count == 0 || flags.contains(.newlineBefore) { landmarks.lineStarts.append(tokens.count) }
            let token = Token(start: start, end: at.n, byteStart: byteStart, kind: kind, flags: flags, key: key)
            guard tokens.append(token) else { return -1 }
            nextStartsSentence = kind == .punct && endsSentence(key)
            gap = TokenFlags(rawValue: 0)   // not `[]`: the array literal is built and released each time
            newlines = 0
        }
        return at.n
    }

    /// The case flags of a word.
    @inline(__always)
    private static func wordFlags(capitalized: Bool, _ shape: WordShape) -> TokenFlags {
        var flags = TokenFlags(rawValue: 0)
        if capitalized { flags.insert(.capitalized) } else if shape.upper > 0 { flags.insert(.innerCapital) }
        if shape.upper >= 2 && shape.lower == 0 { flags.insert(.allCaps) }
        return flags
    }

    /// A run of ASCII letters from `from` (up to `end`), hashed on from `hash`: its length, hash
    /// and number of lowercase letters. A small leaf function whose loop stays in registers.
    @inline(never)
    private static func asciiLetters(from: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>,
                                     _ classes: UnsafePointer<UInt8>,
                                     hash: UInt64) -> (length: Int, hash: UInt64, lowercase: Int) {
        var from = from
        var length = 0, lowercase = 0
        var h = hash
        while from < end {
            let letter = from.pointee
            guard classes[Int(letter)] & 0xFE == ByteClass.lower else { break }
            lowercase &+= Int(letter &>> 5 & 1)          // 0x61…0x7A have bit 5 set, 0x41…0x5A not
            h = (h ^ UInt64(letter | 0x20)) &* FoldedKey.prime
            from += 1
            length &+= 1
        }
        return (length, h, lowercase)
    }

    /// The rest of a word from `at` on, when it holds other letters than ASCII (accents, Arabic).
    @inline(never)
    private static func word(_ bytes: UnsafePointer<UInt8>, _ count: Int, _ classes: UnsafePointer<UInt8>,
                             _ at: inout Position, arabic: Bool,
                             shape: WordShape) -> WordShape {
        var i = at.i, n = at.n
        var hash = shape.hash
        var upper = shape.upper, lower = shape.lower
        while i < count {
            let nextClass = classes[Int(bytes[i])]
            if nextClass & 0xFE == ByteClass.lower {
                guard !arabic else { break }
                let run = asciiLetters(from: bytes + i, to: bytes + count, classes, hash: hash)
                hash = run.hash
                upper &+= run.length &- run.lowercase
                lower &+= run.lowercase
                n &+= run.length
                i &+= run.length
                continue
            }
            guard nextClass == ByteClass.multiByte else { break }
            let (x, size) = decode(bytes, i)
            guard ScalarFolding.isLetter(x), ScalarFolding.isArabicLetter(x) == arabic else { break }
            if ScalarFolding.isUppercase(x) { upper &+= 1 } else if x < 0x300 { lower &+= 1 }
            let folded = ScalarFolding.fold(x)
            if folded != 0 { hash = (hash ^ (folded & 0xFFFF_FFFF)) &* FoldedKey.prime }
            if folded > 0xFFFF_FFFF { hash = (hash ^ (folded >> 32)) &* FoldedKey.prime }
            n &+= 1
            i &+= size
        }
        at = Position(i: i, n: n)
        return WordShape(hash: hash, upper: upper, lower: lower)
    }

    /// A number: decimal digits of one script (`zero` is its 0: ASCII or Arabic-Indic), valued (saturating).
    @inline(never)
    private static func number(_ bytes: UnsafePointer<UInt8>, _ count: Int, _ classes: UnsafePointer<UInt8>,
                               _ at: inout Position, zero: UInt32) -> UInt64 {
        var i = at.i, n = at.n
        var value: UInt64 = 0
        while i < count {
            let next = bytes[i]
            var (x, size) = (UInt32(next), 1)
            if classes[Int(next)] == ByteClass.multiByte { (x, size) = decode(bytes, i) }
            guard x >= zero, x <= zero &+ 9 else { break }
            value = value > 1_000_000_000_000_000 ? value : value &* 10 &+ UInt64(x &- zero)
            n &+= 1
            i &+= size
        }
        at = Position(i: i, n: n)
        return value
    }

    /// Punctuation after which a capital letter is no evidence of a name.
    private static func endsSentence(_ key: UInt64) -> Bool {
        switch key {
        case 0x2E, 0x21, 0x3F, 0x3A, 0xAB, 0x201C, 0x2022, 0x2026, 0x22, 0x2E2E, 0x25CF, 0x25AA: return true
        default: return false
        }
    }
}
