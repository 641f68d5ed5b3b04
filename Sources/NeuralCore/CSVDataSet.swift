/// Reads a data set from CSV text (docs/DESIGN.md §5).
///
/// Contract: a header row, then numeric rows with as many cells as the header. Target columns are
/// those whose header is `y`, starts with `y` followed by a digit, `_` or `-`, or starts with
/// `target` (any case); when none is marked, the last column is the target. Blank lines are
/// skipped. Every error names the line (1-based) and, for a cell, the column (1-based) and its name.
public enum CSVDataSet {
    public static let maximumColumns = 4096
    public static let maximumLineLength = 1 << 20

    public static func parse(_ text: String, name: String) throws(InputError) -> DataSet {
        var header: [String]? = nil
        var targetColumns: [Int] = [], inputColumns: [Int] = []
        var inputs: [Double] = [], targets: [Double] = []
        var rowCount = 0
        var lineNumber = 0
        // "\r\n" is one Character in Swift, so both line endings are separators.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            if rawLine.utf8.count > maximumLineLength {
                throw InputError("\(name): line \(lineNumber) is longer than \(maximumLineLength) bytes")
            }
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine[...]
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            if line.contains("\0") { throw InputError("\(name): line \(lineNumber) holds binary data, not CSV text") }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(clean)
            guard let columns = header else {
                if cells.count < 2 {
                    throw InputError(
                        "\(name): line \(lineNumber): the header needs at least two columns (inputs and a "
                            + "target), found \(cells.count)"
                    )
                }
                if cells.count > maximumColumns {
                    throw InputError(
                        "\(name): line \(lineNumber): at most \(maximumColumns) columns, found \(cells.count)")
                }
                if let blank = cells.firstIndex(where: \.isEmpty) {
                    throw InputError(
                        "\(name): line \(lineNumber), column \(blank + 1): the header has an empty column name")
                }
                header = cells
                targetColumns = cells.indices.filter { isTargetName(cells[$0]) }
                if targetColumns.isEmpty { targetColumns = [cells.count - 1] }
                if targetColumns.count == cells.count {
                    throw InputError(
                        "\(name): line \(lineNumber): every column is marked as a target; at least one must be an input"
                    )
                }
                inputColumns = cells.indices.filter { !targetColumns.contains($0) }
                continue
            }
            if cells.count != columns.count {
                throw InputError(
                    "\(name): line \(lineNumber): expected \(columns.count) cells as in the header, found "
                        + "\(cells.count)"
                )
            }
            var values = [Double](repeating: 0, count: cells.count)
            for (c, cell) in cells.enumerated() {
                guard let value = Double(cell), !cell.isEmpty else {
                    let shown = cell.isEmpty ? "an empty cell" : "'\(cell.prefix(40))'"
                    throw InputError(
                        "\(name): line \(lineNumber), column \(c + 1) (\(columns[c])): \(shown) is not a number")
                }
                guard value.isFinite else {
                    throw InputError(
                        "\(name): line \(lineNumber), column \(c + 1) (\(columns[c])): '\(cell)' is not a finite number"
                    )
                }
                values[c] = value
            }
            for c in inputColumns { inputs.append(values[c]) }
            for c in targetColumns { targets.append(values[c]) }
            rowCount += 1
        }
        guard let columns = header else {
            throw InputError("\(name): the file is empty; expected a header row and data rows")
        }
        guard rowCount > 0 else { throw InputError("\(name): the file has a header but no data rows") }
        let targetValues = Set(targets)
        return DataSet(
            name: name, inputNames: inputColumns.map { columns[$0] }, targetNames: targetColumns.map { columns[$0] },
            inputs: inputs, targets: targets,
            isRegression: !targetValues.isSubset(of: [0, 1]))
    }

    static func isTargetName(_ name: String) -> Bool {
        let lower = name.lowercased()
        if lower.hasPrefix("target") || lower == "y" { return true }
        guard lower.hasPrefix("y"), let next = lower.dropFirst().first else { return false }
        return next.isNumber || next == "_" || next == "-"
    }

    private static func clean(_ cell: Substring) -> String {
        var s = cell.drop(while: { $0 == " " || $0 == "\t" })
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        if s.count >= 2, s.first == "\"", s.last == "\"" { s = s.dropFirst().dropLast() }
        return String(s)
    }
}
