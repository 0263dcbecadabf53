/// The byline a page marks by class rather than by `<meta>` or `rel="author"`:
/// `<span class="author-name">Jane Doe</span>`, `<span class="byline">Jane Doe, correspondent in
/// Agadir</span>`, and the date beside it (`<span class="post-date">30 Jan 2025</span>`).
///
/// A byline element's text gives a name when, after an opening "By", "Par", "بقلم" or a label
/// ending with a colon ("كتبه:") and before a
/// role (a comma, a bar, a dot, a dash, "on", "le"), two to five capitalised (or Arabic) words
/// remain, none a newsroom role ("Newsdesk", "Staff Reporter", "هيئة التحرير"). Elements inside `<aside>`, `<nav>` and
/// `<footer>` (author boxes of other stories) are not read.
enum HTMLBylineElement {
    /// Words of a `class` or `id` that mark the byline.
    static let bylineLabels = HTMLLabel.words(["author", "auteur", "byline"])
    /// Words of a `class` or `id` that mark a date.
    static let dateLabels = HTMLLabel.words(["date"])

    /// Words that open a byline.
    private static let openers: Set<String> = ["by", "par", "بقلم", "بقلم:"]
    /// Words that end the name and start a role, a date or a section.
    private static let enders: Set<String> = ["on", "le", "in", "dans", "|", "·", "•", "—", "–", "-"]
    /// Lowercase particles inside a name ("Nadia ben Salah", "Charles de Gaulle").
    private static let particles: Set<String> = ["de", "du", "des", "el", "al", "ben", "bin", "ibn", "ait", "aït", "van", "von"]

    /// Whether the element is marked as a byline: its class or id contains one of
    /// ``bylineLabels``, or its class is the word "by" (`<span class="by">`).
    static func marksByline(_ node: HTMLNode, label: HTMLLabel) -> Bool {
        label.contains(anyOf: bylineLabels) || node.attribute("class")?.split(separator: " ").contains("by") == true
    }

    /// Whether `node` sits inside page furniture that lists other people's bylines.
    static func isInFurniture(_ node: HTMLNode) -> Bool {
        node.isInside("aside", "nav", "footer")
    }

    /// Whether `scalar` is an Arabic letter: Arabic script has no capitals, so any word of it may
    /// be part of a name.
    private static func isArabicLetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x0621...0x064A).contains(scalar.value) || (0x0671...0x06D3).contains(scalar.value)
    }

    /// The author's name in a byline element's text, or nil.
    static func name(in text: String) -> String? {
        var words = text.split { $0 == " " || $0 == "\u{A0}" || $0 == "\n" || $0 == "\t" }.map(String.init)
        // A label ending with a colon ("Auteur :", "كتبه:"), then "By", "Par", "بقلم".
        if let colon = words.prefix(3).firstIndex(where: { $0.hasSuffix(":") }) { words.removeFirst(colon + 1) }
        if let first = words.first, openers.contains(first.lowercased()) { words.removeFirst() }
        var name: [String] = []
        for word in words {
            if enders.contains(word) && !name.isEmpty { break }
            let bare = word.hasSuffix(",") ? String(word.dropLast()) : word
            guard let initial = bare.unicodeScalars.first,
                  initial.properties.isUppercase || Self.isArabicLetter(initial) || particles.contains(bare) && !name.isEmpty
            else { return nil }
            if NameWords.newsroomRoles.contains(key: FoldedKey.of(bare)) { return nil }
            name.append(bare)
            if bare != word { break }
        }
        guard (2...5).contains(name.count), let last = name.last, !particles.contains(last) else { return nil }
        return name.joined(separator: " ")
    }
}
