import Glibc
import Testing
@testable import DepecheCore

@Suite struct SettleTrackerTests {
    let path = InboxPath("a.txt")
    let identity = FileIdentity(inode: 1, size: 10, mtimeNanoseconds: 5)

    @Test func takesAFileOnlyAfterItIsStableForTheSettleTime() {
        var tracker = SettleTracker(settle: .milliseconds(200))
        let start = ContinuousClock.now
        tracker.touch(path, at: start)
        #expect(tracker.takeSettled(at: start + .milliseconds(100)) { _ in .some(identity) }.isEmpty)
        // First look after the settle time records the identity; the next equal look takes it.
        #expect(tracker.takeSettled(at: start + .milliseconds(200)) { _ in .some(identity) }.isEmpty)
        #expect(tracker.takeSettled(at: start + .milliseconds(400)) { _ in .some(identity) } == [path])
        #expect(tracker.count == 0)
    }

    @Test func aGrowingFileKeepsWaiting() {
        var tracker = SettleTracker(settle: .milliseconds(200))
        let start = ContinuousClock.now
        tracker.touch(path, at: start)
        var grown = identity
        for step in 1...5 {
            grown.size += 10
            let seen = grown
            #expect(tracker.takeSettled(at: start + .milliseconds(200 * step)) { _ in .some(seen) }.isEmpty)
        }
        let final = grown
        #expect(tracker.takeSettled(at: start + .milliseconds(1200)) { _ in .some(final) } == [path])
    }

    @Test func aTouchRestartsTheClock() {
        var tracker = SettleTracker(settle: .milliseconds(200))
        let start = ContinuousClock.now
        tracker.touch(path, at: start)
        _ = tracker.takeSettled(at: start + .milliseconds(200)) { _ in .some(identity) }
        tracker.touch(path, identity: identity, at: start + .milliseconds(300))
        #expect(tracker.takeSettled(at: start + .milliseconds(400)) { _ in .some(identity) }.isEmpty)
        #expect(tracker.takeSettled(at: start + .milliseconds(500)) { _ in .some(identity) } == [path])
    }

    @Test func aVanishedFileIsDroppedAndASpecialFileHandedOn() {
        var tracker = SettleTracker(settle: .zero)
        tracker.touch(path)
        #expect(tracker.takeSettled { _ in nil }.isEmpty)
        #expect(tracker.count == 0)
        tracker.touch(path)
        #expect(tracker.takeSettled { _ in .some(nil) } == [path])
    }
}

extension SettleTrackerTests {
    @Test func anIdentitySeenAtTheEventLetsOneLookSuffice() {
        var tracker = SettleTracker(settle: .milliseconds(200))
        let start = ContinuousClock.now
        tracker.touch(path, identity: identity, at: start)
        #expect(tracker.takeSettled(at: start + .milliseconds(200)) { _ in .some(identity) } == [path])
    }
}

extension SettleTrackerTests {
    @Test func aFileOpenForWritingWaitsUntilItsWriterIsDone() {
        var tracker = SettleTracker(settle: .milliseconds(200))
        let start = ContinuousClock.now
        tracker.touch(path, identity: identity, at: start)
        #expect(tracker.takeSettled(at: start + .milliseconds(200), identify: { _ in .some(identity) }, isBeingWritten: { _ in true }).isEmpty)
        #expect(tracker.takeSettled(at: start + .milliseconds(400), identify: { _ in .some(identity) }, isBeingWritten: { _ in true }).isEmpty)
        #expect(tracker.takeSettled(at: start + .milliseconds(500), identify: { _ in .some(identity) }, isBeingWritten: { _ in false }).isEmpty)
        #expect(tracker.takeSettled(at: start + .milliseconds(600), identify: { _ in .some(identity) }, isBeingWritten: { _ in false }) == [path])
    }

    /// The kernel's answer, through a read lease (the test's own file: no `CAP_LEASE` needed): a
    /// descriptor open for writing anywhere (this process's own too) is a writer; one open for
    /// reading is not.
    @Test func theKernelSaysWhetherAFileHasAWriter() throws {
        let directory = TemporaryDirectory()
        directory.write("page.txt", "Rabat")
        let inbox = directory.open()
        defer { close(inbox) }
        let path = InboxPath("page.txt")
        #expect(!SettleTracker.isBeingWritten(path, inboxFD: inbox))
        let writer = open(directory.url("page.txt"), O_WRONLY | O_APPEND | O_CLOEXEC)
        #expect(SettleTracker.isBeingWritten(path, inboxFD: inbox))
        close(writer)
        let reader = open(directory.url("page.txt"), O_RDONLY | O_CLOEXEC)
        defer { close(reader) }
        #expect(!SettleTracker.isBeingWritten(path, inboxFD: inbox))
    }
}
