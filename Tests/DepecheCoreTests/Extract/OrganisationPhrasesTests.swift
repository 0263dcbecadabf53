import Testing
@testable import DepecheCore

@Suite struct OrganisationPhrasesTests {
    private func organisations(_ text: String) -> [String] { ExtractTestSupport.texts(.org, in: text) }

    @Test func aLocalBodysLowercaseHeadWithItsComplement() {
        #expect(organisations("Les tapis ont été tissés par la coopérative Tagmat d'Imlil, qui emploie 30 femmes.")
                == ["coopérative Tagmat d'Imlil"])
        #expect(organisations("Le projet a reçu l'appui du conseil provincial de Tiznit en mars.")
                == ["conseil provincial de Tiznit"], "a lowercase name ends with its last proper word")
        #expect(organisations("Le dossier a été renvoyé devant la cour d'appel de Meknès lundi.") == ["cour d'appel de Meknès"])
        #expect(organisations("Il a été testé avec la coopérative Al Baraka des éleveurs d'Imouzzer.")
                == ["coopérative Al Baraka des éleveurs d'Imouzzer"])
        #expect(organisations("L'association Tifsa pour le développement d'Imlil a planté 300 arbres.")
                == ["association Tifsa pour le développement d'Imlil"])
    }

    @Test func aLowercaseHeadWithoutAComplementOrWithABoardIsNoName() {
        #expect(!organisations("Selon l'association Atlas Green Startups, les dons ont doublé.")
                    .contains("association Atlas Green Startups"))
        #expect(organisations("Le conseil d'administration de Tanger Ports a voté.").allSatisfy { !$0.hasPrefix("conseil") })
        #expect(organisations("Le rapport a été transmis au conseil de BMCE hier.").allSatisfy { !$0.hasPrefix("conseil") })
        #expect(organisations("La coopérative des femmes a vendu son huile.").isEmpty)
    }

    @Test func aNounThatTakesAKeepsItsComplement() {
        #expect(organisations("L'Association Tafraout pour la défense du droit à l'eau a porté plainte.")
                == ["Association Tafraout pour la défense du droit à l'eau"])
        #expect(organisations("L'Association marocaine des amis du droit à Tanger a porté plainte.")
                == ["Association marocaine des amis du droit"], "a place after \"à\" is where the body is")
    }

    /// "et l'" before a capitalised head opens another name, as "et le" does.
    @Test func twoNamesJoinedByEtLAreTwo() {
        #expect(organisations("Le festival est soutenu par le Conseil régional de l'Oriental et l'Institut royal de la culture amazighe.")
                == ["Conseil régional de l'Oriental", "Institut royal de la culture amazighe"])
    }

    @Test func aNationalityAfterTheHeadScopesTheName() {
        #expect(organisations("Le Fonds koweïtien pour le développement a financé le barrage.")
                == ["Fonds koweïtien pour le développement"])
    }

    @Test func aNationalTeam() {
        #expect(organisations("Équipe nationale du Sénégal : la liste des 23 est tombée.") == ["Équipe nationale du Sénégal"])
    }
}
