import Glibc
import Testing
@testable import DepecheCore

@Suite struct IntakeTests {
    let inbox = TemporaryDirectory()

    /// A file renamed in is whole: taken at once, not after the settle time; it stops settling.
    @Test func aWholeFileIsTakenAtOnce() {
        let fd = inbox.open()
        defer { close(fd) }
        inbox.write("a.txt", "page")
        let intake = Intake(settle: .seconds(60), inboxFD: fd)
        intake.touch(InboxPath("a.txt"))
        #expect(intake.takeWhole(InboxPath("a.txt")))
        #expect(intake.depth == 1, "in flight, no longer settling")
        #expect(!intake.takeWhole(InboxPath("a.txt")), "already in flight: not taken twice")
        intake.done(InboxPath("a.txt"))
        #expect(intake.depth == 1, "moved again while in flight: it settles once more")
        #expect(intake.takeSettled(now: .now + .seconds(30)).isEmpty)
    }

    /// While intake is paused (the log cannot be written), a whole file waits like any other.
    @Test func aPausedIntakeTakesNothingAtOnce() {
        let fd = inbox.open()
        defer { close(fd) }
        inbox.write("b.txt", "page")
        let intake = Intake(settle: .milliseconds(1), inboxFD: fd)
        #expect(intake.takeWhole(InboxPath("b.txt")))
        let now = ContinuousClock.now
        #expect(intake.pauseAfterFailure(returning: InboxPath("b.txt"), now: now) == .init(remaining: .seconds(1), started: true))
        #expect(intake.pauseAfterFailure(returning: InboxPath("c.txt"), now: now + .milliseconds(400))
                == .init(remaining: .milliseconds(600), started: false), "a file failing during the pause joins it")
        #expect(!intake.takeWhole(InboxPath("b.txt"), now: now))
        #expect(intake.takeSettled(now: now + .milliseconds(500)).isEmpty, "paused for a second")
        #expect(intake.resume())
        #expect(intake.takeSettled(now: now + .seconds(2)) == [InboxPath("b.txt")], "settled once resumed")
    }
}
