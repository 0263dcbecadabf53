/// The features near-duplicate fingerprints compare: overlapping runs of
/// `ArticleFingerprint.shingleLength` words of normalised text, each hashed to 64 bits.
/// A word is a run of letters and digits (of any script); everything else separates words.
///
/// The shingles are handed out a few hundred at a time as the text is read, never all
/// gathered: a page of millions of words needs no more memory than a short one.
enum WordShingles {
    /// Shingles handed out at a time (the last batch may hold fewer).
    static let batchSize = 256

    /// Calls `body` with the hashes of the shingles of normalised UTF-8 (see
    /// `FingerprintNormaliser`), `length` words each, in text order (repeats kept), a batch at
    /// a time, and returns how many words the text has. A text with fewer words than a shingle
    /// has one shingle of all its words; a text without words has none.
    static func forEach(in normalised: UnsafeBufferPointer<UInt8>, length: Int, _ body: (UnsafeBufferPointer<UInt64>) -> Void) -> Int {
        // The last `length` word hashes, by word number modulo `length`.
        let window = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: length)
        defer { window.deallocate() }
        window.initialize(repeating: 0)
        // A struct, not variables a local function captures: those get boxed, with an
        // exclusivity check at each access from the closure below.
        var batch = Batch()
        var wordCount = 0
        // Where the next word goes: once the window is full, its oldest word (a compare and
        // not a `%`: a division by a run-time length costs tens of cycles, four times a word).
        var slot = 0
        forEachWord(in: normalised) { word in
            window[slot] = word
            slot = slot + 1 == length ? 0 : slot + 1
            wordCount += 1
            if wordCount >= length { batch.add(shingle(window, oldest: slot, count: length), body) }
        }
        if wordCount > 0 && wordCount < length { batch.add(shingle(window, oldest: 0, count: wordCount), body) }
        batch.flush(body)
        return wordCount
    }

    /// Shingles waiting to be handed out, `batchSize` at a time.
    private struct Batch: ~Copyable {
        private let hashes = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: WordShingles.batchSize)
        private var filled = 0

        deinit { hashes.deallocate() }

        /// Adds a shingle; hands the batch to `body` when it is full.
        mutating func add(_ shingle: UInt64, _ body: (UnsafeBufferPointer<UInt64>) -> Void) {
            hashes[filled] = shingle
            filled += 1
            if filled == hashes.count { flush(body) }
        }

        /// Hands what is waiting to `body`.
        mutating func flush(_ body: (UnsafeBufferPointer<UInt64>) -> Void) {
            if filled > 0 { body(UnsafeBufferPointer(rebasing: hashes[..<filled])) }
            filled = 0
        }
    }

    /// The hash of the `count` words of `window` from slot `oldest` on, oldest first, wrapping
    /// around its end.
    private static func shingle(_ window: UnsafeMutableBufferPointer<UInt64>, oldest: Int, count: Int) -> UInt64 {
        var shingle: UInt64 = 0
        var slot = oldest
        for _ in 0..<count {
            shingle = (shingle ^ window[slot]) &* 0x9E37_79B9_7F4A_7C15
            slot = slot + 1 == window.count ? 0 : slot + 1
        }
        return SplitMix64.mix(shingle)
    }

    /// Calls `body` with the FNV-1a hash of each word of valid UTF-8, in order.
    private static func forEachWord(in text: UnsafeBufferPointer<UInt8>, _ body: (UInt64) -> Void) {
        let basis: UInt64 = 0xCBF2_9CE4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01B3
        guard let bytes = text.baseAddress else { return }
        var hash = basis
        var inWord = false
        var index = 0
        while index < text.count {
            let lead = bytes[index]
            var length = 1
            let isWord: Bool
            if lead < 0x80 {
                isWord = (lead < 0x40 ? asciiDigits >> lead : asciiLetters >> (lead & 0x3F)) & 1 != 0
            } else {
                let scalar = TokenScanner.decode(bytes, index)
                length = scalar.length
                isWord = isWordCharacter(scalar.value)
            }
            if isWord {
                for offset in 0..<length { hash = (hash ^ UInt64(bytes[index &+ offset])) &* prime }
                inWord = true
            } else if inWord {
                body(hash)
                hash = basis
                inWord = false
            }
            index &+= length
        }
        if inWord { body(hash) }
    }

    /// ASCII digits, one bit per byte 0x00–0x3F.
    private static let asciiDigits: UInt64 = 0x03FF << 0x30
    /// ASCII letters, one bit per byte 0x40–0x7F.
    private static let asciiLetters: UInt64 = 0x07FF_FFFE_07FF_FFFE

    /// Whether the non-ASCII scalar `value` is a letter or digit. Latin-1 and Latin Extended
    /// letters and Arabic letters and digits are decided without Unicode tables.
    private static func isWordCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0xD7, 0xF7: return false
        case 0xC0...0x24F, 0x621...0x64A, 0x660...0x669, 0x671...0x6D3: return true
        default:
            guard let scalar = Unicode.Scalar(value) else { return false }
            return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
    }
}
