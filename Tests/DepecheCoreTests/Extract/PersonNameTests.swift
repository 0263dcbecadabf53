import Testing
@testable import DepecheCore

/// Person names of many origins, and the words around them that are not part of them.
@Suite struct PersonNameTests {
    private func texts(_ type: EntityType, _ text: String) -> [String] { ExtractTestSupport.texts(type, in: text) }

    /// A name goes on across a line break after a given name, but not into a line that opens
    /// with an article ("Par Hicham Ou-Brahim" over "Le 11/03/2025 à 16h05").
    @Test func aNameStopsBeforeALineOpeningWithAnArticle() {
        let text = "Agrumes : les exportations bondissent\n\nPar Hicham Ou-Brahim\nLe 11/03/2025 à 16h05\n\n"
            + "Les expéditions d'agrumes vers le Canada ont atteint un record cette saison, selon les exportateurs de la région."
        #expect(ExtractTestSupport.texts(.person, in: text) == ["Hicham Ou-Brahim"])
    }

    /// "El" opens many Moroccan given names: "El", a given name and a surname are a person,
    /// after an elided "qu’" too; "Al" and a given name open a cooperative's name as often.
    @Test func elBeforeAGivenNameOpensAPerson() {
        #expect(texts(.person, "Le wali a indiqué qu’El Hachmi Sebbari dirigera la commission.") == ["El Hachmi Sebbari"])
        #expect(texts(.person, "El Mostafa Ramid, président de la commune, a reçu la délégation.") == ["El Mostafa Ramid"])
        #expect(texts(.person, "La coopérative Al Amal Zitoune, basée à Ghafsai, a investi.").isEmpty)
    }

    /// A middle initial's full stop ends no name; a hyphenated title ("Secretary-General",
    /// "Director-General") is no name, before one or alone.
    @Test func middleInitialsAndHyphenatedTitles() {
        #expect(texts(.person, "Amina J. Mohammed, Deputy Secretary-General of the United Nations, met the minister.")
                == ["Amina J. Mohammed"])
        #expect(texts(.person, "The talks were opened by Director-General Karim Tazi on Monday.") == ["Karim Tazi"])
        #expect(texts(.person, "The roads of Zone A. Then the rain came.").isEmpty)
    }

    @Test func particlesAndApostrophesInsideSurnames() {
        #expect(texts(.person, "The plan was drawn up by Joris van den Broek last year.") == ["Joris van den Broek"])
        #expect(texts(.person, "Yesterday Niamh O'Driscoll opened the session.") == ["Niamh O'Driscoll"])
    }

    @Test func givenNamesOfManyOrigins() {
        #expect(texts(.person, "The talks were chaired by Chukwuemeka Obi-Nnaji and Wambui Otieno.")
                == ["Chukwuemeka Obi-Nnaji", "Wambui Otieno"])
        #expect(texts(.person, "Le projet est porté par Idir Ait Lhassen.") == ["Idir Ait Lhassen"])
    }

    /// Irish, Scottish, Greek, Japanese, Basque and Eritrean given names; a rank before the name.
    @Test func moreGivenNamesAndRanks() {
        #expect(texts(.person, "The report was written by Siobhan Keane and Hamish MacLeod.") == ["Siobhan Keane", "Hamish MacLeod"])
        #expect(texts(.person, "The talks included Georgios Andreou and Takeshi Morimoto.")
                == ["Georgios Andreou", "Takeshi Morimoto"])
        #expect(texts(.person, "La course a été gagnée par Aitor Etxeberria devant Tesfaye Haileselassie.")
                == ["Aitor Etxeberria", "Tesfaye Haileselassie"])
        #expect(texts(.person, "The ship was steered in by Captain Lars Eriksen at dawn.") == ["Lars Eriksen"])
    }

    @Test func titlesAndRolesStayOutOfTheName() {
        #expect(texts(.person, "the veteran striker Kwabena Asante-Mills scored twice.") == ["Kwabena Asante-Mills"])
        #expect(texts(.person, "Minister Delegate for Budget and Public Accounts Reform Salima Tazi spoke.")
                == ["Salima Tazi"])
    }

    @Test func namedListsAfterACategoryAndOf() {
        #expect(texts(.loc, "Schools closed in the districts of Hay Nahda, Ain Borja and Moulay Idriss.")
                .contains("Moulay Idriss"))
        #expect(texts(.person, "Schools closed in the districts of Hay Nahda, Ain Borja and Moulay Idriss.").isEmpty)
    }

    @Test func publicationsAndCharitiesByTheirLastWordOrTheNounBefore() {
        #expect(texts(.org, "\"It is a turning point,\" she told Sahel Business Review.") == ["Sahel Business Review"])
        #expect(texts(.org, "The relief agency Hope Bridges sent tents.") == ["Hope Bridges"])
    }
}
