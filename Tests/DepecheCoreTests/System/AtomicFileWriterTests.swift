import Foundation
import Testing

@testable import DepecheCore

@Suite struct AtomicFileWriterTests {
    let directory = TemporaryDirectory()

    /// Pieces larger and smaller than a chunk come out whole and in order, and only at commit.
    @Test func committedPiecesReplaceTheFile() throws {
        _ = directory.write("snapshot", "old\n")
        let pieces = (0..<5).map { [UInt8](repeating: UInt8(0x61 + $0), count: $0 == 2 ? 3 * AtomicFileWriter.chunkSize : 1_000) }
        let file = try AtomicFileWriter(path: directory.url("snapshot"))
        for piece in pieces { try file.write(piece) }
        #expect(directory.read("snapshot") == Array("old\n".utf8))
        try file.commit()
        #expect(directory.read("snapshot") == pieces.flatMap { $0 })
        #expect(directory.read("snapshot.tmp") == nil)
    }

    /// A writer given up before its commit (an error on the way) leaves the old file alone and
    /// no temporary file behind.
    @Test func anUncommittedWriterLeavesTheOldFile() throws {
        _ = directory.write("snapshot", "old\n")
        do {
            let file = try AtomicFileWriter(path: directory.url("snapshot"))
            try file.write(Array(repeating: 0x7A, count: AtomicFileWriter.chunkSize + 1))
        }
        #expect(directory.read("snapshot") == Array("old\n".utf8))
        #expect(directory.read("snapshot.tmp") == nil)
    }

    @Test func aMissingDirectoryIsAnErrorNamingTheFile() {
        #expect(throws: SystemCallError.self) { try AtomicFileWriter(path: directory.url("none/snapshot")) }
    }
}
