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
    static func forEach(in normalised: [UInt8], length: Int, _ body: (UnsafeBufferPointer<UInt64>) -> Void) -> Int {
        // The last `length` word hashes, by word number modulo `length`.
        let window = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: length)
        let batch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: batchSize)
        defer {
            window.deallocate()
            batch.deallocate()
        }
        window.initialize(repeating: 0)
        var filled = 0
        var wordCount = 0
        func hand(_ shingle: UInt64) {
            batch[filled] = shingle
            filled += 1
            if filled == batch.count {
                body(UnsafeBufferPointer(batch))
                filled = 0
            }
        }
        forEachWord(in: normalised) { word in
            window[wordCount % length] = word
            wordCount += 1
            if wordCount >= length { hand(shingle(window, count: length, newest: wordCount)) }
        }
        if wordCount > 0 && wordCount < length { hand(shingle(window, count: wordCount, newest: wordCount)) }
        if filled > 0 { body(UnsafeBufferPointer(rebasing: batch[..<filled])) }
        return wordCount
    }

    /// The hash of the `count` words ending with word number `newest` (1-based), kept in `window`
    /// by word number modulo its size.
    private static func shingle(_ window: UnsafeMutableBufferPointer<UInt64>, count: Int, newest: Int) -> UInt64 {
        var shingle: UInt64 = 0
        for word in (newest - count)..<newest { shingle = (shingle ^ window[word % window.count]) &* 0x9E37_79B9_7F4A_7C15 }
        return SplitMix64.mix(shingle)
    }

    /// Calls `body` with the FNV-1a hash of each word of valid UTF-8, in order.
    private static func forEachWord(in text: [UInt8], _ body: (UInt64) -> Void) {
        let basis: UInt64 = 0xCBF2_9CE4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01B3
        // Read once here: a static's every use checks that it was initialised (`swift_once`).
        let asciiWordBytes = Self.asciiWordBytes
        text.withUnsafeBufferPointer { text in
            guard let bytes = text.baseAddress else { return }
            var hash = basis
            var inWord = false
            var index = 0
            while index < text.count {
                let lead = bytes[index]
                var length = 1
                let isWord: Bool
                if lead < 0x80 {
                    isWord = asciiWordBytes[Int(lead)]
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
    }

    /// Which ASCII bytes are letters or digits.
    private static let asciiWordBytes: [Bool] = (0..<128).map {
        (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) || (0x41...0x5A).contains($0)
    }

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
