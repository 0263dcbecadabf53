/// The line tests behind `TextBoilerplate`.
enum BoilerplateLines {
    /// A line at least this long (in scalars) is article prose: end markers after it end the article.
    static let paragraphLength = 120

    /// Whole lines that are widgets, share buttons or social links.
    private static let droppedLines: Set<String> = [
        "facebook", "twitter", "x", "youtube", "linkedin", "instagram", "whatsapp", "telegram", "tiktok",
        "pinterest", "email", "e-mail", "mail", "search", "rechercher", "recherche", "partager", "partagez",
        "partager cet article", "share", "share this article", "tweet", "imprimer", "print", "envoyer", "commenter",
        "menu", "accueil", "home", "newsletter", "s'abonner", "abonnez-vous", "subscribe", "publicite",
        "advertisement", "google news", "suivez-nous", "follow us",
    ]

    /// Line beginnings of widgets and links to other articles.
    private static let droppedPrefixes: [String] = [
        "merci d'avoir signale", "cette image sera automatiquement bloquee", "lire aussi", "a lire aussi",
        "lire egalement", "a lire egalement", "voir aussi", "read also", "read more", "see also", "also read",
        "اقرا ايضا", "©", "(c) ", "copyright", "tous droits reserves", "all rights reserved", "credit photo",
        "suivez-nous sur", "follow us on", "abonnez-vous a",
    ]

    /// Lines after which nothing belongs to the article.
    private static let endMarkers: [String] = [
        "cliquez ici pour lire l'article", "related articles", "related posts", "articles similaires",
        "articles lies", "sur le meme sujet", "dans la meme rubrique", "article precedent", "article suivant",
        "previous article", "next article", "top news", "les plus lus", "most read", "laisser un commentaire",
        "leave a comment", "mots cles", "مقالات ذات صلة",
    ]

    /// The line folded for comparison: lowercase, unaccented, apostrophes as `'`, spaces
    /// collapsed, leading symbols (bullets, emoji) and trailing punctuation removed.
    static func folded(_ line: Substring) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in line.unicodeScalars {
            let value = scalar.value
            if ScalarFolding.isSpace(value) {
                pendingSpace = !scalars.isEmpty
                continue
            }
            let meaningful = ScalarFolding.isLetter(value) || ScalarFolding.digitValue(value) != nil
                || value == 0xA9 || value == 0x28
            if scalars.isEmpty && !meaningful { continue }
            if pendingSpace { scalars.append(" ") }
            pendingSpace = false
            if ScalarFolding.isApostrophe(value) {
                scalars.append("'")
            } else {
                ScalarFolding.fold(value) { if let folded = Unicode.Scalar($0) { scalars.append(folded) } }
            }
        }
        var text = String(scalars)
        while let last = text.unicodeScalars.last, "!.:;?… ".unicodeScalars.contains(last) {
            text.unicodeScalars.removeLast()
        }
        return text
    }

    /// A widget, share button, "Lire aussi" link or credit line.
    static func isDropped(_ folded: String) -> Bool {
        droppedLines.contains(folded) || droppedPrefixes.contains { folded.hasPrefix($0) }
    }

    /// "Related Articles", "Article précédent", "Cliquez ici pour lire l'article…".
    static func isEndMarker(_ folded: String) -> Bool {
        endMarkers.contains { folded.hasPrefix($0) } && folded.unicodeScalars.count <= 60
    }

    /// A ticker: three or more headlines of three or more words, separated by runs of ≥ 3 spaces.
    static func isTicker(_ line: Substring) -> Bool {
        var segments = 0, longSegments = 0
        var words = 0, spaces = 0
        var inWord = false
        func closeSegment() {
            if words > 0 { segments += 1 }
            if words >= 3 { longSegments += 1 }
            words = 0
        }
        for scalar in line.unicodeScalars {
            if ScalarFolding.isSpace(scalar.value) {
                spaces += 1
                inWord = false
                if spaces == 3 { closeSegment() }
            } else {
                spaces = 0
                if !inWord { words += 1 }
                inWord = true
            }
        }
        closeSegment()
        return segments >= 3 && longSegments >= 3
    }

    /// The lines without menus: runs of four or more short lines (one or two words, no
    /// sentence punctuation), blank lines between them allowed.
    static func withoutMenus(_ lines: [Substring]) -> [Substring] {
        var drop = [Bool](repeating: false, count: lines.count)
        var run: [Int] = []
        func closeRun() {
            if run.count >= 4 { for index in run { drop[index] = true } }
            run = []
        }
        for (index, line) in lines.enumerated() {
            if line.allSatisfy({ $0.isWhitespace }) { continue }
            if isMenuItem(line) { run.append(index) } else { closeRun() }
        }
        closeRun()
        return lines.indices.filter { !drop[$0] }.map { lines[$0] }
    }

    private static func isMenuItem(_ line: Substring) -> Bool {
        let words = line.split(whereSeparator: { $0.isWhitespace }).filter { $0.contains(where: \.isLetter) }
        guard (1...2).contains(words.count), line.unicodeScalars.count <= 25,
              let last = line.last(where: { !$0.isWhitespace }) else { return false }
        return !".!?:;,".contains(last)
    }
}
