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
        var letters: [UInt32] = []
        for index in token.start..<token.end { ScalarFolding.fold(text.scalars[index]) { letters.append($0) } }
        var previous: UInt32 = 0
        for (position, raw) in letters.enumerated() {
            var letter = raw == 0x79 ? 0x69 : raw                                  // y → i
            let next = position + 1 < letters.count ? letters[position + 1] : 0
            if letter == 0x63 && (next == 0x65 || next == 0x69) { letter = 0x73 }   // c before e/i → s
            if letter == 0x68, [0x74, 0x64, 0x6B, 0x67, 0x62].contains(previous) { continue }
            if letter == previous { continue }
            previous = letter
            if position > 0, [0x61, 0x65, 0x69, 0x6F, 0x75].contains(letter) { continue }
            key.add(folded: letter)
        }
    }
}
