/// Paragraphs of a text page that were hard-wrapped at a fixed width (a text browser's dump,
/// lynx or w3m at 72–80 columns; a mail client's), joined back into one line each.
///
/// Extraction reads a line break as the end of a name and the start of a sentence: "the
/// French\n   Development Agency" was two names, "Ministry\n of Interior" neither. A page is
/// taken as wrapped when at least ``minimumFullLines`` of its lines come within
/// ``fullLineSlack`` columns of its width (its third widest line no wider than
/// ``widestWrap``), and those are at least half its long lines. Then a line is joined to the next when the break was
/// forced: the next line's first word would not have fitted after it, and both are indented
/// alike. A headline, a byline or a dateline above a paragraph is short enough for that word to
/// fit, so it stays a line of its own; so does a list item (indented deeper).
///
/// Only text pages go through it: HTML is rendered a block a line.
enum HardWrappedLines {
    /// Widest wrap recognised, in columns (scalars): a longer line is a paragraph of its own.
    static let widestWrap = 100
    /// Columns by which a full line of a wrapped paragraph falls short of the width at most.
    static let fullLineSlack = 15
    /// Full lines needed to call a page wrapped.
    static let minimumFullLines = 5
    /// A line at least this wide (columns) is prose, wrapped or not.
    static let longLine = 40

    /// `lines` with each hard-wrapped paragraph joined into one line (the first line's
    /// indentation kept, a break after a hyphen joined without a space); unchanged when the
    /// page is not wrapped.
    static func unwrapped(_ lines: [Substring]) -> [Substring] {
        // Most pages hold each paragraph on one line: byte counts rule them out without measuring.
        // Full lines are among the candidates, and the lines longer than any wrap are long
        // lines that are not full: more of those than candidates, and full lines are too few.
        var candidates = 0, longer = 0
        for line in lines {
            let bytes = line.utf8.count
            if bytes > widestWrap * 2 { longer += 1 } else if bytes >= longLine { candidates += 1 }
        }
        guard candidates >= minimumFullLines, candidates >= longer else { return lines }
        let shapes = lines.map(LineShape.init)
        guard let width = wrapWidth(shapes) else { return lines }
        var joined: [Substring] = []
        joined.reserveCapacity(lines.count)
        var index = 0
        while index < lines.count {
            var last = index
            while last + 1 < lines.count, isForcedBreak(shapes[last], before: shapes[last + 1], width: width) { last += 1 }
            joined.append(last == index ? lines[index] : paragraph(lines[index...last], shapes[index...last])[...])
            index = last + 1
        }
        return joined
    }

    /// The lines of one wrapped paragraph as one line: the first one's indentation kept, the
    /// others' dropped, a space at each break but after a cut hyphen.
    private static func paragraph(_ lines: ArraySlice<Substring>, _ shapes: ArraySlice<LineShape>) -> String {
        var paragraph = ""
        var cutAtHyphen = false
        for (line, shape) in zip(lines, shapes) {
            let words = line.utf8.prefix(shape.trimmedLength)
            if paragraph.isEmpty {
                paragraph += Substring(words)
            } else {
                if !cutAtHyphen { paragraph += " " }
                paragraph += Substring(words.dropFirst(shape.indentation))
            }
            cutAtHyphen = shape.endsWithHyphen
        }
        return paragraph
    }

    /// The width the page is wrapped at, or nil when it is not wrapped. The third widest line
    /// sets it, not the widest: one line the wrap left longer (a list item, an address) must not.
    private static func wrapWidth(_ shapes: [LineShape]) -> Int? {
        let widths = shapes.map(\.width).filter { $0 <= widestWrap }.sorted(by: >)
        guard widths.count >= minimumFullLines, case let width = widths[2], width >= longLine + fullLineSlack else { return nil }
        let full = shapes.count { $0.width >= width - fullLineSlack && $0.width <= widestWrap }
        let long = shapes.count { $0.width >= longLine }
        return full >= minimumFullLines && full * 2 >= long ? width : nil
    }

    /// Whether the break after `line` was forced by the width: `next` continues it.
    private static func isForcedBreak(_ line: LineShape, before next: LineShape, width: Int) -> Bool {
        line.width >= width - fullLineSlack && next.firstWord > 0 && next.indentation == line.indentation
            && line.width + 1 + next.firstWord > width
    }

    /// A line's measures, in columns (one a Unicode scalar).
    private struct LineShape {
        /// Columns up to the end of its last word (trailing white space left out).
        var width = 0
        /// Leading spaces.
        var indentation = 0
        /// Columns of its first word; 0 for a blank line.
        var firstWord = 0
        /// UTF-8 bytes up to the end of its last word.
        var trimmedLength = 0
        /// Whether it ends with a letter and a hyphen ("Souss-"): a word cut at its hyphen.
        var endsWithHyphen = false

        init(_ line: Substring) {
            self = line.utf8.withContiguousStorageIfAvailable(Self.init(bytes:)) ?? Array(line.utf8).withUnsafeBufferPointer(Self.init(bytes:))
        }

        /// Measures a line's UTF-8: its ends are read byte by byte, its middle only counted (the
        /// scalars are the bytes that do not continue one, a loop the compiler vectorises).
        private init(bytes: UnsafeBufferPointer<UInt8>) {
            let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
            trimmedLength = bytes.count
            while trimmedLength > 0, isBlank(bytes[trimmedLength - 1]) { trimmedLength -= 1 }
            while indentation < trimmedLength, isBlank(bytes[indentation]) { indentation += 1 }
            var end = indentation
            while end < trimmedLength, !isBlank(bytes[end]) { end += 1 }
            firstWord = Self.scalars(bytes[indentation..<end])
            // Over two bytes a column for 100 columns: wider than any wrap, however written.
            width = trimmedLength > 2 * widestWrap ? widestWrap + 1 : indentation + firstWord + Self.scalars(bytes[end..<trimmedLength])
            guard trimmedLength >= 2, bytes[trimmedLength - 1] == UInt8(ascii: "-") else { return }
            let before = bytes[trimmedLength - 2]
            endsWithHyphen = before >= 0x80 || Self.isASCIILetter(before)
        }

        /// Scalars in `bytes`: those that do not continue a scalar.
        private static func scalars(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
            var continuations = 0
            for byte in UnsafeBufferPointer(rebasing: bytes) { continuations &+= Int((byte &>> 6) == 2 ? 1 : 0) }
            return bytes.count &- continuations
        }

        private static func isASCIILetter(_ byte: UInt8) -> Bool {
            (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
        }
    }
}
