import Glibc
import Testing
@testable import DepecheCore

@Suite struct FileReaderTests {
    let inbox = TemporaryDirectory()
    let outside = TemporaryDirectory()

    func read(_ name: String, max: Int = 1 << 20) -> ReadOutcome {
        let fd = inbox.open()
        defer { close(fd) }
        return FileReader(inboxFD: fd, maxFileSize: max).read(InboxPath(name))
    }

    func rejection(_ outcome: ReadOutcome) -> Rejection? {
        if case .rejected(let rejection, _) = outcome { return rejection }
        return nil
    }

    @Test func readsARegularFileWithItsIdentity() {
        inbox.write("site/page.txt", "Rabat, le 3 mai")
        guard case .read(let bytes, let identity) = read("site/page.txt") else {
            Issue.record("not read")
            return
        }
        #expect(bytes == Array("Rabat, le 3 mai".utf8))
        #expect(identity.size == bytes.count)
    }

    @Test func neverFollowsASymlink() {
        outside.write("secret.txt", "outside")
        symlink(outside.url("secret.txt"), inbox.url("link.txt"))
        #expect(rejection(read("link.txt"))?.reason == .notRegularFile)
    }

    @Test func neverEntersASymlinkedDirectory() {
        outside.write("dir/secret.txt", "outside")
        symlink(outside.url("dir"), inbox.url("linked"))
        // Not in the inbox's tree: nothing to report (the link "linked" is rejected on its own).
        guard case .vanished = read("linked/secret.txt") else {
            Issue.record("a path under a symlinked directory must read as vanished")
            return
        }
    }

    @Test func rejectsAFIFOWithoutBlocking() {
        mkfifo(inbox.url("pipe"), 0o644)
        let rejection = rejection(read("pipe"))
        #expect(rejection?.reason == .notRegularFile)
        #expect(rejection?.detail.contains("FIFO") == true)
    }

    @Test func rejectsAHugeSparseFileWithoutReadingIt() {
        let fd = open(inbox.url("huge.txt"), O_WRONLY | O_CREAT, 0o644)
        ftruncate(fd, 2 << 30)
        close(fd)
        let rejection = rejection(read("huge.txt", max: 16 << 20))
        #expect(rejection?.reason == .tooLarge)
        #expect(rejection?.detail.contains("2147483648") == true)
    }

    @Test func reportsAVanishedFile() {
        if case .vanished = read("gone.txt") {} else { Issue.record("expected vanished") }
    }

    @Test func refusesPathsThatClimbOut() {
        outside.write("x.txt", "outside")
        let name = "../" + outside.path.split(separator: "/").last! + "/x.txt"
        #expect(rejection(read(name)) != nil)
    }
}
