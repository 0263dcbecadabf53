/// Character classes and case/accent folding over raw Unicode scalar values, for the scanners.
///
/// Everything works on `UInt32` scalar values with small tables: `Character` and
/// `lowercased()` are 40× slower (FINDINGS.md). Folding maps a scalar to the lowercase
/// unaccented letters it compares as: "É" → "e", "Œ" → "oe", Arabic "أ"/"إ"/"آ" → "ا",
/// and drops what never matters for comparison (combining accents, Arabic short vowels,
/// tatweel, soft hyphen).
enum ScalarFolding {
    /// Calls `body` with each folded scalar of `scalar` (none, one or two).
    @inline(__always)
    static func fold(_ scalar: UInt32, _ body: (UInt32) -> Void) {
        let folded = fold(scalar)
        if folded == 0 { return }
        body(UInt32(truncatingIfNeeded: folded))
        if folded > 0xFFFF_FFFF { body(UInt32(truncatingIfNeeded: folded >> 32)) }
    }

    /// The folded form of `scalar`, packed: 0 when it is dropped, the folded scalar in the low
    /// 32 bits, a second folded scalar (ligatures) in the high 32 bits.
    @inline(__always)
    static func fold(_ scalar: UInt32) -> UInt64 {
        if scalar < 0x80 { return UInt64(scalar >= 0x41 && scalar <= 0x5A ? scalar + 0x20 : scalar) }
        if scalar >= 0xC0 && scalar <= 0x17F { return foldLatin(scalar) }
        switch scalar {
        case 0x300...0x36F, 0xAD, 0x640, 0x64B...0x65F, 0x670, 0x200B...0x200F: return 0
        case 0x622, 0x623, 0x625, 0x671: return 0x627                       // alef with hamza/madda → alef
        case 0x649: return 0x64A                                            // alef maqsura → yeh
        case 0x629: return 0x647                                            // teh marbuta → heh
        case 0x6CC: return 0x64A                                            // Farsi yeh → yeh
        case 0x6A9: return 0x643                                            // keheh → kaf
        case 0x391...0x3A9, 0x410...0x42F: return UInt64(scalar + 0x20)     // Greek, Cyrillic capitals
        default: return UInt64(scalar)
        }
    }

    /// Folds U+00C0…U+017F: French accents by a switch, the rest of Latin Extended-A by table.
    @inline(__always)
    private static func foldLatin(_ scalar: UInt32) -> UInt64 {
        switch scalar | 0x20 {
        case 0xE0...0xE5: return 0x61                       // à–å
        case 0xE7: return 0x63                              // ç
        case 0xE8...0xEB: return 0x65                       // è–ë
        case 0xEC...0xEF: return 0x69                       // ì–ï
        case 0xF1: return 0x6E                              // ñ
        case 0xF2...0xF6, 0xF8: return 0x6F                 // ò–ö, ø
        case 0xF9...0xFC: return 0x75                       // ù–ü
        default: break
        }
        switch scalar {
        case 0xC6, 0xE6: return 0x61 | 0x65 << 32           // æ → ae
        case 0x152, 0x153: return 0x6F | 0x65 << 32         // œ → oe
        case 0xDF: return 0x73 | 0x73 << 32                 // ß → ss
        default: return UInt64(latinBase[Int(scalar - 0xC0)])
        }
    }

    /// Lowercase ASCII base letter of U+00C0…U+017F, 0 where there is none (×, ÷) or the
    /// scalar folds to two letters (handled above).
    private static let latinBase: [UInt8] = {
        let latin1 = "aaaaaaaceeeeiiiidnooooo_ouuuuyts" + "aaaaaaaceeeeiiiidnooooo_ouuuuyty"
        let runs: [(Character, Int)] = [
            ("a", 6), ("c", 8), ("d", 4), ("e", 10), ("g", 8), ("h", 4), ("i", 12), ("j", 2), ("k", 3),
            ("l", 10), ("n", 9), ("o", 6), ("_", 2), ("r", 6), ("s", 8), ("t", 6), ("u", 12), ("w", 2),
            ("y", 3), ("z", 6), ("s", 1),
        ]
        let extendedA = runs.map { String(repeating: $0.0, count: $0.1) }.joined()
        return (latin1 + extendedA).utf8.map { $0 == UInt8(ascii: "_") ? 0 : $0 }
    }()

    /// Whether the scalar is a letter of a script the extractor reads (Latin, Greek, Cyrillic, Arabic).
    @inline(__always)
    static func isLetter(_ s: UInt32) -> Bool {
        if s < 0x80 { return (s | 0x20) >= 0x61 && (s | 0x20) <= 0x7A }
        if s < 0xC0 { return s == 0xAA || s == 0xB5 || s == 0xBA }
        if s <= 0x24F { return s != 0xD7 && s != 0xF7 }
        if s >= 0x300 && s <= 0x36F { return true }                     // combining accents stay in the word
        if s >= 0x370 && s <= 0x52F { return true }
        return isArabicLetter(s) || (s >= 0x1E00 && s <= 0x1EFF)
    }

    /// Whether the scalar is an Arabic letter or mark (digits excluded).
    @inline(__always)
    static func isArabicLetter(_ s: UInt32) -> Bool {
        (s >= 0x620 && s <= 0x65F) || (s >= 0x66E && s <= 0x6D3) || (s >= 0x6FA && s <= 0x6FF)
            || s == 0x670 || (s >= 0x6D5 && s <= 0x6DC)
    }

    /// Whether the scalar is an uppercase letter (Latin, Greek, Cyrillic).
    @inline(__always)
    static func isUppercase(_ s: UInt32) -> Bool {
        if s < 0x80 { return s >= 0x41 && s <= 0x5A }
        if s >= 0xC0 && s <= 0xDE { return s != 0xD7 }
        if s >= 0x100 && s <= 0x17F {
            // Latin Extended-A alternates upper/lower; a few pairs are offset by one.
            if (s >= 0x139 && s <= 0x148) || (s >= 0x179 && s <= 0x17E) { return s & 1 == 1 }
            return s & 1 == 0 && s != 0x138
        }
        return (s >= 0x391 && s <= 0x3A9) || (s >= 0x400 && s <= 0x42F)
    }

    /// The value of a decimal digit in ASCII, Arabic-Indic or Extended Arabic-Indic, else nil.
    @inline(__always)
    static func digitValue(_ s: UInt32) -> Int? {
        if s >= 0x30 && s <= 0x39 { return Int(s - 0x30) }
        if s >= 0x660 && s <= 0x669 { return Int(s - 0x660) }
        if s >= 0x6F0 && s <= 0x6F9 { return Int(s - 0x6F0) }
        return nil
    }

    /// Whether the scalar is horizontal white space (space, tab, no-break spaces).
    @inline(__always)
    static func isSpace(_ s: UInt32) -> Bool {
        // Most scalars asked are ASCII letters: two comparisons settle them.
        if s < 0x80 { return s == 0x20 || s == 0x09 }
        return s == 0xA0 || s == 0x202F || s == 0x3000 || (s >= 0x2000 && s <= 0x200A) || s == 0xFEFF
    }

    /// Whether the scalar ends a line.
    @inline(__always)
    static func isNewline(_ s: UInt32) -> Bool { s == 0x0A || s == 0x0D || s == 0x2028 || s == 0x2029 || s == 0x85 }

    /// Whether the scalar is an apostrophe (ASCII, typographic or modifier letter).
    @inline(__always)
    static func isApostrophe(_ s: UInt32) -> Bool { s == 0x27 || s == 0x2019 || s == 0x2BC || s == 0x60 || s == 0xB4 }

    /// Whether the scalar is a dash or hyphen.
    @inline(__always)
    static func isDash(_ s: UInt32) -> Bool { s == 0x2D || (s >= 0x2010 && s <= 0x2015) || s == 0x2212 }
}

/// FNV-1a over folded scalars: the key every word table and the gazetteer index use.
///
/// Two different words get the same key with probability about n/2⁶⁴ (n = table size),
/// which for tables of a few thousand words is negligible; tables check that their own
/// words do not collide when they are built.
struct FoldedKey {
    /// The hash so far.
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325
    /// How many folded scalars went in.
    private(set) var length = 0

    /// A key at its start.
    init() {}

    /// A key that continues from `value` (the key of a word already folded).
    init(value: UInt64) {
        self.value = value
        self.length = 1
    }

    /// The FNV-1a 64-bit prime.
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// Feeds one already folded scalar.
    @inline(__always)
    mutating func add(folded scalar: UInt32) {
        value = (value ^ UInt64(scalar)) &* Self.prime
        length += 1
    }

    /// Feeds a raw scalar, folding it first; dropped scalars change nothing.
    @inline(__always)
    mutating func add(_ scalar: UInt32) {
        let folded = ScalarFolding.fold(scalar)
        if folded == 0 { return }
        add(folded: UInt32(truncatingIfNeeded: folded))
        if folded > 0xFFFF_FFFF { add(folded: UInt32(truncatingIfNeeded: folded >> 32)) }
    }

    /// The key of a whole string, separators and all (callers strip what they must).
    static func of<S: StringProtocol>(_ text: S) -> UInt64 {
        var key = FoldedKey()
        for scalar in text.unicodeScalars { key.add(scalar.value) }
        return key.value
    }

    /// The key of a string's letters and digits only, the way the gazetteer indexes names.
    static func ofLetters<S: StringProtocol>(_ text: S) -> UInt64 {
        var key = FoldedKey()
        for scalar in text.unicodeScalars where ScalarFolding.isLetter(scalar.value)
            || ScalarFolding.digitValue(scalar.value) != nil {
            key.add(scalar.value)
        }
        return key.value
    }
}
