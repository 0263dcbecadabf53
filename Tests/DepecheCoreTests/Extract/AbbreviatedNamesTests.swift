import Testing
@testable import DepecheCore

/// Short forms in capitals linked to their organisation's long name anywhere in the article.
@Suite struct AbbreviatedNamesTests {
    private func entity(_ text: String, _ name: String) -> Entity? {
        ExtractTestSupport.extract(text).entities.first { $0.text == name }
    }

    @Test func anAcronymLedFormCutBeforeItsPlaceIsTheLongName() throws {
        let text = "Le CHU Hassan II accueille ses premiers patients. Le Centre hospitalier universitaire "
            + "Hassan II de Fès compte 900 lits. Au CHU, les urgences restent ouvertes."
        let hospital = try #require(entity(text, "CHU Hassan II"))
        #expect(hospital.type == .org && hospital.count == 3)
    }

    @Test func aBareAcronymFittingTwoLongNamesIsLinkedToNeither() throws {
        let text = "Le Centre hospitalier universitaire Hassan II de Fès et le Centre hospitalier universitaire "
            + "Mohammed VI d'Oujda signent une convention. Le CHU fournira les équipes."
        let fes = try #require(entity(text, "Centre hospitalier universitaire Hassan II de Fès"))
        #expect(fes.count == 1)
    }

    @Test func capitalsOfEveryContentWord() throws {
        let text = "L'AS FAR a battu le Wydad samedi. L'Association sportive des Forces armées royales "
            + "reste invaincue à domicile."
        let club = try #require(entity(text, "AS FAR"))
        #expect(club.type == .org && club.count == 2)
    }
}
