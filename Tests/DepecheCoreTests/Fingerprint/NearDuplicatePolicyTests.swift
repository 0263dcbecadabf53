import Testing

@testable import DepecheCore

@Suite struct NearDuplicatePolicyTests {
    @Test(arguments: [(1.0, 0), (0.84375, 10), (0.84, 10), (0.8, 12), (0.765625, 15)])
    func similarityThresholdsBecomeDistances(_ similarity: Double, _ distance: Int) {
        #expect(NearDuplicatePolicy.maxDistance(forSimilarity: similarity) == distance)
        #expect(NearDuplicatePolicy.similarity(forDistance: distance) >= similarity)
    }

    @Test func unsupportedThresholdsAreRefused() {
        #expect(NearDuplicatePolicy.maxDistance(forSimilarity: 0.75) == nil)
        #expect(NearDuplicatePolicy.maxDistance(forSimilarity: 1.5) == nil)
    }
}
