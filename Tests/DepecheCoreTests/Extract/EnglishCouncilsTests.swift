import Testing
@testable import DepecheCore

@Suite struct EnglishCouncilsTests {
    private func organisations(_ text: String) -> [String] { ExtractTestSupport.texts(.org, in: text) }
    private func places(_ text: String) -> [String] { ExtractTestSupport.texts(.loc, in: text) }

    /// The council before or after its territory, the territory a place as well.
    @Test(arguments: [
        ("The municipal council of Tiznit approved the budget on Tuesday.", "municipal council of Tiznit", "Tiznit"),
        ("Members of the Larache municipal council walked out of the session on Monday, the newspaper said.", "Larache municipal council", "Larache"),
        ("The regional council of the Oriental paid for the works.", "regional council of the Oriental", "Oriental"),
        ("The Fès-Meknès regional council met in Meknes on Monday and voted for the budget of the year.", "Fès-Meknès regional council", "Fès-Meknès"),
    ])
    func aLowercaseCouncilWithItsTerritory(sentence: String, council: String, place: String) {
        #expect(organisations(sentence) == [council])
        #expect(places(sentence).contains(place))
    }

    /// Without its territory, or without the adjective that says which council, it names no one.
    @Test func aCouncilWithoutItsTerritoryIsNoName() {
        #expect(organisations("The regional council approved the plan, the mayor said.").isEmpty)
        #expect(organisations("The council of Tiznit approved the plan.").isEmpty)
    }
}
