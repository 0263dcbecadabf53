/// Page bodies for integration tests: short news dispatches in the style scrapers drop
/// (French, with some English and Arabic), each made distinct by a serial number, plus the
/// bad files the daemon must reject.
enum TestPages {
    private static let paragraphs = [
        "Rabat, le 12 mars — Le ministère de l'Économie et des Finances a annoncé mardi une hausse de 4,5 % des exportations au premier trimestre, portée par le phosphate et l'automobile.",
        "Selon l'Office des changes, les transferts des Marocains résidant à l'étranger ont atteint 27 milliards de dirhams, un niveau jamais observé à cette période de l'année.",
        "À Casablanca, la Bourse a clôturé en légère baisse ; l'indice MASI a perdu 0,3 % dans un marché peu actif, en attendant la décision de Bank Al-Maghrib sur le taux directeur.",
        "The Moroccan national carrier said on Monday it would add three routes to West Africa this summer, citing strong demand from business travellers.",
        "قال المكتب الوطني للمطارات إن عدد المسافرين ارتفع بنسبة عشرة في المائة خلال شهر فبراير.",
        "Le conseil de la ville de Tanger a adopté jeudi le budget de l'année, en hausse de 8 %, dont une large part ira à la voirie et aux transports publics.",
    ]

    /// A distinct page of roughly `paragraphCount` paragraphs; the same `serial` gives the same bytes.
    static func page(serial: Int, paragraphCount: Int = 6) -> [UInt8] {
        var text = "Dépêche n° \(serial)\n\n"
        for index in 0..<paragraphCount {
            text += paragraphs[(serial + index) % paragraphs.count] + "\n\n"
        }
        return Array(text.utf8)
    }

    /// A page no other serial's page is near: three paragraphs of words drawn at random (seeded
    /// by `serial`), so that its SimHash is far from every other page's.
    static func unrelated(serial: Int) -> [UInt8] {
        var random = SeededGenerator(seed: UInt64(serial) &* 0x9E37_79B9 &+ 1)
        var text = "Dépêche n° \(serial)\n\n"
        for _ in 0..<3 {
            text += (0..<40).map { _ in vocabulary.randomElement(using: &random)! }.joined(separator: " ") + ".\n\n"
        }
        return Array(text.utf8)
    }

    private static let vocabulary = Set(paragraphs.joined(separator: " ").split(separator: " ").map(String.init)).sorted()

    /// A bad file and the reason it must be rejected for.
    static func bad(serial: Int) -> (bytes: [UInt8], reason: String) {
        switch serial % 4 {
        case 0: return ([], "empty")
        case 1: return (Array(" \n\t \r\n\(String(repeating: " ", count: serial % 50))\n".utf8), "blank")
        case 2: return ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("IHDR \(serial)".utf8), "binary")
        default: return (Array("début \(serial)".utf8) + [0, 0, 0] + Array(" fin".utf8), "binary")
        }
    }
}

/// A small seeded generator (SplitMix64), so a failing run can be replayed with its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    /// A generator starting at `seed`.
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
