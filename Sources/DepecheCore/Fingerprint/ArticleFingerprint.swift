import Crypto

/// What identifies an article's text, exactly and approximately: a SHA-256 of its
/// normalised form (equal for the same words however re-saved), a 64-bit SimHash and a
/// MinHash signature over word shingles (close for the same story with small edits).
public struct ArticleFingerprint: Sendable, Equatable {
    /// Words per shingle: a changed figure alters at most this many shingles.
    public static let shingleLength = 3
    /// Hash functions in a MinHash signature: Jaccard estimates have a standard error ≈ 0.06 at J = 0.8.
    public static let minhashCount = 64

    /// SHA-256 of the normalised text's UTF-8, 64 lowercase hex digits (`text_sha256`).
    public var textSHA256: String
    /// SimHash of the word shingles.
    public var simhash: UInt64
    /// MinHash signature of the word shingles, `minhashCount` values.
    public var minhash: [UInt32]
    /// The signature's first 16 values, 8 bits each (`minhash` in events).
    public var sketch: MinHashSketch
    /// Words in the article: near-duplicate measures mean little for a handful of words.
    public var wordCount: Int

    /// The fingerprint of an article's text.
    public static func of(_ article: Article) -> ArticleFingerprint {
        of(text: article.text)
    }

    /// The fingerprint of `text`.
    public static func of(text: String) -> ArticleFingerprint {
        FingerprintNormaliser.withNormalisedUTF8(text) { normalised in
            let digest = SHA256.hash(data: UnsafeRawBufferPointer(normalised))
            var simhash = SimHash.Accumulator()
            var minhash = MinHash.Accumulator()
            let wordCount = WordShingles.forEach(in: normalised, length: shingleLength) { shingles in
                for shingle in shingles { simhash.add(shingle) }
                minhash.add(shingles)
            }
            return ArticleFingerprint(
                textSHA256: ContentHash.hex(digest), simhash: simhash.simhash, minhash: minhash.signature, wordCount: wordCount)
        }
    }

    /// Creates a fingerprint from its parts (`minhash` has `minhashCount` values).
    public init(textSHA256: String, simhash: UInt64, minhash: [UInt32], wordCount: Int) {
        self.textSHA256 = textSHA256
        self.simhash = simhash
        self.minhash = minhash
        self.sketch = MinHashSketch(signature: minhash)
        self.wordCount = wordCount
    }

    /// The text fingerprints are computed on: NFC, case folded, typographic quotes,
    /// apostrophes and dashes unified, white space folded (see `FingerprintNormaliser`).
    public static func normalisedText(_ text: String) -> String {
        FingerprintNormaliser.withNormalisedUTF8(text) { String(decoding: $0, as: UTF8.self) }
    }

    /// The SimHash as 16 lowercase hex digits, as events carry it (`simhash`).
    public var simhashHex: String {
        ContentHash.hex((0..<8).reversed().map { UInt8(truncatingIfNeeded: simhash >> (UInt64($0) * 8)) })
    }

    /// The SimHash written as 16 hex digits in an event, or nil when `hex` is not that.
    public static func simhash(fromHex hex: String) -> UInt64? {
        hex.utf8.count == 16 ? UInt64(hex, radix: 16) : nil
    }

    /// Bits in which the two SimHashes differ, 0...64: 0–5 for the same story, 20+ for different ones.
    public func simhashDistance(to other: ArticleFingerprint) -> Int {
        SimHash.distance(simhash, other.simhash)
    }

    /// The MinHash estimate of the Jaccard similarity of the two articles' word shingles, 0...1.
    public func jaccard(with other: ArticleFingerprint) -> Double {
        MinHash.jaccard(minhash, other.minhash)
    }
}
