import Testing
@testable import DepecheCore

@Suite struct MinHashTests {
    /// The signature by its definition, one feature and one function at a time: the functions'
    /// multipliers and offsets are the splitmix64 sequence from the fixed seed, in pairs.
    func reference(_ features: [UInt64]) -> [UInt32] {
        var generator = SplitMix64(seed: 0x6465_7065_6368_6521)
        return (0..<ArticleFingerprint.minhashCount).map { _ in
            let (multiplier, offset) = (generator.next() | 1, generator.next())
            return features.map { UInt32(truncatingIfNeeded: (multiplier &* $0 &+ offset) >> 32) }.min() ?? .max
        }
    }

    /// Whatever vector build of the batch loop the CPU runs, in batches of any size, the
    /// signature is the definition's.
    @Test(arguments: [0, 1, 3, 7, 255, 256, 1_000])
    func matchesTheDefinition(count: Int) {
        var random = SplitMix64(seed: UInt64(count) + 17)
        let features = (0..<count).map { _ in random.next() }
        var accumulator = MinHash.Accumulator()
        var start = 0
        while start < count {
            let end = min(count, start + 1 + Int(random.next() % 300))
            features[start..<end].withUnsafeBufferPointer { accumulator.add($0) }
            start = end
        }
        #expect(accumulator.signature == reference(features))
    }
}
