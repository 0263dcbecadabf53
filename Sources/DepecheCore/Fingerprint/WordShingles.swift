/// The features near-duplicate fingerprints compare: overlapping runs of
/// `ArticleFingerprint.shingleLength` words of normalised text, each hashed to 64 bits.
/// A word is a run of letters and digits (of any script); everything else separates words.
///
/// The shingles are handed out one at a time as the text is read, never gathered: a page of
/// millions of words needs no more memory than a short one.
enum WordShingles {
    /// Calls `body` with the hash of each shingle of normalised UTF-8 (see
    /// `FingerprintNormaliser`), `length` words each, in text order (repeats kept), and returns
    /// how many words the text has. A text with fewer words than a shingle has one shingle of
    /// all its words; a text without words has none.
    static func forEach(in normalised: [UInt8], length: Int, _ body: (UInt64) -> Void) -> Int {
        // The last `length` word hashes, oldest first once full.
        var window = [UInt64](repeating: 0, count: length)
        var wordCount = 0
        forEachWord(in: normalised) { word in
            window[wordCount % length] = word
            wordCount += 1
            if wordCount >= length { body(shingle(window, count: length, newest: wordCount)) }
        }
        if wordCount > 0 && wordCount < length { body(shingle(window, count: wordCount, newest: wordCount)) }
        return wordCount
    }

    /// The hash of the `count` words ending with word number `newest` (1-based), kept in `window`
    /// by word number modulo its size.
    private static func shingle(_ window: [UInt64], count: Int, newest: Int) -> UInt64 {
        var shingle: UInt64 = 0
        for word in (newest - count)..<newest { shingle = (shingle ^ window[word % window.count]) &* 0x9E37_79B9_7F4A_7C15 }
        return SplitMix64.mix(shingle)
    }

    /// Calls `body` with the FNV-1a hash of each word of valid UTF-8, in order.
    private static func forEachWord(in text: [UInt8], _ body: (UInt64) -> Void) {
        let basis: UInt64 = 0xCBF2_9CE4_8422_2325
        // Read once here: a static's every use checks that it was initialised (`swift_once`).
        let asciiWordBytes = Self.asciiWordBytes
        var hash = basis
        var inWord = false
        var index = 0
        while index < text.count {
            let lead = text[index]
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            let isWord = length == 1 ? asciiWordBytes[Int(lead)] : isWordCharacter(text, at: index, length: length)
            if isWord {
                for byte in text[index..<index + length] { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
                inWord = true
            } else if inWord {
                body(hash)
                hash = basis
                inWord = false
            }
            index += length
        }
        if inWord { body(hash) }
    }

    /// Which ASCII bytes are letters or digits.
    private static let asciiWordBytes: [Bool] = (0..<128).map {
        (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) || (0x41...0x5A).contains($0)
    }

    /// Whether the non-ASCII UTF-8 character of `length` bytes at `index` is a letter or
    /// digit. Latin-1 and Latin Extended letters and Arabic letters and digits are decided
    /// without Unicode tables.
    private static func isWordCharacter(_ text: [UInt8], at index: Int, length: Int) -> Bool {
        var value = UInt32(text[index]) & (0xFF >> (length + 1))
        for byte in text[index + 1..<index + length] { value = value << 6 | UInt32(byte & 0x3F) }
        switch value {
        case 0xD7, 0xF7: return false
        case 0xC0...0x24F, 0x621...0x64A, 0x660...0x669, 0x671...0x6D3: return true
        default:
            guard let scalar = Unicode.Scalar(value) else { return false }
            return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
    }
}
