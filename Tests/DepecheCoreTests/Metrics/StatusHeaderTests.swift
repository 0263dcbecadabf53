import Glibc
import Testing
@testable import DepecheCore

@Suite struct StatusHeaderTests {
    let directory = TemporaryDirectory()

    @Test func theDaemonLineSaysWhetherOneRuns() {
        #expect(StatusHeader.daemon(.running(pid: 4242), stateDirectory: "/s") == "daemon: running (pid 4242) on /s")
        #expect(StatusHeader.daemon(.running(pid: nil), stateDirectory: "/s") == "daemon: running (pid not visible here) on /s")
        #expect(StatusHeader.daemon(.stopped, stateDirectory: "/s") == "daemon: not running on /s")
        #expect(StatusHeader.daemon(.unknown, stateDirectory: "/s").hasPrefix("daemon: cannot tell whether one runs on /s"))
    }

    @Test func theMetricsLineSaysHowOldTheFiguresAre() throws {
        let textfile = directory.write("depeche.prom", "depeche_documents_ingested_total 3\n")
        var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, textfile, &times, 0) == 0)
        let now = Timestamp(nanoseconds: (1_000_000 + 7_980) * 1_000_000_000)
        #expect(StatusHeader.metrics(textfile: textfile, presence: .running(pid: 1), now: now)
            == "metrics: \(textfile), written 2 h 13 min ago")
        #expect(StatusHeader.metrics(textfile: textfile, presence: .stopped, now: now)
            == "metrics: \(textfile), written 2 h 13 min ago (the last the daemon wrote before it stopped)")
        #expect(StatusHeader.metrics(textfile: directory.url("none.prom"), presence: .stopped) == nil)
    }

    @Test func elapsedTimeGivesItsTwoLargestUnits() {
        #expect(StatusHeader.elapsed(seconds: 0) == "0 s")
        #expect(StatusHeader.elapsed(seconds: 59) == "59 s")
        #expect(StatusHeader.elapsed(seconds: 185) == "3 min 5 s")
        #expect(StatusHeader.elapsed(seconds: 3_600) == "1 h")
        #expect(StatusHeader.elapsed(seconds: 7_980) == "2 h 13 min")
        #expect(StatusHeader.elapsed(seconds: 4 * 86_400 + 7_300) == "4 d 2 h")
    }
}
