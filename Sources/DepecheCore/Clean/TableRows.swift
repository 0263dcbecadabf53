/// Rows of a table set out in plain text: a price list, results over two years.
///
/// ```
/// Espèce        18 févr.     25 févr.     Variation
/// Sardine       7,80 DH      11,50 DH     +47%
/// ```
///
/// Each row has the shape of a navigation bar (short items apart by runs of spaces), so
/// `BoilerplateLines.isNavigation` would drop it. A row is told apart by its neighbours: a line
/// next to it has as many cells, and one of the two has figures in two cells or more. A menu
/// is one line, and its items are words; a market ticker is one line too.
enum TableRows {
    /// Whether line `index` of `lines` is a row of a table (its cells apart by runs of two or
    /// more spaces, and no separator standing alone).
    static func isRow(_ index: Int, of lines: [Substring]) -> Bool {
        guard let row = Row(lines[index]), row.cells >= 3 else { return false }
        return [index - 1, index + 1].contains { neighbour in
            guard lines.indices.contains(neighbour), let other = Row(lines[neighbour]), other.cells == row.cells else { return false }
            return max(row.cellsWithFigures, other.cellsWithFigures) >= 2
        }
    }

    /// The cells of a line read as a table row.
    private struct Row {
        let cells: Int
        let cellsWithFigures: Int

        /// Nil when a separator symbol stands alone ("Sport | Culture"): a bar, not a table
        /// ("-6%" is a cell).
        init?(_ line: Substring) {
            var reader = CellReader()
            BoilerplateLines.forEachScalar(of: line) { reader.read($0) }
            reader.finish()
            guard !reader.barSeparated else { return nil }
            (cells, cellsWithFigures) = (reader.cells, reader.cellsWithFigures)
        }
    }

    /// Reads a line scalar by scalar: words apart by a space, cells by two or more.
    private struct CellReader {
        private(set) var cells = 0
        private(set) var cellsWithFigures = 0
        private(set) var barSeparated = false
        private var spaces = 0
        private var wordLength = 0
        private var wordIsSeparator = false
        private var cellOpen = false
        private var cellHasFigure = false

        /// Takes the next scalar; false once the line is known to be a bar.
        mutating func read(_ value: UInt32) -> Bool {
            if ScalarFolding.isSpace(value) {
                endWord()
                spaces += 1
                if spaces == 2 { closeCell() }
                return !barSeparated
            }
            if wordLength == 0 { wordIsSeparator = BoilerplateLines.navigationSeparators.contains(value) }
            wordLength += 1
            spaces = 0
            cellOpen = true
            if ScalarFolding.digitValue(value) != nil { cellHasFigure = true }
            return true
        }

        /// Ends the line.
        mutating func finish() {
            endWord()
            closeCell()
        }

        private mutating func endWord() {
            if wordLength == 1 && wordIsSeparator { barSeparated = true }
            wordLength = 0
        }

        private mutating func closeCell() {
            guard cellOpen else { return }
            cells += 1
            if cellHasFigure { cellsWithFigures += 1 }
            (cellOpen, cellHasFigure) = (false, false)
        }
    }
}
