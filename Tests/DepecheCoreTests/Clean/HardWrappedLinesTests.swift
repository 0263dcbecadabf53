import Testing
@testable import DepecheCore

@Suite struct HardWrappedLinesTests {
    /// Prose wrapped at `width` columns with `indent` spaces before each line, as a text browser
    /// dumps a page; with `hyphens`, a word that does not fit is cut after a hyphen when its
    /// first part does.
    static func wrapped(_ text: String, width: Int, indent: Int = 3, hyphens: Bool = false) -> [String] {
        var lines: [String] = []
        var line = ""
        func fits(_ word: Substring) -> Bool { line.isEmpty || indent + line.count + 1 + word.count <= width }
        for word in text.split(separator: " ") {
            var word = word
            if hyphens, !fits(word), let hyphen = word.firstIndex(of: "-"), fits(word[...hyphen]) {
                line += " " + word[...hyphen]
                word = word[word.index(after: hyphen)...]
            }
            if !fits(word) {
                lines.append(String(repeating: " ", count: indent) + line)
                line = ""
            }
            line += line.isEmpty || line.hasSuffix("-") ? String(word) : " " + word
        }
        lines.append(String(repeating: " ", count: indent) + line)
        return lines
    }

    static let prose = """
        The 15.5 km extension adds 24 stations to the existing line, which runs between the \
        Tikiouine district and the seafront, bringing the whole network to 32 km. The works cost \
        MAD 1.2 billion, financed by the State, the Souss-Massa Regional Council and a loan from \
        the French Development Agency. The line will be operated by the Spanish group Alsa, which \
        already runs the city's buses, and the new vehicles will come from the Ministry of Interior.
        """

    static func unwrapped(_ lines: [String]) -> [String] {
        HardWrappedLines.unwrapped(lines.map { $0[...] }).map(String.init)
    }

    @Test(arguments: [72, 76, 80])
    func aWrappedParagraphBecomesOneLine(width: Int) {
        let lines = Self.wrapped(Self.prose, width: width)
        #expect(lines.count >= 5)
        #expect(Self.unwrapped(lines) == ["   " + Self.prose])
    }

    /// The headline, dateline and byline above the paragraphs stay lines of their own: the next
    /// line's first word would have fitted after each.
    @Test func shortLinesAboveAndBetweenParagraphsStay() {
        let head = ["Agadir bus rapid transit line extended to Inezgane", "", "   September 8, 2025", "   By Salma Idrissi"]
        let sentence = "Officials said the works would end in the spring of next year, once the last stations are built."
        let lines = head + Self.wrapped(Self.prose, width: 72) + [""] + Self.wrapped(sentence, width: 72)
        #expect(Self.unwrapped(lines) == head + ["   " + Self.prose, "", "   " + sentence])
    }

    /// A page whose paragraphs are one line each (most pages) is not wrapped, whatever its
    /// shorter lines are.
    @Test func aPageOfLongLinesIsLeftAlone() {
        let lines = [Self.prose, "", Self.prose, "", "Related posts", "A headline that is long enough to be a candidate line here",
                     "Another headline that is long enough to be a candidate line", "A third headline that is long enough for the count",
                     "A fourth headline that is long enough for the count", "A fifth headline that is long enough for the count"]
        #expect(Self.unwrapped(lines) == lines)
    }

    /// A word cut at its hyphen ("Souss-" / "Massa") is joined without a space; a list item,
    /// indented deeper, is not joined to the paragraph above.
    @Test(arguments: 60...80) func hyphenatedBreaksAndListItems(width: Int) {
        #expect(Self.unwrapped(Self.wrapped(Self.prose, width: width, hyphens: true)) == ["   " + Self.prose])
        let list = Self.wrapped(Self.prose, width: width) + ["     * Inezgane, Aït Melloul and the airport are the next stops on the line"]
        #expect(Self.unwrapped(list) == ["   " + Self.prose, list.last!])
    }

    /// Arabic is measured in scalars, not bytes (two bytes a letter).
    @Test func arabicWrappedProse() {
        let arabic = """
            أعلنت الشركة الجهوية متعددة الخدمات عن إطلاق مشروع جديد لتزويد دواوير إقليم تارودانت \
            بالماء الصالح للشرب بكلفة تناهز 120 مليون درهم، ويستفيد منه أزيد من عشرين ألف نسمة \
            موزعين على اثنتي عشرة جماعة قروية، حسب ما أفاد به المدير الجهوي للشركة خلال لقاء \
            تواصلي نظم بمقر العمالة بحضور المنتخبين وممثلي المصالح الخارجية والجمعيات المحلية.
            """
        let lines = Self.wrapped(arabic, width: 60, indent: 0)
        #expect(lines.count >= 5)
        #expect(Self.unwrapped(lines) == [arabic])
    }

    /// Through the cleaner, a name cut by the wrap is one name again.
    @Test func theCleanerJoinsWhatTheWrapCut() {
        let page = (["Agadir bus line extended", ""] + Self.wrapped(Self.prose, width: 72)).joined(separator: "\n")
        let text = TextBoilerplate.articleText(of: page)
        #expect(text.contains("the French Development Agency"))
        #expect(text.contains("the Ministry of Interior"))
    }
}
