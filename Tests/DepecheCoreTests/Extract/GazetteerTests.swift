import Foundation
import Testing
@testable import DepecheCore

@Suite struct GazetteerTests {
    private let small = Gazetteer(entries: [
        GazetteerEntry(name: "Webhelp", kind: .org),
        GazetteerEntry(name: "Le Matin", kind: .org),
        GazetteerEntry(name: "Organisation des Nations unies", kind: .org, aliases: ["ONU", "UN"]),
        GazetteerEntry(name: "Maroc", kind: .loc, aliases: ["المغرب"]),
        GazetteerEntry(name: "Fès Shore", kind: .loc, aliases: ["Fesshore"]),
        GazetteerEntry(name: "Bytom", kind: .loc),
        GazetteerEntry(name: "Youssef", kind: .givenName),
        GazetteerEntry(name: "Ministère du Tourisme, de l'Artisanat et de l'Économie sociale et solidaire", kind: .org),
        GazetteerEntry(name: "Fès-Meknès", kind: .loc),
        GazetteerEntry(name: "Fès", kind: .loc),
    ])

    private func match(_ text: String, at index: Int = 0) -> String? {
        let tokenized = TokenizedText(text)
        guard let found = small.longestMatch(in: tokenized, at: index) else { return nil }
        return small.entries[found.entry].name
    }

    @Test func ministriesMatchLowercaseAndAcrossCommas() {
        let ministry = "Ministère du Tourisme, de l'Artisanat et de l'Économie sociale et solidaire"
        #expect(match("le ministère du Tourisme, de l'Artisanat et de l'Économie sociale et solidaire a dit", at: 1)
            == ministry)
        #expect(match("le ministère du tourisme, de l'artisanat et de l'économie sociale et solidaire", at: 1) == nil)
        #expect(match("Fès, Meknès et Oujda") == "Fès", "a comma joins only spellings written with one")
        #expect(match("Fès-Meknès") == "Fès-Meknès")
    }

    /// A one-word place is found under its other transliterations ("Tafrout" as "Tafroute",
    /// "Aouinya" as "Aouinia"); organisations and short names are not.
    @Test func placesHaveTheirTransliterations() {
        let gazetteer = Gazetteer(entries: [
            GazetteerEntry(name: "Tafrout", kind: .loc), GazetteerEntry(name: "Imzourite", kind: .loc),
            GazetteerEntry(name: "Aouinya", kind: .loc), GazetteerEntry(name: "Tiznit Export", kind: .loc),
            GazetteerEntry(name: "Bizet", kind: .org),
        ])
        let found = { (text: String) in
            gazetteer.longestMatch(in: TokenizedText(text), at: 0).map { gazetteer.entries[$0.entry].name }
        }
        #expect(found("Tafroute") == "Tafrout")
        #expect(found("Imzourit") == "Imzourite")
        #expect(found("Aouinia") == "Aouinya")
        #expect(found("Bizete") == nil)
        #expect(found("Tiznit Exporte") == nil)
    }

    @Test func parsesColumnsAndComments() throws {
        let entries = try Gazetteer.parse("# comment\nCasablanca\tLOC\tCasa|الدار البيضاء\tfr,ar\n\nRGPD\tmisc\n",
                                          origin: "t.tsv")
        #expect(entries == [
            GazetteerEntry(name: "Casablanca", kind: .loc, aliases: ["Casa", "الدار البيضاء"], languages: ["fr", "ar"]),
            GazetteerEntry(name: "RGPD", kind: .misc),
        ])
    }

    @Test func rejectsUnknownTypesWithTheLine() {
        #expect(throws: GazetteerError.self) { try Gazetteer.parse("Casablanca\tCITY\n", origin: "t.tsv") }
        do {
            _ = try Gazetteer.parse("ok\tLOC\nbad line\n", origin: "t.tsv")
        } catch let error as GazetteerError {
            #expect(error.location == "t.tsv:2")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// The user's lists, in file-name order, then the built-in ones.
    @Test func loadsEveryTSVFileOfADirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gaz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "Acme Maroc\tORG\n".write(to: directory.appendingPathComponent("b.tsv"), atomically: true, encoding: .utf8)
        try "Zagora\tLOC\n".write(to: directory.appendingPathComponent("a.tsv"), atomically: true, encoding: .utf8)
        try "ignored\tLOC\n".write(to: directory.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let loaded = try Gazetteer.load(directory: directory.path)
        let builtIn = try Gazetteer.builtIn().entries
        #expect(loaded.entries.prefix(2).map(\.name) == ["Zagora", "Acme Maroc"])
        #expect(Array(loaded.entries.dropFirst(2)) == builtIn)
        #expect(try Gazetteer.load(directory: "").entries == builtIn)
        #expect(throws: GazetteerError.self) { try Gazetteer.load(directory: directory.path + "/missing") }
    }

    @Test func matchesIgnoreSeparatorsCaseAndAccents() {
        #expect(match("il y a Web help.", at: 3) == "Webhelp")
        #expect(match("Fesshore") == "Fès Shore")
        #expect(match("FES SHORE") == "Fès Shore")
        #expect(match("By Tom Reilly") == nil, "a place written as one word is not two words of the text")
        #expect(match("Bytom") == "Bytom")
    }

    @Test func capitalisedSpellingsNeedCapitalisedText() {
        #expect(match("Le Matin du Sahara") == "Le Matin")
        #expect(match("Le matin, il pleuvait") == nil)
        #expect(match("UN Security Council") == "Organisation des Nations unies")
        #expect(match("Un rapport") == nil)
    }

    @Test func arabicCliticsAreSkipped() throws {
        let text = TokenizedText("بالمغرب")
        let found = try #require(small.longestMatch(in: text, at: 0))
        #expect(small.entries[found.entry].name == "Maroc")
        #expect(found.skipped == 1)
    }

    @Test func givenNamesAreEvidenceNotEntities() {
        let text = TokenizedText("Youssef")
        #expect(small.isGivenName(text.tokens[0]))
    }

    @Test func shippedGazetteerLoads() {
        let shipped = ExtractTestSupport.gazetteer
        #expect(shipped.entries.count > 900)
        #expect(shipped.entries.contains { $0.name == "Casablanca" && $0.kind == .loc })
    }
}

/// National bodies the press names often, in their Arabic, French and English forms.
@Suite struct NationalBodiesTests {
    @Test(arguments: [
        ("وقدمت الجمعية المغربية لحماية المال العام شكاية إلى النيابة العامة.", "الجمعية المغربية لحماية المال العام"),
        ("وأنجزت المفتشية العامة للإدارة الترابية مهمة افتحاص بالجماعة.", "المفتشية العامة للإدارة الترابية"),
        ("وتدخلت عناصر الوقاية المدنية لإنقاذ الأسرة.", "الوقاية المدنية"),
        ("Les unités de la Marine royale ont porté secours aux pêcheurs.", "Marine royale"),
        ("Civil Protection teams evacuated forty families overnight.", "Civil Protection"),
    ])
    func aNationalBodyIsAnOrganisation(sentence: String, body: String) {
        #expect(ExtractTestSupport.texts(.org, in: sentence) == [body])
    }
}
