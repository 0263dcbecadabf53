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
