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

    /// An update of a story meets the rule with the story and not with another; a third story
    /// meets it with neither.
    @Test func fingerprintsOfTheSameStoryMeetIt() throws {
        let portText = HTMLArticleExtractor.article(fromHTML: try StoryFixtures.text("port-tanger.html")).text
        let port = ArticleFingerprint.of(text: portText)
        let olive = ArticleFingerprint.of(
            text: HTMLArticleExtractor.article(fromHTML: try StoryFixtures.text("olive-meknes.html")).text)
        let update = ArticleFingerprint.of(text: try StoryFixtures.updated(portText, replacing: "480.000", with: "485.000"))
        #expect(StoryFixtures.isNear(update, port) && !StoryFixtures.isNear(update, olive))
        #expect(NearDuplicatePolicy.similarity(forDistance: update.simhashDistance(to: port)) >= 0.9)
        let bourse = ArticleFingerprint.of(text: try StoryFixtures.text("bourse-short.txt"))
        #expect(!StoryFixtures.isNear(bourse, port) && !StoryFixtures.isNear(bourse, olive))
    }
}
