import Foundation
import Glibc
import Testing
@testable import DepecheCore

@Suite struct StandaloneExtractionTests {
    let directory = TemporaryDirectory()

    func extraction(maxFileSize: Int = 1 << 20) throws -> StandaloneExtraction {
        var config = InMemoryDefaults.config(inbox: directory.url("inbox"), state: directory.url("state"))
        config.maxFileSize = maxFileSize
        return StandaloneExtraction(analyzer: try Daemon.analyzer(for: config), config: config)
    }

    /// The event `line` holds, as JSON.
    func event(_ line: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
    }

    /// `bytes` written into a pipe (then closed), and the pipe's reading end.
    func pipe(holding bytes: [UInt8]) throws -> Int32 {
        var ends: [Int32] = [0, 0]
        try #require(Glibc.pipe(&ends) == 0)
        #expect(bytes.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) } == bytes.count)
        close(ends[1])
        return ends[0]
    }

    @Test func aPathToNoFileIsTheUsersMistakeNotAPage() throws {
        for path in [directory.url("missing.txt"), directory.url("nowhere/page.txt"), directory.url("file.txt/page.txt")] {
            directory.write("file.txt", "a page")
            #expect(throws: NamedFileError(path: path, problem: "no such file")) { try extraction().event(forFileAt: path).line(seq: 1) }
        }
    }

    @Test func standardInputNamedThroughALinkPointsToTheDash() throws {
        #expect(throws: NamedFileError(path: "/dev/stdin", problem: "a symbolic link, not followed: give - to read standard input")) {
            try extraction().event(forFileAt: "/dev/stdin").line(seq: 1)
        }
        let link = directory.url("link.txt")
        symlink(directory.write("page.txt", "Le roi a reçu à Rabat."), link)
        #expect(try event(extraction().event(forFileAt: link).line(seq: 1))["reason"] as? String == "not_regular_file",
                "any other link is rejected as in the inbox")
    }

    @Test func aPageIsReadFromAPipe() throws {
        let page = Array("Le ministre a reçu à Rabat le président de la Banque mondiale.\n".utf8)
        let fd = try pipe(holding: page)
        defer { close(fd) }
        let read = try event(try extraction().event(readingStandardInput: fd).line(seq: 3))
        #expect(read["path"] as? String == "-")
        #expect(read["seq"] as? Int == 3)
        #expect(read["size"] as? Int == page.count)
        #expect(read["id"] as? String == ContentHash.id(of: page))
        #expect(read["text"] as? String != nil)
    }

    @Test func moreThanTheLimitOnStandardInputIsTooLarge() throws {
        let fd = try pipe(holding: Array(repeating: UInt8(ascii: "a"), count: 100))
        defer { close(fd) }
        let rejected = try event(extraction(maxFileSize: 99).event(readingStandardInput: fd).line(seq: 1))
        #expect(rejected["reason"] as? String == "too_large")
        #expect(rejected["detail"] as? String == "standard input holds more than intake.max_file_size (99) bytes")
    }
}
