import CByteScan
import Glibc

/// The line tests behind `TextBoilerplate`.
enum BoilerplateLines {
    /// A line at least this long (in UTF-8 bytes) is article prose: end markers after it end the article.
    static let paragraphLength = 120
    /// Shortest line of a paragraph wrapped at a fixed width (a page saved by a text browser
    /// wraps at 72–80 columns): consecutive lines this long make a paragraph together.
    static let wrappedLineLength = 50

    /// Whole lines that are widgets, share buttons or social links.
    private static let droppedLines: PhraseSet = [
        "facebook", "twitter", "x", "youtube", "linkedin", "instagram", "whatsapp", "telegram", "tiktok",
        "pinterest", "email", "e-mail", "mail", "search", "rechercher", "recherche", "partager", "partagez",
        "partager cet article", "share", "share this article", "tweet", "imprimer", "print", "envoyer", "commenter",
        "menu", "accueil", "home", "newsletter", "s'abonner", "abonnez-vous", "subscribe", "publicite",
        "advertisement", "google news", "suivez-nous", "follow us", "partagez cet article", "partagez",
        "فيسبوك", "تويتر", "واتساب", "يوتيوب", "انستغرام", "شارك المقال", "شارك", "النشره الاخباريه", "النشره البريديه",
        // The kind of text a communiqué's heading states: no headline, no organisation.
        "communique", "communique de presse", "press release", "بلاغ", "بلاغ صحفي",
    ]

    /// Words of share-button rows ("Facebook Twitter WhatsApp"): a line of only these is dropped.
    private static let socialWords: PhraseSet = [
        "facebook", "twitter", "x", "youtube", "linkedin", "instagram", "whatsapp", "telegram", "tiktok",
        "pinterest", "email", "e-mail", "mail", "tweet", "partager", "share", "imprimer", "print", "messenger",
        "فيسبوك", "تويتر", "واتساب",
    ]

    /// Lines that announce a link to another article on the next line ("Lire aussi" alone), or a
    /// list of links ("Related", "You might also like" above "- headline" lines), in each language.
    private static let linkAnnouncers: PhraseSet = [
        "lire aussi", "a lire aussi", "lire egalement", "a lire egalement", "voir aussi", "read also", "read more",
        "see also", "also read", "اقرا ايضا",
        "related", "related stories", "you might also like", "you may also like", "more stories", "read next",
        "recommended", "recommended for you", "vous aimerez aussi", "vous aimerez peut-etre aussi",
        "sur le meme sujet", "sur le meme theme", "related coverage", "keep reading", "a decouvrir aussi",
        "a decouvrir egalement", "اخبار ذات صله", "مواضيع ذات صله", "قد يعجبك ايضا", "مقالات مشابهه", "اخبار مشابهه",
    ]

    /// Line beginnings of widgets and links to other articles.
    private static let droppedPrefixes = BytePrefixes([
        "merci d'avoir signale", "cette image sera automatiquement bloquee", "lire aussi", "a lire aussi",
        "lire egalement", "a lire egalement", "voir aussi", "read also", "read more", "see also", "also read",
        "اقرا ايضا", "©", "(c) ", "copyright", "tous droits reserves", "all rights reserved", "credit photo",
        "suivez-nous sur", "follow us on", "abonnez-vous a", "tags :", "tags:", "mots cles :", "mots-cles",
        "partager sur", "share on", "recevez la newsletter", "recevez notre newsletter", "inscrivez-vous a la newsletter",
        "inscrivez-vous a notre newsletter", "votre e-mail", "votre email", "votre adresse e-mail", "your email",
        "enter your email",
        // English and Arabic related links, newsletters, shares, tags, photo credits and cookie notices.
        "related:", "related :", "more headlines:", "subscribe to our newsletter", "sign up for our newsletter",
        "never miss", "share this article", "share:", "photo:", "photo :", "photo caption", "photo credit",
        "most read:", "les plus lus :", "vous lisez l'un de vos", "you are reading one of your",
        "we use cookies", "this site uses cookies", "cookies help us", "nous utilisons des cookies",
        // Arabic as folded (ى → ي, ة → ه, أ → ا).
        "ce site utilise des cookies", "skip to content", "اشترك في النشره", "شارك علي", "شارك:", "شارك :",
        "شارك المقال", "شارك الخبر", "تصوير:", "تصوير :", "الوسوم", "الكلمات المفتاحيه", "اقرا المزيد",
        // The staff box of a footer: who publishes the site, not who is in the article.
        "directeur de publication", "directeur de la publication", "directrice de publication",
        "directrice de la publication", "redacteur en chef :", "redactrice en chef :", "editor-in-chief:",
        "editor in chief:", "publication director:", "مدير النشر", "مديره النشر", "رئيس التحرير:", "رئيس التحرير :",
    ])

    /// Words of comment and view counters ("12 comments", "٨ تعليقات", "Commentaires (4)", "1 284 lectures").
    private static let counterWords: PhraseSet = [
        "comment", "comments", "commentaire", "commentaires", "reactions", "تعليق", "تعليقات",
        "views", "vues", "reads", "lectures", "مشاهدة", "مشاهدات", "قراءة",
    ]

    /// Lines after which nothing belongs to the article.
    private static let endMarkers = BytePrefixes([
        "cliquez ici pour lire l'article", "related articles", "related posts", "articles similaires",
        "articles lies", "sur le meme sujet", "dans la meme rubrique", "article precedent", "article suivant",
        "previous article", "next article", "top news", "les plus lus", "most read", "laisser un commentaire",
        "leave a comment", "mots cles", "مقالات ذات صله", "related news", "reagissez a cet article",
        "commentaires", "comments", "most popular", "ajouter un commentaire", "ecrire un commentaire", "add a comment",
        "post a comment", "التعليقات مغلقه", "اضف تعليق", "اترك تعليق", "علق علي هاد", "علق علي هذا",
    ])

    /// Longest folded prefix compared: every phrase above is shorter, so a longer line can
    /// only match by its beginning.
    private static let comparedLength = 80

    /// The page's lines (split on "\n", a trailing "\r" dropped), found with `memchr` on its
    /// UTF-8 bytes.
    static func lines(of page: String) -> [Substring] {
        var page = page
        // Where each line starts and ends, in bytes.
        var bounds: [(start: Int, end: Int)] = []
        page.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var start = 0
            while start < bytes.count, let newline = memchr(base + start, 0x0A, bytes.count - start) {
                let offset = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                bounds.append((start, offset > start && base[offset - 1] == 0x0D ? offset - 1 : offset))
                start = offset + 1
            }
            bounds.append((start, bytes.count))
        }
        if bounds.isEmpty { return [page[...]] }
        let utf8 = page.utf8
        return bounds.map { line in
            page[utf8.index(utf8.startIndex, offsetBy: line.start)..<utf8.index(utf8.startIndex, offsetBy: line.end)]
        }
    }

    /// Whether a line is only white space.
    static func isBlank(_ line: Substring) -> Bool {
        var blank = true
        forEachScalar(of: line) { value in
            blank = ScalarFolding.isSpace(value) || ScalarFolding.isNewline(value)
            return blank
        }
        return blank
    }

    /// Calls `body` with each scalar of `line`, decoded from its UTF-8 bytes, until it returns
    /// false (iterating a substring's `unicodeScalars` checks every index: several times slower).
    @inline(__always)
    static func forEachScalar(of line: Substring, _ body: (UInt32) -> Bool) {
        var line = line
        line.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let lead = UInt32(bytes[i])
                var value = lead
                if lead < 0x80 {
                    i += 1
                } else if lead < 0xE0 {
                    value = (lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    i += 2
                } else if lead < 0xF0 {
                    value = (lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    i += 3
                } else {
                    value = (lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                        | UInt32(bytes[i + 3] & 0x3F)
                    i += 4
                }
                guard body(value) else { return }
            }
        }
    }

    /// The line's beginning folded for comparison: lowercase, unaccented, apostrophes as `'`,
    /// spaces collapsed, leading symbols (bullets, emoji) and trailing punctuation removed; at
    /// most `comparedLength` scalars (longer lines end with "…+" so that they equal no phrase).
    static func folded(_ line: Substring) -> String {
        // Written as UTF-8 as it is folded, into a buffer on the stack: gathering scalars and
        // encoding them after, or appending to an array (a uniqueness check a byte), cost more
        // than the folding. At most `comparedLength` scalars and one step's three more (a space
        // and a ligature's two letters), 4 bytes each, then "…+".
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4 * (comparedLength + 3) + 4) { buffer in
            var utf8 = FoldedBytes(buffer)
            var scalars = 0
            var pendingSpace = false
            var cut = false
            var line = line
            line.withUTF8 { bytes in
                guard let base = bytes.baseAddress else { return }
                var index = 0
                while index < bytes.count {
                    if scalars >= comparedLength {
                        cut = true
                        return
                    }
                    if scalars > 0 && !pendingSpace {
                        // Inside the line, plain ASCII (and single spaces before it) is copied
                        // lowercased, sixteen bytes at a time: most of a Latin line.
                        let taken = utf8.appendPlainASCII(base + index, bytes.count - index, budget: comparedLength - scalars)
                        scalars += taken
                        index += taken
                        if taken > 0 { continue }
                    }
                    let (value, length) = TokenScanner.scalar(base, index)
                    index += length
                    if ScalarFolding.isSpace(value) {
                        pendingSpace = scalars > 0
                        continue
                    }
                    let meaningful = ScalarFolding.isLetter(value) || ScalarFolding.digitValue(value) != nil
                        || value == 0xA9 || value == 0x28
                    if scalars == 0 && !meaningful { continue }
                    if pendingSpace { scalars += utf8.append(0x20) }
                    pendingSpace = false
                    if ScalarFolding.isApostrophe(value) {
                        scalars += utf8.append(0x27)
                    } else {
                        let folded = ScalarFolding.fold(value)
                        if folded != 0 { scalars += utf8.append(UInt32(truncatingIfNeeded: folded)) }
                        if folded > 0xFFFF_FFFF { scalars += utf8.append(UInt32(truncatingIfNeeded: folded >> 32)) }
                    }
                }
            }
            if cut {
                _ = utf8.append(0x2026)  // …
                _ = utf8.append(0x2B)    // +
            } else {
                utf8.dropTrailingPunctuation()
            }
            return utf8.string
        }
    }

    /// The UTF-8 `folded` writes, in a buffer of its own.
    private struct FoldedBytes {
        private let buffer: UnsafeMutableBufferPointer<UInt8>
        private var count = 0

        init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

        /// The bytes written, as a String.
        var string: String { String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self) }

        /// Appends the plain ASCII that begins the `count` bytes at `source`, lowercased, while
        /// fewer than `budget` scalars are written (see `depeche_fold_ascii_run`); how many.
        mutating func appendPlainASCII(_ source: UnsafePointer<UInt8>, _ count: Int, budget: Int) -> Int {
            let taken = depeche_fold_ascii_run(source, count, buffer.baseAddress! + self.count, budget)
            self.count += taken
            return taken
        }

        /// Appends the UTF-8 of the scalar `value`; 1, or 0 when `value` is no scalar.
        @inline(__always)
        mutating func append(_ value: UInt32) -> Int {
            switch value {
            case 0..<0x80:
                put(UInt8(truncatingIfNeeded: value))
            case 0x80..<0x800:
                put(UInt8(truncatingIfNeeded: 0xC0 | value >> 6))
                put(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
            case 0xD800..<0xE000, 0x110000...:
                return 0
            case 0x800..<0x10000:
                put(UInt8(truncatingIfNeeded: 0xE0 | value >> 12))
                put(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
                put(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
            default:
                put(UInt8(truncatingIfNeeded: 0xF0 | value >> 18))
                put(UInt8(truncatingIfNeeded: 0x80 | value >> 12 & 0x3F))
                put(UInt8(truncatingIfNeeded: 0x80 | value >> 6 & 0x3F))
                put(UInt8(truncatingIfNeeded: 0x80 | value & 0x3F))
            }
            return 1
        }

        /// Drops trailing ! . : ; ? … and spaces.
        mutating func dropTrailingPunctuation() {
            while count > 0 {
                let last = buffer[count - 1]
                if "!.:; ?".utf8.contains(last) {
                    count -= 1
                } else if count >= 3 && buffer[count - 3] == 0xE2 && buffer[count - 2] == 0x80 && last == 0xA6 {
                    count -= 3  // …
                } else {
                    break
                }
            }
        }

        @inline(__always)
        private mutating func put(_ byte: UInt8) {
            buffer[count] = byte
            count &+= 1
        }
    }

    /// A widget, share button, "Lire aussi" link, comment or view counter, or credit line.
    static func isDropped(_ folded: String) -> Bool {
        droppedPrefixes.matches(folded) || folded.utf8.count <= comparedLength
            && (droppedLines.contains(folded) || isShareRow(folded) || isCounter(folded) || hasLeaderDots(folded))
    }

    /// Dots that lead the eye along a table's row ("2. Wydad AC .......... 41 pts", a league
    /// table; a table of contents): five or more in a row, which prose never writes.
    private static func hasLeaderDots(_ folded: String) -> Bool {
        ByteSearch.contains(leaderDots, in: Substring(folded))
    }

    private static let leaderDots = BytePattern(".....")

    /// Longest line (in UTF-8 bytes) that `endsWithButton` reads.
    private static let longestWidget = 240

    /// A short line ending with a button drawn in brackets ("Get the weekly edition in your inbox.
    /// [Sign up]", "Cookies help us. [OK] [Manage]", "[ اشترك – العرض الترحيبي ]"): one to three
    /// words starting with a letter, a dash between them not counted ("[…]", an ellipsis in a
    /// quotation, is no button).
    static func endsWithButton(_ line: Substring) -> Bool {
        guard line.utf8.count <= longestWidget, line.utf8.last == UInt8(ascii: "]"),
              let open = line.lastIndex(of: "[") else { return false }
        // "[ SIGN UP ]": spaces inside the brackets are no part of the label.
        let label = line[line.index(after: open)..<line.index(before: line.endIndex)].trimmingPrefix(" ")
        guard let first = label.unicodeScalars.first, ScalarFolding.isLetter(first.value) else { return false }
        return label.split(separator: " ").count { word in word.unicodeScalars.contains { ScalarFolding.isLetter($0.value) } } <= 3
    }

    /// A comment or view counter: a counter word and a count, nothing else ("12 comments",
    /// "تعليقات (7)", "👁 1 284 lectures").
    private static func isCounter(_ folded: String) -> Bool {
        guard folded.utf8.count <= 32 else { return false }  // "commentaires (1234)" is 20 bytes
        // Two or three words, all counts but one, which is a counter word: read in one pass,
        // without an array of the words (every short line of a page comes here).
        var words = 0
        var counterWord = false
        var rest = Substring(folded)
        while let start = rest.firstIndex(where: { $0 != " " }) {
            let end = rest[start...].firstIndex(of: " ") ?? rest.endIndex
            let word = rest[start..<end]
            rest = rest[end...]
            words += 1
            guard words <= 3 else { return false }
            if word.unicodeScalars.allSatisfy({ ScalarFolding.digitValue($0.value) != nil || $0 == "(" || $0 == ")" }) { continue }
            guard !counterWord, counterWords.contains(word) else { return false }
            counterWord = true
        }
        return words >= 2 && counterWord
    }

    /// A list item: a line opening with a bullet ("- ", "• ", "* ", "– ").
    /// A headline on a line of its own, as related links list them under "Read more": under a
    /// paragraph's length, not ending a sentence (".", "!", "?", ":", ";" or ",").
    static func isHeadline(_ line: Substring) -> Bool {
        guard line.utf8.count < paragraphLength,
              let last = line.unicodeScalars.last(where: { !ScalarFolding.isSpace($0.value) })
        else { return false }
        return !".!?:;,،؛".unicodeScalars.contains(last)
    }

    static func isListItem(_ line: Substring) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard let first = trimmed.unicodeScalars.first, listBullets.contains(first.value) else { return false }
        return trimmed.unicodeScalars.dropFirst().first.map { ScalarFolding.isSpace($0.value) } ?? false
    }

    /// Spaces and tabs before the line's first character.
    static func indentation(_ line: Substring) -> Int {
        line.utf8.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
    }

    /// Bullets that open a list item: - * • – — · › ▸ → ►
    private static let listBullets: Set<UInt32> = [0x2D, 0x2A, 0x2022, 0x2013, 0x2014, 0xB7, 0x203A, 0x25B8, 0x2192, 0x25BA]

    /// "Lire aussi" alone on its line: the next line is the linked headline.
    static func announcesLink(_ folded: String) -> Bool {
        linkAnnouncers.contains(folded) || sectionLinkHeadings.matches(folded) && folded.unicodeScalars.count <= 30
            || isMoreOfAKind(folded)
    }

    /// "More interviews", "More videos": "more" and one word of letters, a heading over links.
    private static func isMoreOfAKind(_ folded: String) -> Bool {
        // Bytes, not `hasPrefix`: this is asked of every line of every page.
        let utf8 = folded.utf8
        guard (6...25).contains(utf8.count), utf8.first == UInt8(ascii: "m"), utf8.starts(with: "more ".utf8) else { return false }
        return utf8.dropFirst(5).allSatisfy { (0x61...0x7A).contains($0) }
    }

    /// "ترند الآن: #امتحانات_الباكالوريا #مهرجان_موازين", "#Maroc #CAN2025": a row of two hashtags
    /// or more, at least half its words (a label before them allowed).
    static func isHashtagRow(_ line: Substring) -> Bool {
        // One `memchr` over the line's bytes: asked of every line, most have no "#".
        let hasHash = line.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { memchr($0, 0x23, bytes.count) != nil } ?? false
        }
        guard hasHash ?? true else { return false }
        let words = line.split { $0 == " " || $0 == "\t" }
        let tags = words.count { $0.utf8.count > 1 && $0.utf8.first == UInt8(ascii: "#") }
        return tags >= 2 && tags * 2 >= words.count
    }


    /// Beginnings of a short heading over links to a section's other articles ("MORE IN
    /// EDUCATION", "More from Sport").
    private static let sectionLinkHeadings = BytePrefixes(["more in ", "more from ", "also in ", "plus dans ", "المزيد من ", "المزيد في "])

    /// A row of share buttons: every word a social network or a share verb.
    private static func isShareRow(_ folded: String) -> Bool {
        guard folded.utf8.count <= 8 * (socialWords.longest + 1),
              socialWords.contains(folded.prefix { $0 != " " }) else { return false }
        let words = folded.split(separator: " ")
        return words.count >= 2 && words.count <= 8 && words.allSatisfy { socialWords.contains($0) }
    }

    /// "Related Articles", "Article précédent", "Cliquez ici pour lire l'article…".
    static func isEndMarker(_ folded: String) -> Bool {
        endMarkers.matches(folded) && folded.unicodeScalars.count <= 60
    }

    /// Symbols that separate the headlines of a ticker, standing alone ("• ", "◊ ", "/// ").
    static let tickerSeparators = Separators([
        0x7C, 0x2022, 0xB7, 0x25CA, 0x25A0, 0x25A1, 0x25C4, 0x25BA, 0x25B6, 0x25C6, 0x2666, 0x2F, 0x3E,
    ])
    /// Beginnings of byline lines, whose parts a bar also separates ("By X | Published … | 6 min read").
    private static let bylineStarts = BytePrefixes([
        "by ", "par ", "written by", "posted", "published", "publie", "texte ", "text ", "words:", "reporting by",
        "redige par", "ecrit par", "auteur", "بقلم", "كتبه", "كتب ", "حرر ",
    ])
    /// Symbols that separate the items of a navigation bar: a ticker's, and dashes ("Accueil - Sport").
    static let navigationSeparators = tickerSeparators.adding([0x2D, 0x2013, 0x2014])

    /// A ticker or a navigation bar. Both end their segments only at a space followed by a space
    /// or a separator (`TickerBreaks`), and a navigation bar's separators hold a ticker's: one
    /// scan turns most lines away from both.
    static func isTickerOrNavigation(_ line: Substring, folded: String) -> Bool {
        TickerBreaks.hasSpaceBeforeBreak(line, separators: navigationSeparators)
            && (isTicker(line, folded: folded) || isNavigation(line))
    }

    /// A ticker: three or more headlines of three or more words, separated by runs of ≥ 3 spaces
    /// or by separator symbols standing alone ("Trending: A b c | D e f | G h i").
    static func isTicker(_ line: Substring, folded: String) -> Bool {
        guard TickerBreaks.hasSpaceBeforeBreak(line, separators: tickerSeparators) else { return false }
        let hasHeadlines = { (segments: [Int]) in segments.filter { $0 >= 3 }.count >= 3 }
        // Three headlines settle it: a ticker line may run for kilobytes.
        return hasHeadlines(segmentWords(line, spaces: 3, separators: tickerSeparators, settled: hasHeadlines))
            && !bylineStarts.matches(folded) && !startsWithDate(folded)
    }

    /// "15 janv. 2025 | 3 min de lecture | 2 134 vues": a byline's date line, not headlines.
    private static func startsWithDate(_ folded: String) -> Bool {
        let words = folded.split(separator: " ", maxSplits: 2)
        guard words.count >= 2, words[0].count <= 2, words[0].allSatisfy(\.isNumber) else { return false }
        let month = words[1].hasSuffix(".") ? words[1].dropLast() : words[1]
        return CalendarWords.months[FoldedKey.of(month)] != nil
    }

    /// A navigation bar: four or more items of one to three words, separated by runs of ≥ 2
    /// spaces or by separators standing alone ("Economie | Finances | Entreprises | Régions",
    /// "الرئيسية / فلاحة / صيد بحري / أسواق").
    static func isNavigation(_ line: Substring) -> Bool {
        let segments = segmentWords(line, spaces: 2, separators: navigationSeparators, maximumWords: 4)
        return segments.count >= 4 && segments.allSatisfy { (1...3).contains($0) } && !hasYear(line)
    }

    /// Whether a line holds a year (four digits from 1900 to 2099 standing apart): a dated
    /// line ("نشر في: 15/09/2025 - 10:05 | آخر تحديث: …") is no menu, however short its parts.
    private static func hasYear(_ line: Substring) -> Bool {
        var digits = 0, value = 0
        var glued = false, found = false
        var previous: UInt32 = 0x20
        let isYear = { digits == 4 && !glued && (1900...2099).contains(value) }
        forEachScalar(of: line) { scalar in
            if let digit = ScalarFolding.digitValue(scalar) {
                if digits == 0 { glued = ScalarFolding.isLetter(previous) }
                digits += 1
                value = value * 10 + digit
            } else {
                found = isYear() && !ScalarFolding.isLetter(scalar)
                digits = 0
                value = 0
            }
            previous = scalar
            return !found
        }
        return found || isYear()
    }

    /// Word counts of a line's segments: the parts between runs of `spaces` or more spaces and
    /// between `separators` standing alone. The count stops early, at a segment of more than
    /// `maximumWords` words or once the segments so far are `settled`. (Internal for the tests
    /// of ``TickerBreaks``, which stands before it.)
    static func segmentWords(_ line: Substring, spaces minimum: Int, separators: Separators,
                              maximumWords: Int = .max, settled: ([Int]) -> Bool = { _ in false }) -> [Int] {
        // State in one struct, not in variables a local function captures: those get boxed,
        // with an exclusivity check at each access from the closure.
        var count = SegmentCount()
        var spaces = 0
        var inWord = false
        forEachScalar(of: line) { value in
            // Within a word, an ASCII letter or sign changes nothing (most of a line).
            if inWord && value < 0x80 && value != 0x20 && value != 0x09 { return true }
            if ScalarFolding.isSpace(value) {
                spaces += 1
                inWord = false
                if spaces == minimum { count.close(settled) }
            } else if !inWord && separators.contains(value) {
                count.close(settled)
                spaces = 0
            } else {
                spaces = 0
                if !inWord { count.words += 1 }
                inWord = true
            }
            // A navigation bar's items are short: a long one settles it.
            return count.words <= maximumWords && !count.settled
        }
        if !count.settled { count.close(settled) }
        return count.segments
    }

    /// The segments `segmentWords` has closed, and the words of the open one.
    private struct SegmentCount {
        var segments: [Int] = []
        var words = 0
        var settled = false

        /// Ends the open segment (kept when it has words); `settled` says whether the count can stop.
        mutating func close(_ settled: ([Int]) -> Bool) {
            if words > 0 {
                segments.append(words)
                self.settled = settled(segments)
            }
            words = 0
        }
    }

    /// A few scalars, looked up without hashing: every scalar of every line is asked.
    struct Separators: Sendable {
        /// One bit per ASCII scalar.
        private let ascii: (low: UInt64, high: UInt64)
        private let others: [UInt32]

        init(_ values: [UInt32]) {
            ascii = values.reduce((0, 0)) { bits, value in
                value < 64 ? (bits.low | 1 << value, bits.high) : value < 128 ? (bits.low, bits.high | 1 << (value - 64)) : bits
            }
            others = values.filter { $0 >= 128 }
        }

        /// These and `values`.
        func adding(_ values: [UInt32]) -> Separators {
            Separators(values + others + (0..<128).filter { contains(UInt32($0)) }.map(UInt32.init))
        }

        @inline(__always)
        func contains(_ value: UInt32) -> Bool {
            if value < 64 { return ascii.low & 1 << value != 0 }
            if value < 128 { return ascii.high & 1 << (value - 64) != 0 }
            return others.contains(value)
        }
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
            if isBlank(line) { continue }
            if isMenuItem(line) { run.append(index) } else { closeRun() }
        }
        closeRun()
        return lines.indices.filter { !drop[$0] }.map { lines[$0] }
    }

    private static func isMenuItem(_ line: Substring) -> Bool {
        // More bytes than 25 scalars can have: most lines, turned away without reading them.
        guard line.utf8.count <= 25 * 4 else { return false }
        var words = 0, length = 0
        var inWord = false, wordHasLetter = false
        var last: UInt32 = 0
        forEachScalar(of: line) { value in
            length += 1
            if length > 25 { return false }
            if ScalarFolding.isSpace(value) {
                if inWord && wordHasLetter { words += 1 }
                inWord = false
                wordHasLetter = false
                return true
            }
            inWord = true
            if ScalarFolding.isLetter(value) { wordHasLetter = true }
            last = value
            return true
        }
        if length > 25 { return false }
        if inWord && wordHasLetter { words += 1 }
        return (1...2).contains(words) && !".!?:;,".unicodeScalars.contains { $0.value == last }
    }
}

/// Folded phrases a whole line or word may be. A text longer than the longest is turned away
/// before it is hashed (a String with non-ASCII scalars is hashed through an NFC check), which
/// is most lines.
struct PhraseSet: ExpressibleByArrayLiteral, Sendable {
    private let phrases: Set<String>
    /// The longest phrase's UTF-8 length.
    let longest: Int

    init(arrayLiteral phrases: String...) {
        self.phrases = Set(phrases)
        longest = phrases.map(\.utf8.count).max() ?? 0
    }

    /// Whether `text` is one of the phrases.
    func contains(_ text: some StringProtocol) -> Bool {
        text.utf8.count <= longest && phrases.contains(String(text))
    }
}

/// Folded phrases a line may start with, compared on UTF-8 bytes; the phrases are grouped by
/// their first byte, so most lines are turned away after one lookup.
struct BytePrefixes: Sendable {
    /// Every phrase's UTF-8, back to back, sorted by first byte.
    private let bytes: [UInt8]
    /// Each phrase's range in `bytes`, in the same order.
    private let phrases: [Range<Int>]
    /// For each first byte, the index of its first phrase in `phrases` (257 entries: the phrases
    /// starting with byte `b` are `firstPhrase[b]..<firstPhrase[b + 1]`).
    private let firstPhrase: [Int]

    /// Builds the list from folded phrases.
    init(_ phrases: [String]) {
        let sorted = phrases.map { Array($0.utf8) }.filter { !$0.isEmpty }.sorted { $0[0] < $1[0] }
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        var firstPhrase = [Int](repeating: 0, count: 257)
        for phrase in sorted {
            ranges.append(bytes.count..<(bytes.count + phrase.count))
            bytes += phrase
            firstPhrase[Int(phrase[0]) + 1] += 1
        }
        for index in 1...256 { firstPhrase[index] += firstPhrase[index - 1] }
        (self.bytes, self.phrases, self.firstPhrase) = (bytes, ranges, firstPhrase)
    }

    /// Whether `text` starts with one of the phrases (compared with `memcmp`: a line is tested
    /// against several lists, so most calls find no phrase with its first byte at all).
    func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { line in
            guard let first = line.first, let start = line.baseAddress else { return false }
            let candidates = firstPhrase[Int(first)]..<firstPhrase[Int(first) + 1]
            guard !candidates.isEmpty else { return false }
            return bytes.withUnsafeBufferPointer { all in
                candidates.contains { index in
                    let phrase = phrases[index]
                    return phrase.count <= line.count && memcmp(start, all.baseAddress! + phrase.lowerBound, phrase.count) == 0
                }
            }
        }
    }
}
