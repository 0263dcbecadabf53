import CByteScan

/// The quick test before a line's ticker count, which otherwise reads every line of prose to its
/// end, and before its navigation count, which reads its first words.
///
/// A ticker's headlines end at a run of three spaces or at a separator standing alone
/// (`BoilerplateLines.isTicker`), a navigation bar's items at a run of two or at a separator
/// standing alone (`isNavigation`). Both need a space scalar followed at once by another space or
/// by a separator: a run of spaces holds such a pair, and a separator stands alone only after a
/// space, after another separator standing alone, or at the line's start, where it ends no
/// segment (no word came before it). So a line without such a pair is one segment at most:
/// never a ticker, never a navigation bar.
///
/// The pairs are looked for sixteen bytes at a time, in C (`depeche_next_space_pair`, SSE2; the
/// same in Swift's `SIMD16` made `extract` twice as slow, not faster): a byte that may end a
/// space next to one that may begin a space or separator. Each such pair (in French, "à " is
/// one) is then decoded. The ticker count's share of `extract` on 600 dispatches: 4.0 → 1.0 %
/// (what was left was the navigation test's, which stopped after four words:
/// `BoilerplateLines.isTickerOrNavigation` now asks once for both).
enum TickerBreaks {
    /// Whether a space scalar in `line` is followed at once by a space or one of `separators`.
    /// Each separator must begin with one of the bytes `depeche_next_space_pair` looks for.
    static func hasSpaceBeforeBreak(_ line: Substring, separators: BoilerplateLines.Separators) -> Bool {
        var line = line
        return line.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            var index = 0
            while true {
                index = depeche_next_space_pair(base, index, bytes.count)
                guard index < bytes.count else { return false }
                if isPair(base, at: index, separators: separators) { return true }
                index += 1
            }
        }
    }

    /// Whether the scalar ending at byte `index` is a space and the one after it a space or a
    /// separator (valid UTF-8: a String's).
    private static func isPair(_ base: UnsafePointer<UInt8>, at index: Int, separators: BoilerplateLines.Separators) -> Bool {
        var start = index
        while start > 0 && base[start] & 0xC0 == 0x80 { start -= 1 }
        let (first, firstLength) = TokenScanner.scalar(base, start)
        guard start + firstLength == index + 1, ScalarFolding.isSpace(first) else { return false }
        let (second, _) = TokenScanner.scalar(base, index + 1)
        return ScalarFolding.isSpace(second) || separators.contains(second)
    }
}
