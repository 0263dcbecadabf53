import Glibc
import Testing

@testable import DepecheCore

@Suite struct PosixTests {
    let directory = TemporaryDirectory()

    private func isDirectory(_ relative: String) -> Bool {
        var info = stat()
        return stat(directory.url(relative), &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Every missing level is made, whether none or some of them exist, with or without a
    /// trailing slash, and an existing directory is no error.
    @Test func makesEveryMissingLevel() throws {
        try Posix.makeDirectories(directory.url("a/b/c"))
        #expect(isDirectory("a/b/c"))
        try Posix.makeDirectories(directory.url("a/b/d/e/"))
        #expect(isDirectory("a/b/d/e"))
        try Posix.makeDirectories(directory.url("a/b/c"))
    }

    /// A level that is a file stops it with the errno of the level below it, naming the whole path.
    @Test func aFileOnTheWayIsAnError() {
        directory.write("a/page.txt", "x")
        #expect(throws: SystemCallError("mkdir", path: directory.url("a/page.txt/b/c"), errno: ENOTDIR)) {
            try Posix.makeDirectories(directory.url("a/page.txt/b/c"))
        }
    }

    /// `readAll` gives every byte whatever size it was told to expect (none, too few, too many,
    /// the right number), growing past its first room, and stops once it has more than `limit`.
    @Test(arguments: [0, 1, 4_096, 10_000, 200_000])
    func readsEveryByteWhateverItExpects(expected: Int) throws {
        let contents = (0..<70_001).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
        let path = directory.write("file", bytes: contents)
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        #expect(try Posix.readAll(fd, path: path, expectedSize: expected) == contents)
        lseek(fd, 0, SEEK_SET)
        let limited = try Posix.readAll(fd, path: path, limit: 9_000, expectedSize: expected)
        #expect(limited == Array(contents.prefix(9_001)))
    }
}
