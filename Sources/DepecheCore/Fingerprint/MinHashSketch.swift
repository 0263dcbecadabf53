/// The first 16 values of a MinHash signature, 8 low bits each (a b-bit MinHash): 16 bytes,
/// 32 hex digits in an event (`minhash`). The near-duplicate index checks SimHash neighbours
/// against it. With a million articles, one new story in a hundred has an unrelated SimHash
/// within 10 bits by chance alone (64 bits are few for a million pairs); two unrelated
/// sketches agree in a position with probability 1/256, two versions of a story in most.
public struct MinHashSketch: Sendable, Equatable, Hashable {
    /// Positions in a sketch.
    public static let count = 16

    /// Bytes 0–7 and 8–15 of the sketch, byte 0 least significant.
    private let low: UInt64
    private let high: UInt64

    /// The sketch of a MinHash signature of at least 16 values.
    public init(signature: [UInt32]) {
        precondition(signature.count >= Self.count, "a MinHash sketch needs 16 signature values")
        func packed(_ values: ArraySlice<UInt32>) -> UInt64 {
            values.reversed().reduce(0) { $0 << 8 | UInt64($1 & 0xFF) }
        }
        low = packed(signature[0..<8])
        high = packed(signature[8..<16])
    }

    /// The sketch written as 32 hex digits (`hex`), or nil when `hex` is not that.
    public init?(hex: String) {
        guard hex.utf8.count == 32, let low = UInt64(hex.prefix(16), radix: 16),
            let high = UInt64(hex.suffix(16), radix: 16)
        else { return nil }
        self.init(low: low.byteSwapped, high: high.byteSwapped)
    }

    /// A sketch from its two halves (as the state store keeps it).
    init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// The 16 bytes in order, as 32 lowercase hex digits.
    public var hex: String {
        ContentHash.hex((0..<Self.count).map(position))
    }

    /// The value at position `index` (0 to 15).
    func position(_ index: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: (index < 8 ? low : high) >> (UInt64(index % 8) * 8))
    }

    /// The two halves, for storage.
    var halves: (low: UInt64, high: UInt64) { (low, high) }

    /// In how many of the 16 positions the two sketches agree: about 16 × Jaccard for the
    /// same story, almost always 0 for unrelated articles.
    public func agreement(with other: MinHashSketch) -> Int {
        Self.zeroBytes(low ^ other.low) + Self.zeroBytes(high ^ other.high)
    }

    /// How many of the 8 bytes of `word` are zero.
    private static func zeroBytes(_ word: UInt64) -> Int {
        let sevenBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let nonZero = ((word & sevenBits) &+ sevenBits) | word
        return (~nonZero & ~sevenBits).nonzeroBitCount
    }
}
