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

    /// Files of every size around the first read's room (4,096 bytes) and past a doubling are read
    /// whole, at the inbox's top (looked up with `fstatat`) and below it (through `openat2`).
    @Test(arguments: [0, 1, 4_095, 4_096, 4_097, 8_193, 70_000, 300_001])
    func readsEveryByteAtTheTopAndBelow(size: Int) {
        let contents = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        for name in ["page.txt", "site/2026/page.txt"] {
            inbox.write(name, bytes: contents)
            guard case .read(let bytes, let identity) = read(name) else {
                Issue.record("\(name) of \(size) bytes not read")
                continue
            }
            #expect(bytes == contents)
            #expect(identity.size == size)
        }
    }

    @Test(arguments: ["link.txt", "site/link.txt"])
    func neverFollowsASymlink(name: String) {
        outside.write("secret.txt", "outside")
        inbox.write("site/other.txt", "x")
        symlink(outside.url("secret.txt"), inbox.url(name))
        let rejection = rejection(read(name))
        #expect(rejection?.reason == .notRegularFile)
        #expect(rejection?.detail == "it is a symbolic link, not a regular file")
    }

    /// `.` and `..` name directories, never a page: the inbox's parent is not looked at.
    @Test(arguments: [".", ".."])
    func refusesTheDotNames(name: String) {
        if case .read = read(name) { Issue.record("\(name) was read") }
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
