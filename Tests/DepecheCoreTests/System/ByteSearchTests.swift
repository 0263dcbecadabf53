import Testing

@testable import DepecheCore

@Suite struct ByteSearchTests {
    /// The first occurrence is found at its offset, in ASCII and in multi-byte UTF-8.
    @Test func findsTheFirstOccurrence() {
        let bytes = Array("ab \"seq\":12 \"seq\":13".utf8)
        let offset = bytes.withUnsafeBytes { ByteSearch.firstOffset(of: BytePattern(#""seq":"#), in: $0) }
        #expect(offset == 3)
        #expect(ByteSearch.contains(BytePattern("الحقوق محفوظة"), in: Substring("© 2025 جميع الحقوق محفوظة")))
        #expect(ByteSearch.contains(BytePattern("reserved"), in: Array("All rights reserved".utf8)))
    }

    /// Absent, longer than the haystack, empty needle or empty haystack: not found.
    @Test func reportsAbsence() {
        #expect(!ByteSearch.contains(BytePattern("rights reserved"), in: Substring("rights reserve")))
        #expect(!ByteSearch.contains(BytePattern([]), in: Array("abc".utf8)))
        #expect(!ByteSearch.contains(BytePattern("a"), in: []))
        let line = "x \"host\":\"a\" y"
        #expect(!ByteSearch.contains(BytePattern("\"host\":\"ab\""), in: Substring(line)))
        // A slice of a longer string is searched within its own bounds only.
        let slice = line.dropLast(3)
        #expect(!ByteSearch.contains(BytePattern("\" y"), in: slice))
    }

    /// One of several needles: found wherever any one of them is, in a slice's own bounds.
    @Test func findsAnyOfSeveral() {
        let needles = ["publi", "edite"].map(BytePattern.init)
        #expect(ByteSearch.containsAny(needles, in: Substring("le journal est edite par")))
        #expect(ByteSearch.containsAny(needles, in: Substring("une publication de")))
        #expect(!ByteSearch.containsAny(needles, in: Substring("le port de tanger")))
        #expect(!ByteSearch.containsAny([], in: Substring("publi")))
        #expect(!ByteSearch.containsAny(needles, in: "edite par".dropLast(6)))
    }

    /// The search starts from the needle's least common byte, wherever it stands in the
    /// needle: the first occurrence is still the one found, also with near misses before it,
    /// at either end of the haystack, and with the anchor byte outside any occurrence.
    @Test(arguments: ["eeQ", "Qee", "eQe", " is published by ", "droits réservés", "zz"])
    func findsWhatANaiveSearchFinds(_ needle: String) {
        let pattern = Array(needle.utf8)
        var random = SplitMix64(seed: UInt64(pattern.count))
        let alphabet = Array("eQ z".utf8) + pattern
        for length in 0..<60 {
            var haystack = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            // Half the haystacks hold the needle, or all of it but its last byte, somewhere.
            if length % 2 == 0 && length >= pattern.count {
                let at = Int(random.next() % UInt64(length - pattern.count + 1))
                haystack.replaceSubrange(at..<at + pattern.count, with: length % 4 == 0 ? pattern : pattern.dropLast() + [0x21])
            }
            let naive = haystack.count < pattern.count ? nil
                : (0...(haystack.count - pattern.count)).first { Array(haystack[$0..<$0 + pattern.count]) == pattern }
            #expect(haystack.withUnsafeBytes { ByteSearch.firstOffset(of: BytePattern(pattern), in: $0) } == naive)
        }
    }
}
