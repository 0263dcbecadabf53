import Testing
@testable import DepecheCore

/// The search order itself; the binary's tests check that every command follows it.
@Suite struct ConfigFileSearchTests {
    let directory = TemporaryDirectory()

    /// A search standing for `./config/depeche.yaml` then `/etc/depeche/depeche.yaml`.
    var search: ConfigFileSearch { ConfigFileSearch(candidates: [directory.url("tree/depeche.yaml"), directory.url("etc/depeche.yaml")]) }

    @Test func theFlagComesFirst() {
        directory.write("tree/depeche.yaml", "")
        #expect(search.file(explicit: "/flag.yaml", environment: ["DEPECHE_CONFIG": "/env.yaml"]) == "/flag.yaml")
    }

    @Test func thenTheEnvironmentEvenWhenItsFileIsMissing() {
        directory.write("tree/depeche.yaml", "")
        #expect(search.file(explicit: nil, environment: ["DEPECHE_CONFIG": "/env.yaml"]) == "/env.yaml")
    }

    @Test func thenTheSourceTreeFile() {
        directory.write("tree/depeche.yaml", "")
        directory.write("etc/depeche.yaml", "")
        #expect(search.file(explicit: nil, environment: [:]) == directory.url("tree/depeche.yaml"))
    }

    @Test func thenTheSystemFile() {
        directory.write("etc/depeche.yaml", "")
        #expect(search.file(explicit: nil, environment: ["DEPECHE_CONFIG": ""]) == directory.url("etc/depeche.yaml"))
    }

    @Test func noneWhenNothingExists() {
        #expect(search.file(explicit: nil, environment: [:]) == nil)
    }

    @Test func theStandardListIsTheDocumentedOne() {
        #expect(ConfigFileSearch().candidates == ["config/depeche.yaml", "/etc/depeche/depeche.yaml"])
    }
}
