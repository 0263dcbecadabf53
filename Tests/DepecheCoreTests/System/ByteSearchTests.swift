import Testing

@testable import DepecheCore

@Suite struct ByteSearchTests {
    /// The first occurrence is found at its offset, in ASCII and in multi-byte UTF-8.
    @Test func findsTheFirstOccurrence() {
        let bytes = Array("ab \"seq\":12 \"seq\":13".utf8)
        let offset = bytes.withUnsafeBytes { ByteSearch.firstOffset(of: Array("\"seq\":".utf8), in: $0) }
        #expect(offset == 3)
        #expect(ByteSearch.contains(Array("الحقوق محفوظة".utf8), in: Substring("© 2025 جميع الحقوق محفوظة")))
        #expect(ByteSearch.contains(Array("reserved".utf8), in: Array("All rights reserved".utf8)))
    }

    /// Absent, longer than the haystack, empty needle or empty haystack: not found.
    @Test func reportsAbsence() {
        #expect(!ByteSearch.contains(Array("rights reserved".utf8), in: Substring("rights reserve")))
        #expect(!ByteSearch.contains([], in: Array("abc".utf8)))
        #expect(!ByteSearch.contains(Array("a".utf8), in: []))
        let line = "x \"host\":\"a\" y"
        #expect(!ByteSearch.contains(Array("\"host\":\"ab\"".utf8), in: Substring(line)))
        // A slice of a longer string is searched within its own bounds only.
        let slice = line.dropLast(3)
        #expect(!ByteSearch.contains(Array("\" y".utf8), in: slice))
    }
}
