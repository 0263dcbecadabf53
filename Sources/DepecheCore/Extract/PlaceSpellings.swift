/// French and English transliterations of one Maghreb place name differ in ways no folding
/// catches: a silent final "e" after "t" ("Tabount", "Tabounte"; "Touissite", "Touissit") and
/// "ia" for "ya" at the end ("Mehdya", "Mehdia"). A one-word place of five letters or more is
/// also found under these spellings (they come after its own, so no listed spelling is lost).
enum PlaceSpellings {
    /// Fewest letters of a name given variants.
    private static let shortest = 5

    /// The other spellings of `entry`'s one-word names, for a place; none otherwise.
    static func variants(of entry: GazetteerEntry) -> [String] {
        guard entry.kind == .loc else { return [] }
        var variants: [String] = []
        for name in [entry.name] + entry.aliases where name.count >= shortest && !name.contains(" ") {
            if name.hasSuffix("te") {
                variants.append(String(name.dropLast()))
            } else if name.hasSuffix("t") {
                variants.append(name + "e")
            }
            if name.hasSuffix("ya") {
                variants.append(String(name.dropLast(2)) + "ia")
            } else if name.hasSuffix("ia") {
                variants.append(String(name.dropLast(2)) + "ya")
            }
        }
        return variants
    }
}
