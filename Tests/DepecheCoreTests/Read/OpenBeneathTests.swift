import CLinuxFiles
import Foundation
import Glibc
import Testing
@testable import DepecheCore

/// `depeche_open_beneath_walking`, which opens inbox paths where `openat2` cannot run (Linux
/// before 5.6, a seccomp profile that refuses it), against `openat2` itself on the same paths:
/// the same file or the same error, links refused at every level.
@Suite struct OpenBeneathTests {
    let inbox = TemporaryDirectory()
    let outside = TemporaryDirectory()

    init() {
        outside.write("secret.txt", "outside")
        outside.write("dir/inner.txt", "outside")
        inbox.write("page.txt", "Rabat, le 3 mai")
        inbox.write("site/2026/page.txt", "Fès, le 4 mai")
        symlink(outside.url("secret.txt"), inbox.url("link.txt"))
        symlink(outside.url("secret.txt"), inbox.url("site/link.txt"))
        symlink(outside.url("dir"), inbox.url("linked"))
        symlink("2026", inbox.url("site/latest"))
    }

    /// What opening `path` gave: the kind of file opened (`S_IFMT` bits) or the error.
    enum Outcome: Equatable, CustomStringConvertible {
        case opened(mode_t)
        case failed(Int32)

        var description: String {
            switch self {
            case .opened(let kind): "opened a file of kind \(String(kind, radix: 8))"
            case .failed(let code): "failed: \(String(cString: strerror(code)))"
            }
        }
    }

    func outcome(_ path: String, _ flags: Int32, walking: Bool) -> Outcome {
        let directory = inbox.open()
        defer { close(directory) }
        let fd = walking ? depeche_open_beneath_walking(directory, path, flags, 0) : depeche_open_beneath(directory, path, flags, 0)
        guard fd >= 0 else { return .failed(errno) }
        defer { close(fd) }
        var info = stat()
        fstat(fd, &info)
        return .opened(info.st_mode & S_IFMT)
    }

    /// `O_PATH` (the same on x86-64 and ARM64), which Swift's Glibc module leaves out.
    static let O_PATH: Int32 = 0o10000000

    static let cases: [(String, Int32)] = [
        ("page.txt", O_RDONLY), ("site/2026/page.txt", O_RDONLY), ("site/./2026//page.txt", O_RDONLY),
        ("site/2026", O_RDONLY | O_DIRECTORY), ("site/2026/", O_RDONLY), ("page.txt", O_PATH),
        ("link.txt", O_RDONLY), ("site/link.txt", O_RDONLY), ("link.txt", O_PATH), ("linked", O_PATH | O_DIRECTORY),
        ("linked/inner.txt", O_RDONLY), ("linked/inner.txt", O_PATH), ("site/latest/page.txt", O_RDONLY),
        ("page.txt/x", O_RDONLY), ("missing/page.txt", O_RDONLY), ("missing.txt", O_RDONLY), ("", O_RDONLY),
        ("../x", O_RDONLY), ("site/../../x", O_RDONLY), ("/etc/hostname", O_RDONLY),
    ]

    @Test(arguments: cases)
    func walkingGivesWhatOpenat2Gives(path: String, flags: Int32) throws {
        try #require(depeche_openat2_available() == 1, "this kernel has no openat2 to compare with")
        let expected = outcome(path, flags, walking: false)
        #expect(outcome(path, flags, walking: true) == expected, "\(path)")
    }

    /// The cases above, as they should come out (openat2's answers, stated).
    @Test func linksAndEscapesAreRefused() {
        #expect(outcome("site/2026/page.txt", O_RDONLY, walking: true) == .opened(S_IFREG))
        #expect(outcome("link.txt", O_RDONLY, walking: true) == .failed(ELOOP))
        #expect(outcome("link.txt", Self.O_PATH, walking: true) == .opened(S_IFLNK))
        #expect(outcome("linked/inner.txt", O_RDONLY, walking: true) == .failed(ELOOP))
        #expect(outcome("site/latest/page.txt", O_RDONLY, walking: true) == .failed(ELOOP))
        #expect(outcome("page.txt/x", O_RDONLY, walking: true) == .failed(ENOTDIR))
        #expect(outcome("../x", O_RDONLY, walking: true) == .failed(EXDEV))
        #expect(outcome("/etc/hostname", O_RDONLY, walking: true) == .failed(EXDEV))
        // Stricter than RESOLVE_BENEATH, which lets a ".." that stays beneath pass.
        #expect(outcome("site/../page.txt", O_RDONLY, walking: true) == .failed(EXDEV))
    }

    /// A directory on the way swapped for a link between the check and the open is not followed:
    /// each step is examined through the descriptor opened, not by its name. Another thread
    /// keeps putting a link (to a directory that has `inner.txt`) in the place of "swap" (a
    /// directory that has not) and back, while this one keeps opening `swap/inner.txt`.
    @Test func aDirectorySwappedForALinkIsNeverEntered() {
        inbox.write("swap/page.txt", "Tanger, le 5 mai")
        symlink(outside.url("dir"), inbox.url("other"))
        let (swap, other, away) = (inbox.url("swap"), inbox.url("other"), inbox.url("away"))
        let swapper = DispatchGroup()
        DispatchQueue.global().async(group: swapper) {
            for _ in 0..<30_000 {
                rename(swap, away)
                rename(other, swap)
                rename(swap, other)
                rename(away, swap)
            }
        }
        var (read, refused) = (0, 0)
        repeat {
            switch outcome("swap/inner.txt", O_RDONLY, walking: true) {
            case .opened: read += 1
            case .failed(let code): refused += code == ELOOP ? 1 : 0
            }
        } while swapper.wait(timeout: .now()) == .timedOut
        #expect(refused > 0, "the link was never met: the test did not race")
        #expect(read == 0, "a file behind a link was opened \(read) times")
    }

    /// openat2 refuses a ".." with EAGAIN when a rename anywhere raced its lookup: such a path is
    /// opened anyway (retried), as when nothing else is renamed. Another thread keeps renaming.
    @Test func aDotDotIsOpenedWhileRenamesRace() throws {
        try #require(depeche_openat2_available() == 1, "this kernel has no openat2")
        outside.write("a", "x")
        let (from, to) = (outside.url("a"), outside.url("b"))
        let renamer = DispatchGroup()
        DispatchQueue.global().async(group: renamer) {
            for _ in 0..<200_000 {
                rename(from, to)
                rename(to, from)
            }
        }
        var failures: [Int32] = []
        repeat {
            if case .failed(let code) = outcome("site/../page.txt", O_RDONLY, walking: false) { failures.append(code) }
        } while renamer.wait(timeout: .now()) == .timedOut
        #expect(failures.isEmpty, "\(failures.count) opens failed: \(Set(failures).map { String(cString: strerror($0)) })")
    }
}
