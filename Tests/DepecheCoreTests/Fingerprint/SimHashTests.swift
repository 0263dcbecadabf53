import Testing
@testable import DepecheCore

@Suite struct SimHashTests {
    /// The SimHash by its definition: bit i set when more than half the features have it.
    func reference(_ features: [UInt64]) -> UInt64 {
        (0..<64).reduce(0) { simhash, bit in
            let ones = features.count { $0 >> UInt64(bit) & 1 == 1 }
            return ones * 2 > features.count ? simhash | 1 << UInt64(bit) : simhash
        }
    }

    /// Counts kept eight to a word and emptied every 255 features give the definition's
    /// SimHash, on both sides of each emptying and with bits set in nearly every feature.
    @Test(arguments: [0, 1, 2, 254, 255, 256, 509, 510, 511, 3_000])
    func matchesTheDefinition(count: Int) {
        var random = SplitMix64(seed: UInt64(count))
        // Skewed so that counts near the half are common and some bits are set in almost all.
        let features = (0..<count).map { _ in random.next() | random.next() & (random.next() | 0xFF00_0000_0000_00F0) }
        var accumulator = SimHash.Accumulator()
        features.forEach { accumulator.add($0) }
        #expect(accumulator.simhash == reference(features))
    }

    @Test func everyFeatureTheSameIsThatFeature() {
        var accumulator = SimHash.Accumulator()
        for _ in 0..<1_000 { accumulator.add(0xF0F0_0000_FFFF_0001) }
        #expect(accumulator.simhash == 0xF0F0_0000_FFFF_0001)
    }
}
