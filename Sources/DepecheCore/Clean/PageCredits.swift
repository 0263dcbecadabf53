/// The publication a page names in its own furniture: a copyright line ("© 2024 X. All rights
/// reserved.", "(c) X 2024", "X © 2024 — Tous droits réservés", "© 2024 جميع الحقوق محفوظة لـ X") or a source
/// line ("Source : X", "المصدر: X"): they say who published it when no byline or markup does. A
/// copyright line is boilerplate (the cleaner drops it); a source line stays, since it may cite
/// where an article's figures come from. A copyright line counts only with a year or a
/// "rights reserved" phrase ("© D.R" is a photo credit) and with "©" in its first 80 characters;
/// only its part around "©" (up to ". ", " | ", " — ", " - ", ", ") is read: "Tech Atlas est
/// édité par … — © 2024 Tech Atlas." gives "Tech Atlas". An imprint line ("X is published by
/// Y Media SARL", "X — a publication of Y Ltd", "X est une publication de Y SARL": a publishing
/// phrase and a company's legal form) is boilerplate too.
struct PageCredits {
    /// The holder of the page's first copyright line that names one.
    private var copyrightHolder: String?
    /// The name on the page's first source line.
    private var sourceLine: String?

    /// The name on the page's first line that describes the publication ("Chamal Post - Journal
    /// électronique d'information régionale", "منارة اللوكوس - جريدة إلكترونية جهوية").
    private var describedName: String?

    /// The publication the page names: the copyright holder, else the source line, else the
    /// line that describes it.
    var publisher: String? { copyrightHolder ?? sourceLine ?? describedName }

    /// Longest line read (in UTF-8 bytes): credits are short.
    private static let longestLine = 300
    /// Most words in a publication's name.
    private static let longestName = 6
    /// Folded beginnings of a copyright line without "©".
    private static let copyrightOpeners = BytePrefixes(["copyright", "(c) "])
    /// Folded beginnings of a source line.
    private static let sourceOpeners = BytePrefixes(["source :", "source:", "sources :", "sources:", "المصدر:", "المصدر :"])
    /// Phrases that make a line a copyright line without "©", as UTF-8 (searched in the whole
    /// line: the folded beginning may stop before them).
    private static let rightsPhrases = ["droits réservés", "rights reserved", "Rights Reserved"].map(BytePattern.init)
    /// What each Latin rights phrase holds ("réservés", "reserved"): most lines are turned away
    /// after this one search.
    private static let reservedStem = BytePattern("serv")
    /// "الحقوق محفوظة" (rights reserved).
    private static let arabicRightsPhrase = BytePattern("الحقوق محفوظة")

    /// Whether the line states "all rights reserved" in one of its languages.
    private static func statesRights(_ line: Substring) -> Bool {
        ByteSearch.contains(reservedStem, in: line) && ByteSearch.containsAny(rightsPhrases, in: line)
            || ByteSearch.contains(arabicRightsPhrase, in: line)
    }

    /// Words that state the rights and are not the holder's name, folded.
    private static let rightsWords = Set([
        "©", "(c)", "copyright", "all", "rights", "reserved", "tous", "droits", "réservés", "جميع", "الحقوق", "محفوظة",
        "لـ", "ل", "لموقع", "لجريدة", "لصحيفة", "لمجلة", "حقوق", "النشر", "الطبع", "والنشر",
    ].map { BoilerplateLines.folded(Substring($0)) })

    /// The publisher `text` names, read line by line (the text of an HTML page's `<footer>`).
    static func publisher(in text: String) -> String? {
        var credits = PageCredits()
        for line in text.split(separator: "\n") { _ = credits.read(line, folded: BoilerplateLines.folded(line)) }
        return credits.publisher
    }

    /// The holder of the last copyright line of `text` that names one, read from the end (an
    /// HTML page without a footer: its credits close the page).
    static func lastCopyrightHolder(in text: String) -> String? {
        for line in text.split(separator: "\n").reversed() {
            var credits = PageCredits()
            if credits.read(line, folded: BoilerplateLines.folded(line)), let holder = credits.copyrightHolder { return holder }
        }
        return nil
    }

    /// Reads one line of the page (folded with `BoilerplateLines.folded`); true when it is a
    /// copyright line, which is not the article.
    mutating func read(_ line: Substring, folded: String) -> Bool {
        guard line.utf8.count <= Self.longestLine else { return false }
        if describedName == nil { describedName = Self.describedName(line) }
        if sourceLine == nil, Self.sourceOpeners.matches(folded) {
            sourceLine = Self.name(Self.words(of: Self.afterColon(line)))
        }
        guard Self.hasCopyrightSign(folded) || Self.copyrightOpeners.matches(folded) || Self.statesRights(line),
              Self.words(of: Substring(folded)).contains(where: Self.isYear) || folded.contains("reserve")
                || folded.contains("محفوظه")
        else { return Self.isImprint(line, folded: folded) }
        if copyrightHolder == nil { copyrightHolder = Self.holder(line) }
        return true
    }

    /// Whether "©" (UTF-8 C2 A9) is in the folded beginning of a line: only its first
    /// `BoilerplateLines` comparison length is searched, so that no line is read twice.
    private static func hasCopyrightSign(_ folded: String) -> Bool {
        ByteSearch.contains(copyrightSign, in: Substring(folded))
    }

    /// "©" as UTF-8.
    private static let copyrightSign = BytePattern("©")

    /// The holder named around "©": the words of its segment that are no year and no rights phrase.
    private static func holder(_ line: Substring) -> String? {
        let marked = { (segment: Substring) in
            let lowercased = segment.lowercased()
            return segment.contains("©") || lowercased.contains("copyright") || lowercased.contains("(c) ")
        }
        // "Tous droits réservés – Culture & Médinas 2025": without a sign, the segment with the year.
        let dated = { (segment: Substring) in words(of: segment).contains { isYear(Substring(BoilerplateLines.folded($0))) } }
        let segments = segments(of: line)
        guard let segment = segments.first(where: marked) ?? segments.first(where: dated) else { return nil }
        let original = words(of: segment)
        var kept: [Substring] = []
        for (index, word) in original.enumerated() {
            let key = BoilerplateLines.folded(word)
            // "tips@atlaswire.ma© 2025 Atlas Wire": a contact address glued to the sign is no part of the name.
            guard !isYear(Substring(key)), !rightsWords.contains(key), !key.isEmpty || word == "&", !word.contains("@")
            else { continue }
            kept.append(index > 0 && BoilerplateLines.folded(original[index - 1]) == reservedFor ? withoutFor(word) : word)
        }
        return name(withoutCompanyForm(kept))
    }

    /// Folded phrases of an imprint line, which names the company that publishes the page.
    private static let imprintPhrases = [
        " is published by ", " a publication of ", " is a publication of ", " une publication de ",
        " une publication d'", " est edite par ", " est editee par ", " edite par ",
    ].map(BytePattern.init)
    /// What each imprint phrase holds: most lines are turned away after these two searches.
    private static let imprintStems = [BytePattern("publi"), BytePattern("edite")]

    /// "Atlas Wire is published by Atlas Wire Media SARL, Rabat.": a publishing phrase in the
    /// line's folded beginning and a company's legal form among its words.
    private static func isImprint(_ line: Substring, folded: String) -> Bool {
        let folded = Substring(folded)
        guard ByteSearch.containsAny(imprintStems, in: folded), ByteSearch.containsAny(imprintPhrases, in: folded) else { return false }
        return words(of: line).contains { word in
            legalForms.contains(BoilerplateLines.folded(word.hasSuffix(",") ? word.dropLast() : word))
        }
    }

    /// "محفوظة" (reserved), folded: the holder's name after it carries "ل" (for).
    private static let reservedFor = BoilerplateLines.folded("محفوظة")

    /// "لمنبر" → "منبر": the name after "محفوظة" without its "ل", when a word of three letters
    /// or more is left.
    private static func withoutFor(_ word: Substring) -> Substring {
        guard word.unicodeScalars.first == "\u{644}", word.unicodeScalars.count >= 4 else { return word }
        return Substring(word.unicodeScalars.dropFirst())
    }

    /// Legal forms that end a publisher company's name, folded ("Atlas Wire Ltd").
    private static let legalForms = Set([
        "sarl", "sarlau", "sa", "s.a", "sas", "ltd", "limited", "inc", "llc", "fz-llc", "fze", "plc", "gmbh",
    ])
    /// Words that end a publisher company's name before its legal form ("Atlas Wire Media SARL").
    private static let companyWords = Set(["media", "medias", "group", "groupe", "holding", "editions"])

    /// The publication's name in its company's: "Maghreb Ledger Media SARL" is "Maghreb Ledger".
    private static func withoutCompanyForm(_ words: [Substring]) -> [Substring] {
        var words = words
        let key = { (word: Substring) in BoilerplateLines.folded(word) }
        guard words.count > 1, let last = words.last, legalForms.contains(key(last)) else { return words }
        words.removeLast()
        if words.count > 1, let last = words.last, companyWords.contains(key(last)) { words.removeLast() }
        return words
    }

    /// `words` joined, when they are one to `longestName` words starting with a letter; trailing
    /// punctuation dropped.
    private static func name(_ words: [Substring]) -> String? {
        guard (1...longestName).contains(words.count), let first = words.first?.unicodeScalars.first,
              ScalarFolding.isLetter(first.value)
        else { return nil }
        var name = words.joined(separator: " ")
        while let last = name.unicodeScalars.last, ".,;:!".unicodeScalars.contains(last) {
            name.unicodeScalars.removeLast()
        }
        return name.isEmpty ? nil : name
    }

    /// The line cut at ". ", " | ", " — ", " – ", " - ", " · " and ", " (read by scalars: these
    /// are all one scalar, and reading by `Character` cost a grapheme break at each step).
    private static func segments(of line: Substring) -> [Substring] {
        let scalars = line.unicodeScalars
        var segments: [Substring] = []
        var start = scalars.startIndex
        var index = scalars.startIndex
        var previous: Unicode.Scalar?
        while index < scalars.endIndex {
            let next = scalars.index(after: index)
            let scalar = scalars[index]
            // A no-break space counts as a space ("&nbsp;|&nbsp;" in markup).
            let spaced = next == scalars.endIndex || scalars[next] == " " || scalars[next] == "\u{A0}"
            let standsAlone = (previous == " " || previous == "\u{A0}") && spaced
            if (scalar == "." || scalar == ",") && spaced || isSeparatorDash(scalar) && standsAlone {
                segments.append(Substring(scalars[start..<index]))
                start = next
            }
            previous = scalar
            index = next
        }
        segments.append(Substring(scalars[start...]))
        return segments
    }

    /// Longest line read for a description (in UTF-8 bytes).
    private static let longestDescription = 160
    /// A dash or a bar standing apart: what separates a name from its description.
    private static let descriptionSeparators = [" - ", " – ", " — ", " | "].map(BytePattern.init)

    /// Words that open a publication's description of itself, folded ("Journal électronique …").
    private static let descriptionWords = Set([
        "journal", "quotidien", "hebdomadaire", "mensuel", "magazine", "newspaper", "daily", "weekly", "portail",
        "جريده", "صحيفه", "يوميه", "اسبوعيه", "مجله", "بوابه",
    ])

    /// "X - Journal électronique …": the name before a separator, one to `longestName` words,
    /// when the part after it opens with a word that says what kind of publication it is.
    private static func describedName(_ line: Substring) -> String? {
        // Cutting a line into segments reads it scalar by scalar: only lines with a dash or a bar
        // standing apart are cut (a byte search), most lines have neither.
        guard line.utf8.count <= longestDescription, ByteSearch.containsAny(descriptionSeparators, in: line) else { return nil }
        let parts = segments(of: line)
        guard parts.count >= 2, let kind = words(of: parts[1]).first,
              descriptionWords.contains(BoilerplateLines.folded(kind)) else { return nil }
        return name(words(of: parts[0]))
    }

    /// "|", "—", "–", "-" or "·".
    private static func isSeparatorDash(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x7C, 0x2014, 0x2013, 0x2D, 0xB7: true
        default: false
        }
    }

    /// The text after a line's first colon.
    private static func afterColon(_ line: Substring) -> Substring {
        guard let colon = line.firstIndex(of: ":") else { return line }
        return line[line.index(after: colon)...]
    }

    private static func words(of text: Substring) -> [Substring] {
        text.split { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }
    }

    /// Four digits (ASCII or Arabic-Indic) from 1900 to 2099, or two such years joined by a
    /// dash ("2002-2025", "2009–2025": the years a site has been published).
    private static func isYear(_ word: Substring) -> Bool {
        let years = word.split(maxSplits: 1) { $0 == "-" || $0 == "\u{2013}" }
        if years.count == 2 { return years.allSatisfy(isFourDigitYear) }
        return isFourDigitYear(word)
    }

    private static func isFourDigitYear(_ word: Substring) -> Bool {
        let digits = word.unicodeScalars.compactMap { ScalarFolding.digitValue($0.value) }
        guard digits.count == 4, digits.count == word.unicodeScalars.count else { return false }
        let year = digits.reduce(0) { $0 * 10 + $1 }
        return (1900...2099).contains(year)
    }
}
