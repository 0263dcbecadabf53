/// Stage "clean" for plain-text pages: keeps the article, drops the page around it.
///
/// Scraped text pages carry, besides the article, a ticker of other headlines (one line of
/// headlines separated by runs of spaces), navigation bars ("Economie | Finances | Sport"),
/// widget lines ("Merci d'avoir signalé!"), share and social buttons, rows of hashtags, "Lire aussi : …" links
/// (and the headline or the list of headlines under a bare "Lire aussi"), tag lines, menus (runs of one- or two-word lines) and, after
/// the article, "Related Articles", "Article précédent", "Cliquez ici pour lire l'article
/// depuis sa source." and what follows them. Lines are compared case- and accent-folded.
public enum TextBoilerplate {
    /// The article text of a plain-text page: boilerplate lines removed, blank-line runs
    /// collapsed to one, no leading or trailing blank lines.
    public static func articleText(of page: String) -> String {
        article(of: page).text
    }

    /// The article of a plain-text page: its text (as `articleText(of:)`), and as metadata the
    /// publication its copyright or source line names (`PageCredits`), read to the page's end.
    public static func article(of page: String) -> Article {
        var kept: [Substring] = []
        var credits = PageCredits()
        var articleSeen = false
        var articleEnded = false
        var linkFollows = false
        var linkList = false           // list items under "Read more" so far
        var linkIndent = 0             // columns before the first item's bullet
        var headlineList = false       // headlines under "Read more", one a line, so far
        var wrappedProse = 0           // bytes of the paragraph so far, when its lines are wrapped prose
        let lines = BoilerplateLines.lines(of: page)
        for (index, line) in lines.enumerated() {
            if line.isEmpty {
                // What every test below says of an empty line, without folding it.
                if !articleEnded { kept.append(line) }
                (linkList, headlineList, wrappedProse) = (false, false, 0)
                continue
            }
            let folded = BoilerplateLines.folded(line)
            if credits.read(line, folded: folded) || articleEnded { continue }
            // An item wrapped by a text browser goes on on lines indented past its bullet.
            if linkList && (BoilerplateLines.isListItem(line) || BoilerplateLines.indentation(line) > linkIndent) { continue }
            if headlineList && BoilerplateLines.isHeadline(line) { continue }
            (linkList, headlineList) = (false, false)
            if linkFollows && !BoilerplateLines.isBlank(line) {
                // "Read more" then "- headline", "- headline": the whole list is links; or
                // headlines one a line, up to the next blank line.
                linkFollows = false
                linkList = BoilerplateLines.isListItem(line)
                linkIndent = BoilerplateLines.indentation(line)
                headlineList = !linkList && BoilerplateLines.isHeadline(line)
                continue
            }
            if BoilerplateLines.isEndMarker(folded) {
                articleEnded = articleSeen
                continue
            }
            if BoilerplateLines.announcesLink(folded) {
                linkFollows = true
                continue
            }
            if BoilerplateLines.isDropped(folded) || BoilerplateLines.endsWithButton(line)
                || BoilerplateLines.isTickerOrNavigation(line, folded: folded) && !TableRows.isRow(index, of: lines)
                || BoilerplateLines.isHashtagRow(line) {
                continue
            }
            // A paragraph: one long line, or (a page saved as wrapped text) lines of prose.
            wrappedProse = line.utf8.count >= BoilerplateLines.wrappedLineLength ? wrappedProse + line.utf8.count : 0
            if line.utf8.count >= BoilerplateLines.paragraphLength || wrappedProse >= BoilerplateLines.paragraphLength {
                articleSeen = true
            }
            kept.append(line)
        }
        return Article(text: joined(HardWrappedLines.unwrapped(BoilerplateLines.withoutMenus(kept))),
                       metadata: ArticleMetadata(publisher: credits.publisher))
    }

    /// Lines joined with "\n", runs of blank lines collapsed to one, ends trimmed.
    private static func joined(_ lines: [Substring]) -> String {
        var out = ""
        // Room for every line and its break at once: appended line by line, the text grew by
        // doubling, copied each time.
        out.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 1 })
        var pendingBlank = false
        for line in lines {
            if BoilerplateLines.isBlank(line) {
                pendingBlank = !out.isEmpty
                continue
            }
            if !out.isEmpty { out += pendingBlank ? "\n\n" : "\n" }
            out += line
            pendingBlank = false
        }
        return out
    }
}
