import Testing

@testable import DepecheCore

@Suite struct HTMLDateTests {
    @Test(arguments: [
        ("2024-02-07T09:30:00+01:00", "2024-02-07"),
        ("2024-02-07", "2024-02-07"),
        (" 2024/02/07 ", "2024-02-07"),
        ("2024-02-29", "2024-02-29"),
        ("Wed, 07 Feb 2024 09:30:00 +0100", "2024-02-07"),
        ("7 December 2023", "2023-12-07"),
    ])
    func readsStatedDates(_ value: String, _ iso: String) {
        #expect(HTMLDate.isoDate(from: value) == iso)
    }

    @Test(arguments: ["", "demain", "2023-02-29", "2024-13-01", "2024-00-10", "2024-02-7", "07/02/2024", "32 Jan 2024"])
    func rejectsWhatIsNotADay(_ value: String) {
        #expect(HTMLDate.isoDate(from: value) == nil)
    }
}
