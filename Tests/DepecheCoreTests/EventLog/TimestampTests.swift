import Testing
@testable import DepecheCore

@Suite struct TimestampTests {
    @Test func readsBackWhatItWrites() {
        let written = Timestamp(nanoseconds: 1_795_478_902_461_000_000)
        #expect(written.rfc3339 == "2026-11-24T00:08:22.461Z")
        #expect(Timestamp(rfc3339: written.rfc3339) == written)
    }

    /// Every part zero-padded to its width: the first millisecond of a year, and the last.
    @Test func padsEveryPart() {
        #expect(Timestamp(nanoseconds: 1_767_225_600_001_000_000).rfc3339 == "2026-01-01T00:00:00.001Z")
        #expect(Timestamp(nanoseconds: 1_798_761_599_999_999_999).rfc3339 == "2026-12-31T23:59:59.999Z")
        #expect(Timestamp(nanoseconds: 0).rfc3339 == "1970-01-01T00:00:00.000Z")
    }

    @Test func refusesAnythingElse() {
        for text in ["", "2026-11-24T00:08:22Z", "2026-11-24 00:08:22.461Z", "2026-1x-24T00:08:22.461Z", "2026-11-24T00:08:22.461+01:00"] {
            #expect(Timestamp(rfc3339: text) == nil, "\(text)")
        }
    }
}
