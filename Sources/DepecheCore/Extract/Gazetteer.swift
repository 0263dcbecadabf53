#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Glibc

/// What a gazetteer line names.
public enum GazetteerKind: String, Sendable, CaseIterable {
    /// A person.
    case person = "PERSON"
    /// An organisation.
    case org = "ORG"
    /// A place.
    case loc = "LOC"
    /// A known name that is none of the entity types (a law, a product, a generic acronym):
    /// recognised so that the name rules do not report it.
    case misc = "MISC"
    /// A given name: evidence that a capitalised sequence starting with it is a person.
    case givenName = "GIVEN"
}

/// One gazetteer line: a canonical name, what it is, and its other spellings.
public struct GazetteerEntry: Sendable, Equatable {
    /// The name entities are reported under (`canonical`).
    public var name: String
    /// What the name is.
    public var kind: GazetteerKind
    /// Other spellings, translations and acronyms ("Casa", "الدار البيضاء").
    public var aliases: [String]
    /// Languages the spellings cover (`fr`, `en`, `ar`), informative.
    public var languages: [String]

    /// Creates an entry.
    public init(name: String, kind: GazetteerKind, aliases: [String] = [], languages: [String] = []) {
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.languages = languages
    }
}

/// A gazetteer file or line that cannot be used.
public struct GazetteerError: Error, Sendable, CustomStringConvertible {
    /// Where: `file:line`, or the directory.
    public var location: String
    /// What is wrong and what to do.
    public var message: String

    /// A readable description.
    public var description: String { "\(location): \(message)" }
}

/// Known names (places, organisations, people, given names) the extractor recognises.
///
/// Data lives in tab-separated files, one entry a line (the shipped lists are compiled in,
/// ``BuiltInGazetteer``; the user's own are read from `extract.gazetteer_dir`):
/// `canonical name <TAB> PERSON|ORG|LOC|MISC|GIVEN <TAB> alias|alias|… <TAB> fr,en,ar`
/// (the last two columns may be empty or absent; `#` starts a comment line). When two
/// entries share a spelling, the first one read keeps it: the user's lists are read first.
///
/// Names are matched on their letters and digits folded (case, accents, Arabic letter forms),
/// separators ignored: "Web help" finds "Webhelp", "Fès" finds "Fes". A match must have at
/// least as many capitalised words as the spelling it matches, so "le matin" is not
/// "Le Matin" (a ministry's head word may be lowercase: "ministère de la Justice").
///
/// A class, not a struct: every recogniser holds it, and a struct of a dozen tables would be
/// retained table by table at each copy. Its tables never change after `init`.
public final class Gazetteer: Sendable {
    /// All entries, in load order (an entry's index is its identity).
    public let entries: [GazetteerEntry]
    /// Folded letters of a spelling → its entry, how many capitalised words it has, and
    /// whether it is all caps (an acronym, which only all-caps text matches: "UN" is not "Un").
    private let spellings: KeyTable<Spelling>
    /// Running keys of every spelling's every prefix: a match stops growing when it leaves them.
    private let prefixes: KeySet
    /// Folded given names.
    private let givenNames: KeyTable<Bool>
    /// The lowercase words a name may start with: the folded first words of spellings written
    /// with a lowercase initial ("inwi", "easyJet") and the lowercase heads of organisations
    /// ("ministère", "coopérative"). Other lowercase words are not looked up.
    private let lowercaseOpeners: KeySet

    private struct Spelling: Sendable {
        var entry: Int
        var capitals: Int
        var allCaps: Bool
        /// A place's name written as one word ("Bytom"): words apart in the text ("By Tom") are
        /// not it, unlike a company's ("Web help" is "Webhelp").
        var oneWordPlace = false
    }

    /// Builds a gazetteer from entries.
    public init(entries: [GazetteerEntry]) {
        var spellings = KeyTable<Spelling>(capacity: entries.count * 3)
        var prefixes: [UInt64] = []
        prefixes.reserveCapacity(entries.count * 30)
        var givenNames = KeyTable<Bool>()
        var lowercaseStarts = NameWords.lowercaseHeads.allKeys + NameWords.lowercaseBodyHeads.allKeys
        for (index, entry) in entries.enumerated() {
            for spelling in [entry.name] + entry.aliases + PlaceSpellings.variants(of: entry) {
                if entry.kind == .givenName { givenNames[FoldedKey.ofLetters(spelling)] = true }
                if let initial = spelling.unicodeScalars.first, ScalarFolding.isLetter(initial.value),
                   !ScalarFolding.isUppercase(initial.value), !ScalarFolding.isArabicLetter(initial.value),
                   let word = spelling.split(separator: " ").first {
                    lowercaseStarts.append(FoldedKey.ofLetters(word))
                }
                var key = FoldedKey()
                for scalar in spelling.unicodeScalars
                where ScalarFolding.isLetter(scalar.value) || ScalarFolding.digitValue(scalar.value) != nil
                    || scalar.value == Self.comma {
                    key.add(scalar.value)
                    prefixes.append(key.value)
                }
                guard key.length > 0 else { continue }
                var (capitals, allCaps) = Self.capitalisation(spelling)
                // "Ministère de la Justice" is written "ministère de la Justice" in running text.
                if capitals > 0, let head = spelling.split(separator: " ").first,
                   NameWords.lowercaseHeads.contains(key: FoldedKey.of(head)) {
                    capitals -= 1
                }
                let oneWordPlace = entry.kind == .loc && !spelling.contains(" ")
                if let known = spellings[key.value] {
                    // Spellings of one entry that fold alike: the most lenient one rules.
                    guard known.entry == index else { continue }
                    spellings[key.value] = Spelling(entry: index, capitals: min(capitals, known.capitals),
                                                    allCaps: allCaps && known.allCaps,
                                                    oneWordPlace: oneWordPlace && known.oneWordPlace)
                } else {
                    spellings[key.value] = Spelling(entry: index, capitals: capitals, allCaps: allCaps, oneWordPlace: oneWordPlace)
                }
            }
        }
        self.entries = entries
        self.spellings = spellings
        self.prefixes = KeySet(prefixes)
        self.givenNames = givenNames
        lowercaseOpeners = KeySet(lowercaseStarts)
    }

    /// The shipped lists (``BuiltInGazetteer``) alone.
    public static func builtIn() throws -> Gazetteer {
        Gazetteer(entries: try BuiltInGazetteer.entries())
    }

    /// The user's lists — every `*.tsv` file of `directory` (the configured `gazetteer_dir`),
    /// in name order — then the shipped ones: a user's spelling takes precedence. An empty
    /// `directory` means the shipped lists alone.
    public static func load(directory: String) throws -> Gazetteer {
        guard !directory.isEmpty else { return try builtIn() }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            var info = stat()
            let problem = stat(directory, &info) != 0 ? String(cString: strerror(errno)).lowercased()
                : info.st_mode & S_IFMT != S_IFDIR ? "it is not a directory" : "it cannot be read"
            throw GazetteerError(location: directory, message: "\(problem); set extract.gazetteer_dir to a directory of "
                + "your own .tsv lists, or to \"\" for the built-in lists alone")
        }
        var entries: [GazetteerEntry] = []
        for name in names.sorted() where name.hasSuffix(".tsv") {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                throw GazetteerError(location: path, message: "the file cannot be read")
            }
            entries += try parse(String(decoding: data, as: UTF8.self), origin: path)
        }
        return Gazetteer(entries: entries + (try BuiltInGazetteer.entries()))
    }

    /// Parses the lines of one gazetteer file; `origin` names it in errors.
    public static func parse(_ text: String, origin: String) throws -> [GazetteerEntry] {
        var entries: [GazetteerEntry] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(trimmed)
            guard columns.count >= 2, !columns[0].isEmpty else {
                throw GazetteerError(location: "\(origin):\(number + 1)",
                                     message: "expected `name<TAB>type[<TAB>aliases<TAB>languages]`")
            }
            guard let kind = GazetteerKind(rawValue: columns[1].uppercased()) else {
                throw GazetteerError(location: "\(origin):\(number + 1)", message: "unknown type `\(columns[1])`, "
                    + "expected one of \(GazetteerKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            func list(_ index: Int, _ separator: Character) -> [String] {
                guard index < columns.count else { return [] }
                return columns[index].split(separator: separator).map(trimmed).filter { !$0.isEmpty }
            }
            entries.append(GazetteerEntry(name: columns[0], kind: kind, aliases: list(2, "|"), languages: list(3, ",")))
        }
        return entries
    }

    /// `text` without leading and trailing spaces.
    private static func trimmed<S: StringProtocol>(_ text: S) -> String {
        guard let first = text.firstIndex(where: { $0 != " " }), let last = text.lastIndex(where: { $0 != " " }) else {
            return ""
        }
        return String(text[first...last])
    }

    /// Most tokens a spelling spans (a ministry's full name, punctuation included).
    private static let longestSpelling = 28

    /// ",": kept in keys, unlike other separators ("Fès, Meknès" is not "Fès-Meknès").
    private static let comma: UInt32 = 0x2C

    /// Whether a lowercase word may start a name: a spelling written in lowercase ("inwi",
    /// "easyJet") or an organisation's lowercase head ("ministère de la Justice", "coopérative Tifaouine").
    func opensLowercaseName(_ token: Token) -> Bool {
        token.kind == .word && lowercaseOpeners.contains(token.key)
    }

    /// Whether a word token is a known given name.
    func isGivenName(_ token: Token) -> Bool { token.kind == .word && givenNames.contains(token.key) }

    /// The longest spelling that starts at token `index`: its entry, its last token, and how
    /// many scalars of the first token are a clitic before the name (Arabic "بـ", "و", "لـ").
    func longestMatch(in text: TokenizedText, at index: Int) -> (entry: Int, last: Int, skipped: Int)? {
        let first = text.tokens[index]
        if let found = match(in: text, at: index, skipping: 0) { return (found.entry, found.last, 0) }
        guard first.has(.arabic), first.length > 3 else { return nil }
        // Arabic proclitics: و ف ب ك ل, and ل + ال written لل.
        let lead = text.scalar(first)
        if lead == 0x648 || lead == 0x641 || lead == 0x628 || lead == 0x643 || lead == 0x644 {
            if lead == 0x644, text.scalar(first, 1) == 0x644,
               let found = match(in: text, at: index, skipping: 1, replacingWithAlef: true) {
                return (found.entry, found.last, 1)
            }
            if let found = match(in: text, at: index, skipping: 1) { return (found.entry, found.last, 1) }
        }
        return nil
    }

    private func match(in text: TokenizedText, at index: Int, skipping: Int,
                       replacingWithAlef: Bool = false) -> (entry: Int, last: Int)? {
        let tokens = text.tokens
        var key = FoldedKey()
        if replacingWithAlef { key.add(0x627) }
        var capitals = 0
        var lowercaseWords = 0
        var spaced = false
        var best: (entry: Int, last: Int)?
        var j = index
        while j < tokens.count && j - index < Self.longestSpelling {
            let token = tokens[j]
            if j > index && token.has(.newlineBefore) { break }
            if token.kind == .punct {
                // Apostrophes, hyphens, a period or a comma inside a name ("L'Opinion", "Souss-Massa",
                // "St. Louis", "ministère du Tourisme, de l'Artisanat …"): the prefixes decide.
                guard j > index, token.key == 0x27 || token.key == 0x2D || token.key == 0x2E || token.key == 0x2C,
                      j + 1 < tokens.count, tokens[j + 1].kind != .punct else { break }
                if token.key == UInt64(Self.comma) {
                    // A comma is part of the key: only spellings written with it go on across it.
                    key.add(folded: Self.comma)
                    guard prefixes.contains(key.value) else { break }
                }
                j += 1
                continue
            }
            if j > index && token.has(.spaceBefore) { spaced = true }
            if token.has(.capitalized) || token.has(.arabic) { capitals += 1 }
            if !token.has(.allCaps) && token.length > 1 { lowercaseWords += 1 }
            if j == index && skipping == 0 && !replacingWithAlef {
                key = FoldedKey(value: token.key)         // the tokenizer already folded the first word
            } else {
                text.forEachScalar(of: token, from: j == index ? skipping : 0) { key.add($0) }
            }
            guard prefixes.contains(key.value) else { break }
            if let hit = spellings[key.value], capitals >= hit.capitals, !hit.allCaps || lowercaseWords == 0,
               !(spaced && hit.oneWordPlace) {
                best = (hit.entry, j)
            }
            j += 1
        }
        return best
    }

    /// Words of a spelling that start with an uppercase letter, and whether all its letters
    /// (two or more) are uppercase.
    private static func capitalisation(_ spelling: String) -> (capitals: Int, allCaps: Bool) {
        var count = 0, upper = 0, lower = 0
        var atWordStart = true
        for scalar in spelling.unicodeScalars {
            let value = scalar.value
            if ScalarFolding.isLetter(value) || ScalarFolding.digitValue(value) != nil {
                let isUpper = ScalarFolding.isUppercase(value)
                if atWordStart && isUpper { count += 1 }
                if isUpper { upper += 1 } else if ScalarFolding.isLetter(value) && !ScalarFolding.isArabicLetter(value) {
                    lower += 1
                }
                atWordStart = false
            } else {
                atWordStart = true
            }
        }
        return (count, upper >= 2 && lower == 0)
    }
}
