/// Spelling-tolerant keys for names transliterated from Arabic: "Othmane"/"Otmane",
/// "Mohamed"/"Mohammed"/"Muhammad", "Youssef"/"Youcef", "Chraibi"/"Chraïbi" get one key.
///
/// A word's key is its folded letters with `h` after t/d/k/g/b dropped, `c` before e/i read
/// as `s`, `y` read as `i`, doubled letters collapsed, then the vowels after the first
/// letter dropped.
enum PersonNameKey {
    /// The key of a whole name (its word tokens `first...last`, particles included).
    static func of(_ text: TokenizedText, _ first: Int, _ last: Int) -> UInt64 {
        var key = FoldedKey()
        for index in first...last where text.tokens[index].kind == .word {
            addWord(text, text.tokens[index], to: &key)
            key.add(folded: 0x20)
        }
        return key.value
    }

    /// The key of one word (a surname alone).
    static func of(_ text: TokenizedText, word token: Token) -> UInt64 {
        var key = FoldedKey()
        addWord(text, token, to: &key)
        key.add(folded: 0x20)
        return key.value
    }

    private static func addWord(_ text: TokenizedText, _ token: Token, to key: inout FoldedKey) {
        var letters = HeldBackLetter()
        text.forEachScalar(of: token) { scalar in
            ScalarFolding.fold(scalar) { letters.push($0, into: &key) }
        }
        letters.finish(into: &key)
    }

    /// Each folded letter is decided when the next one is known ("c" before "e" or "i"): one
    /// letter is held back, so no array is built. A struct, not captured variables: a local
    /// function's captures are boxed and their every access checked at run time.
    private struct HeldBackLetter {
        private var previous: UInt32 = 0
        private var pending: UInt32 = 0
        private var position = 0
        private var started = false

        /// Takes the next folded letter, adding the one held back to `key`.
        mutating func push(_ letter: UInt32, into key: inout FoldedKey) {
            if started { emit(pending, next: letter, into: &key) }
            pending = letter
            started = true
        }

        /// Adds the letter held back, the word's last.
        mutating func finish(into key: inout FoldedKey) {
            if started { emit(pending, next: 0, into: &key) }
        }

        private mutating func emit(_ raw: UInt32, next: UInt32, into key: inout FoldedKey) {
            defer { position += 1 }
            var letter = raw == 0x79 ? 0x69 : raw                                  // y → i
            if letter == 0x63 && (next == 0x65 || next == 0x69) { letter = 0x73 }   // c before e/i → s
            if letter == 0x68, previous == 0x74 || previous == 0x64 || previous == 0x6B || previous == 0x67
                || previous == 0x62 { return }                                        // th dh kh gh bh → t d k g b
            if letter == previous { return }
            previous = letter
            if position > 0, letter == 0x61 || letter == 0x65 || letter == 0x69 || letter == 0x6F || letter == 0x75 {
                return                                                                  // vowels after the first letter
            }
            key.add(folded: letter)
        }
    }
}
