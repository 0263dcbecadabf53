/// The features near-duplicate fingerprints compare: overlapping runs of
/// `ArticleFingerprint.shingleLength` words of normalised text, each hashed to 64 bits.
/// A word is a run of letters and digits; everything else separates words.
struct WordShingles {
    /// One hash per shingle, in text order (repeats kept). A text with fewer words than a
    /// shingle has one shingle of all its words; a text without words has none.
    private(set) var hashes: [UInt64] = []
    /// How many words the text has.
    private(set) var wordCount = 0

    /// The shingles of `normalised` (see `FingerprintNormaliser`), `length` words each.
    init(of normalised: String, length: Int) {
        var words: [UInt64] = []
        var word = FNV1a()
        for scalar in normalised.unicodeScalars {
            if Self.isWordScalar(scalar) {
                word.add(scalar.value)
            } else if !word.isEmpty {
                words.append(word.value)
                word = FNV1a()
            }
        }
        if !word.isEmpty { words.append(word.value) }
        wordCount = words.count
        guard !words.isEmpty else { return }
        let span = min(length, words.count)
        hashes.reserveCapacity(words.count - span + 1)
        for start in 0...(words.count - span) {
            var shingle: UInt64 = 0
            for offset in 0..<span { shingle = (shingle ^ words[start + offset]) &* 0x9E37_79B9_7F4A_7C15 }
            hashes.append(Self.mixed(shingle))
        }
    }

    /// Letters and digits of any script; ASCII decided without Unicode tables.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7A, 0x41...0x5A: return true
        case 0..<0x80: return false
        default: return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
    }

    /// The splitmix64 finaliser: spreads every input bit over the whole word.
    static func mixed(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// 64-bit FNV-1a over Unicode scalar values (each fed as four bytes).
private struct FNV1a {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325
    private(set) var isEmpty = true

    mutating func add(_ scalar: UInt32) {
        var rest = scalar
        for _ in 0..<4 {
            value = (value ^ UInt64(rest & 0xFF)) &* 0x0000_0100_0000_01B3
            rest >>= 8
        }
        isEmpty = false
    }
}
