import Testing
@testable import DepecheCore

@Suite struct TitleCaseNamesTests {
    private func texts(_ type: EntityType, _ text: String) -> [String] { ExtractTestSupport.texts(type, in: text) }

    @Test func complementsAndCoordinationStayInOneName() {
        #expect(texts(.org, "Officials at the Ministry of Trade and Industry met on Friday.")
                == ["Ministry of Trade and Industry"])
        #expect(texts(.org, "A grant from the Solidarity Fund for the Reconstruction of the Northern Villages arrived.")
                == ["Solidarity Fund for the Reconstruction of the Northern Villages"])
        #expect(texts(.org, "Members of the Liberty and Progress Party voted against it.") == ["Liberty and Progress Party"])
        #expect(texts(.org, "The Harbour of Lisbon Authority signed the deal.") == ["Harbour of Lisbon Authority"])
    }

    /// A headline written in title case chains nothing: its verbs are capitalised too.
    @Test func aTitleCaseHeadlineIsNoName() {
        let page = "Harbour Agency Picks Dredging Consortium for Northern Port Works\n\n"
            + "The Harbour Agency has picked a consortium to dredge the northern port, the agency said on Monday."
        #expect(!texts(.org, page).contains { $0.hasPrefix("Harbour Agency Picks") })
        #expect(texts(.org, "Harbour Agency Picks Dredging Consortium\n\nOfficials at the Ministry of Trade and Industry met on Friday.")
                == ["Ministry of Trade and Industry"], "a short sentence with capitalised long words is no headline")
    }

    /// "Co., Ltd", "Co.", "Inc." (the period kept unless it ends the sentence), "PJSC", and a
    /// club's "AC", "SC", a "Trust": the legal form or the club's letters end the name.
    @Test func abbreviatedLegalFormsAndClubLettersEndTheName() {
        #expect(texts(.org, "Cranes came from Qingdao Harbour Machinery Co., Ltd, a state supplier.")
                == ["Qingdao Harbour Machinery Co., Ltd"])
        #expect(texts(.org, "A plant built by Seoul Battery Cells Co. of Korea opened.") == ["Seoul Battery Cells Co."])
        #expect(texts(.org, "Northern Turbine Parts Inc., a Quebec maker, hired staff.") == ["Northern Turbine Parts Inc."])
        #expect(texts(.org, "The deal went to Harbour Dredging Ltd. The works start soon.") == ["Harbour Dredging Ltd"])
        #expect(texts(.org, "Shares of Gulf Water Holding PJSC rose.") == ["Gulf Water Holding PJSC"])
        #expect(texts(.org, "They beat Olympic Harbour SC and drew with Riverside AC in the cup.")
                == ["Olympic Harbour SC", "Riverside AC"])
        #expect(texts(.org, "Volunteers of the Cedar Forest Trust planted trees.") == ["Cedar Forest Trust"])
    }

    /// Two runs joined by "et", "&", "del", "des" before a legal form are one company.
    @Test func companyNamesJoinedBeforeTheirLegalForm() {
        #expect(texts(.org, "Le lot revient à Souss Forages et Travaux SARL, basée à Agadir.") == ["Souss Forages et Travaux SARL"])
        #expect(texts(.org, "The turbines come from Hanbit Wind & Grid Ltd, a Korean firm.") == ["Hanbit Wind & Grid Ltd"])
        #expect(texts(.org, "Le ferry est exploité par Naviera del Norte S.A. depuis mai.") == ["Naviera del Norte S.A."])
        #expect(texts(.org, "La Laiterie des Zemmour SA a recruté.") == ["Laiterie des Zemmour SA"])
    }

    @Test func aCompanyWordThatReadsLikeASentenceWordStaysInItsName() {
        #expect(texts(.org, "Le ferry appartient à Naviera del Sur S.A. depuis mai.") == ["Naviera del Sur S.A."])
        #expect(texts(.org, "Les lignes de Estrecho Lines S.L. et Balear del Sur S.A. reprennent.")
                == ["Estrecho Lines S.L.", "Balear del Sur S.A."])
    }

    @Test func cyclingAndRacingTeams() {
        #expect(texts(.org, "Le peloton comptait Atlas Mountains Cycling et Sahara Road Racing au départ.")
                == ["Atlas Mountains Cycling", "Sahara Road Racing"])
    }

    @Test func aFacultyAndItsTown() {
        #expect(texts(.org, "The Faculty of Dentistry of Casablanca opened a clinic.") == ["Faculty of Dentistry of Casablanca"])
    }

    @Test func aMinistrysPortfoliosAreOneListClosedByAnd() {
        #expect(texts(.org, "The Ministry of Tourism, Crafts and Social Economy said so.")
                == ["Ministry of Tourism, Crafts and Social Economy"])
        // A comma with no closing "and" ends the name.
        #expect(!texts(.org, "The Ministry of Tourism, Crafts said so.").contains("Ministry of Tourism, Crafts"))
    }

    @Test func twoNamesSideBySideStayTwo() {
        #expect(texts(.org, "It was praised by the World Bank and International Monetary Fund staff.")
                == ["World Bank", "International Monetary Fund"])
        #expect(texts(.org, "Aid came from Rabat for the Ocean Relief Fund.") == ["Ocean Relief Fund"])
    }

    @Test func possessivesAndPlaceHeads() {
        #expect(texts(.org, "The Dockers' Union and the Public Defender's Office objected.")
                == ["Dockers' Union", "Public Defender's Office"])
        #expect(texts(.loc, "Ships sail through the Strait of Messina.") == ["Strait of Messina"])
    }

    @Test func aKnownOrganisationWithAHeadInsideItsRun() {
        #expect(texts(.org, "Fans cheered as Raja Club Omnisport signed a striker.") == ["Raja Club Omnisport"])
        // A sentence's first word is no part of the name.
        #expect(texts(.org, "Yesterday Raja Club Omnisport signed a striker.") == ["Raja Club Omnisport"])
    }

    @Test func companiesByTheirDottedLegalForm() {
        #expect(texts(.org, "Rabat-based Argan Data Systems S.A. hired forty engineers.") == ["Argan Data Systems S.A."])
    }

    @Test func anOrganisationWithoutItsLastWordIsTheSameOrganisation() {
        let text = "Funds came from Cedar Capital Partners. Cedar Capital's team visited Fez."
        #expect(ExtractTestSupport.extract(text).entities.filter { $0.type == .org }.map(\.count) == [2])
    }

    @Test func nationalitiesAreNoListItems() {
        #expect(!texts(.org, "The bid was won by ACWA Power and Moroccan partners.").contains("Moroccan"))
    }

    @Test func timeZonesAndCompetitionsAreNoEntities() {
        #expect(texts(.org, "Kick-off is at 20:00 GMT on Sunday.").isEmpty)
        #expect(texts(.loc, "The squad prepares for the Africa Cup of Nations in Rabat.") == ["Rabat"])
    }

    @Test func aLongChainOfSmallWordsStaysBounded() {
        let text = Array(repeating: "Alpha of Beta", count: 2_000).joined(separator: " of ") + " Council."
        #expect(texts(.org, text).allSatisfy { $0.count < 400 })
    }

    @Test func aNameOpeningWithAKnownOrganisationIsThatOrganisation() {
        let entities = ExtractTestSupport.extract("Wydad Athletic Club won. Wydad now leads.").entities
        #expect(entities.filter { $0.type == .org }.map(\.count) == [2])
    }
}
