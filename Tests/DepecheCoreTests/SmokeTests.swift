import Testing
@testable import DepecheCore

@Test func formatVersionIsOne() { #expect(Depeche.eventFormatVersion == 1) }
