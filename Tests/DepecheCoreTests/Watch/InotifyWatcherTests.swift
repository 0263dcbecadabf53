import Foundation
import Glibc
import Synchronization
import Testing
@testable import DepecheCore

/// libinotifytools has one global state: these tests run one after the other.
@Suite(.serialized) struct InotifyWatcherTests {
    let inbox = TemporaryDirectory()

    func collect(_ watcher: InotifyWatcher, until done: @escaping ([WatchSignal]) -> Bool) async -> [WatchSignal] {
        var seen: [WatchSignal] = []
        let deadline = ContinuousClock.now + .seconds(10)
        for await signal in watcher.signals {
            seen.append(signal)
            if done(seen) || ContinuousClock.now > deadline { break }
        }
        return seen
    }

    @Test func reportsClosedMovedAndLinkedFilesAndNewDirectories() async throws {
        let watcher = InotifyWatcher(inbox: inbox.path)
        try await watcher.start()
        inbox.write("a.txt", "written")
        inbox.write("elsewhere.tmp", "moved")
        rename(inbox.url("elsewhere.tmp"), inbox.url("b.txt"))
        link(inbox.url("a.txt"), inbox.url("c.txt"))
        mkdir(inbox.url("site"), 0o755)
        try await Task.sleep(for: .milliseconds(200))
        inbox.write("site/d.txt", "in a new directory")
        let seen = await collect(watcher) { $0.contains(.file(InboxPath("site/d.txt"))) }
        #expect(seen.contains(.file(InboxPath("a.txt"))))
        #expect(seen.contains(.movedIn(InboxPath("b.txt"))), "a rename is whole: taken at once")
        #expect(seen.contains(.file(InboxPath("c.txt"))))
        #expect(seen.contains(.directory(InboxPath("site"))))
        #expect(!seen.contains(.file(InboxPath("elsewhere.tmp"))))
        await watcher.stopAndWait()
    }

    @Test func theHeartbeatAdvancesWhileIdle() async throws {
        let watcher = InotifyWatcher(inbox: inbox.path)
        try await watcher.start()
        try await Task.sleep(for: .milliseconds(2200))
        let silence = try #require(watcher.heartbeat.silence(), "the watcher loop is never idle")
        #expect(silence < .milliseconds(1500), "it beats at least once a second")
        await watcher.stopAndWait()
    }

    /// The inbox configured as a symlink, re-pointed while files keep arriving: the watcher
    /// leaves the old directory within a second or so (busy or not) and watches the new one.
    @Test func followsTheInboxLinkWhenItIsRepointed() async throws {
        for directory in ["a", "b"] { mkdir(inbox.url(directory), 0o755) }
        symlink(inbox.url("a"), inbox.url("inbox"))
        let watcher = InotifyWatcher(inbox: inbox.url("inbox"))
        try await watcher.start()
        #expect(watcher.inbox == inbox.url("a"))
        symlink(inbox.url("b"), inbox.url("next"))
        rename(inbox.url("next"), inbox.url("inbox"))
        // Keep the old directory busy: the check must not wait for an idle second.
        let old = inbox.url("a")
        let writer = Task {
            for index in 0..<2_000 where !Task.isCancelled {
                FileManager.default.createFile(atPath: "\(old)/busy-\(index).txt", contents: Data("x".utf8))
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        var seen = await collect(watcher) { $0.contains(.inboxBack) }
        writer.cancel()
        let relinked = seen.contains(.inboxRelinked(from: old))
        try #require(relinked, "the re-pointed link was not noticed: \(seen.suffix(3))")
        #expect(watcher.inbox == inbox.url("b"))
        inbox.write("b/new.txt", "in the directory the link now leads to")
        seen = await collect(watcher) { $0.contains(.file(InboxPath("new.txt"))) }
        #expect(seen.contains(.file(InboxPath("new.txt"))))
        await watcher.stopAndWait()
    }

    @Test func failsClearlyOnAMissingInbox() async {
        let watcher = InotifyWatcher(inbox: inbox.url("missing"))
        await #expect(throws: (any Error).self) { try await watcher.start() }
    }
}
