import Testing
@testable import DepecheCore

@Suite struct TimestampTests {
    @Test func readsBackWhatItWrites() {
        let written = Timestamp(nanoseconds: 1_795_478_902_461_000_000)
        #expect(written.rfc3339 == "2026-11-24T00:08:22.461Z")
        #expect(Timestamp(rfc3339: written.rfc3339) == written)
    }

    @Test func refusesAnythingElse() {
        for text in ["", "2026-11-24T00:08:22Z", "2026-11-24 00:08:22.461Z", "2026-1x-24T00:08:22.461Z", "2026-11-24T00:08:22.461+01:00"] {
            #expect(Timestamp(rfc3339: text) == nil, "\(text)")
        }
    }
}
