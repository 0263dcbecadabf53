import Glibc
import Testing
@testable import DepecheCore

@Suite struct DisposerTests {
    let inbox = TemporaryDirectory()
    let state = TemporaryDirectory()

    func disposer(_ mode: DepecheConfig.DisposeMode) -> (Disposer, Int32) {
        let fd = inbox.open()
        return (Disposer(inboxFD: fd, stateDirectory: state.path, mode: mode), fd)
    }

    @Test func archivesUnderTheContentHashKeepingTheExtension() throws {
        let (disposer, fd) = disposer(.archive)
        defer { close(fd) }
        inbox.write("site/page.html", "<p>x</p>")
        let id = ContentHash.id(of: Array("<p>x</p>".utf8))
        let relative = try #require(disposer.archivePath(id: id, fileExtension: "html"))
        let hex = ContentHash.hexDigits(of: id)
        #expect(relative == "archive/\(hex.prefix(2))/\(hex).html")
        try disposer.dispose(InboxPath("site/page.html"), id: id, bytes: nil)
        #expect(inbox.read("site/page.html") == nil)
        #expect(state.read(relative) == Array("<p>x</p>".utf8))
    }

    @Test func aDuplicateOfArchivedContentIsRemoved() throws {
        let (disposer, fd) = disposer(.archive)
        defer { close(fd) }
        inbox.write("a.txt", "same")
        inbox.write("b.txt", "same")
        let id = ContentHash.id(of: Array("same".utf8))
        try disposer.dispose(InboxPath("a.txt"), id: id, bytes: nil)
        try disposer.dispose(InboxPath("b.txt"), id: id, bytes: nil)
        #expect(inbox.read("b.txt") == nil)
        #expect(state.read(disposer.archivePath(id: id, fileExtension: "txt")!) == Array("same".utf8))
    }

    @Test func quarantineKeepsNameAndBytesEvenWhenNotUTF8() throws {
        let (disposer, fd) = disposer(.archive)
        defer { close(fd) }
        let name = InboxPath(bytes: Array("sub/caf".utf8) + [0xE9] + Array(".bin".utf8))
        inbox.write("sub/x", "")
        let full = InboxPath(bytes: Array(inbox.path.utf8) + [UInt8(ascii: "/")] + name.bytes)
        let out = full.withCString { open($0, O_WRONLY | O_CREAT, 0o644) }
        _ = write(out, [0x00, 0x01], 2)
        close(out)
        try disposer.quarantine(name, seq: 12, bytes: nil)
        let target = InboxPath(bytes: Array(state.path.utf8) + [UInt8(ascii: "/")] + Disposer.quarantinePath(name, seq: 12))
        var info = stat()
        #expect(target.withCString { stat($0, &info) } == 0)
        #expect(info.st_size == 2)
    }

    @Test func quarantineMovesASymlinkItselfNotItsTarget() throws {
        let outside = TemporaryDirectory()
        outside.write("secret.txt", "keep me")
        symlink(outside.url("secret.txt"), inbox.url("link.txt"))
        let (disposer, fd) = disposer(.archive)
        defer { close(fd) }
        try disposer.quarantine(InboxPath("link.txt"), seq: 1, bytes: nil)
        #expect(outside.read("secret.txt") == Array("keep me".utf8))
        var info = stat()
        #expect(lstat(state.url("quarantine/1/link.txt"), &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
    }

    @Test func deleteAndKeep() throws {
        inbox.write("a.txt", "a")
        inbox.write("b.txt", "b")
        let (deleting, fd1) = disposer(.delete)
        defer { close(fd1) }
        try deleting.dispose(InboxPath("a.txt"), id: "sha256:00", bytes: nil)
        #expect(inbox.read("a.txt") == nil)
        #expect(deleting.archivePath(id: "sha256:00", fileExtension: "txt") == nil)
        let (keeping, fd2) = disposer(.keep)
        defer { close(fd2) }
        try keeping.dispose(InboxPath("b.txt"), id: "sha256:00", bytes: nil)
        #expect(inbox.read("b.txt") == Array("b".utf8))
    }

    @Test func refusesToMoveAFileUnderASymlinkedDirectory() {
        let outside = TemporaryDirectory()
        outside.write("dir/victim.txt", "outside")
        symlink(outside.url("dir"), inbox.url("linked"))
        let (disposer, fd) = disposer(.archive)
        defer { close(fd) }
        #expect(throws: SystemCallError.self) { try disposer.dispose(InboxPath("linked/victim.txt"), id: "sha256:0011", bytes: nil) }
        #expect(outside.read("dir/victim.txt") == Array("outside".utf8))
    }
}
