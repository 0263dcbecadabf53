import Glibc
import Testing
@testable import DepecheCore

@Suite struct InboxScannerTests {
    let inbox = TemporaryDirectory()
    let outside = TemporaryDirectory()

    @Test func listsCandidatesWithoutFollowingLinksOrEnteringHiddenDirectories() {
        inbox.write("a.txt", "a")
        inbox.write("site/b.txt", "b")
        inbox.write("site/deep/c.txt", "c")
        inbox.write("site/.rsync.tmp", "partial")
        inbox.write(".hidden/d.txt", "d")
        inbox.write("e.part", "partial")
        outside.write("secret/x.txt", "x")
        symlink(outside.url("secret"), inbox.url("linkdir"))
        mkfifo(inbox.url("pipe"), 0o644)
        let fd = inbox.open()
        defer { close(fd) }
        let scan = InboxScanner(inboxFD: fd).scan()
        #expect(scan.files.map(\.displayString) == ["a.txt", "linkdir", "pipe", "site/b.txt", "site/deep/c.txt"])
        #expect(Set(scan.directories.map(\.displayString)) == ["", "site", "site/deep"])
    }

    @Test func scansBelowOneDirectory() {
        inbox.write("a.txt", "a")
        inbox.write("site/b.txt", "b")
        let fd = inbox.open()
        defer { close(fd) }
        #expect(InboxScanner(inboxFD: fd).scan(below: InboxPath("site")).files == [InboxPath("site/b.txt")])
    }

    @Test func keepsNamesThatAreNotUTF8() {
        let name: [UInt8] = Array("caf".utf8) + [0xE9] + Array(".txt".utf8)
        inbox.write("placeholder", "x")
        rename(inbox.url("placeholder"), String(decoding: Array(inbox.path.utf8) + [UInt8(ascii: "/")], as: UTF8.self))
        let full = Array(inbox.path.utf8) + [UInt8(ascii: "/")] + name
        let fd = InboxPath(bytes: full).withCString { open($0, O_WRONLY | O_CREAT, 0o644) }
        close(fd)
        let inboxFD = inbox.open()
        defer { close(inboxFD) }
        let files = InboxScanner(inboxFD: inboxFD).scan().files
        #expect(files.contains(InboxPath(bytes: name)))
        #expect(!InboxPath(bytes: name).isValidUTF8)
    }
}
