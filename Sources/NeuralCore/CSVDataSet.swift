/// Reads a data set from CSV text (docs/DESIGN.md §5).
///
/// Contract: cells are separated by commas, and may be quoted (`"Iris, setosa"`; `CSVLine`); a
/// header row (not all numbers: a file without one is refused rather than losing
/// its first example), then rows with as many cells as the header. Target columns are
/// those whose header is `y`, starts with `y` followed by a digit, `_` or `-`, or starts with
/// `target` (any case); when none is marked, the last column is the target. Inputs are numbers.
/// A single target column whose cells are mostly not numbers is a **class column**: its
/// distinct values are the classes, in order of first appearance; two classes give one 0/1
/// target (the second class is 1), more give one-hot targets named after the classes. Blank
/// lines are skipped. Every error names the line (1-based) and, for a cell, the column (1-based)
/// and its name.
public enum CSVDataSet {
    public static let maximumColumns = 4096
    public static let maximumLineLength = 1 << 20

    /// `categorical`: input columns (by header name) whose values are categories, each given to
    /// the network as one 0/1 input per category (named `column=value`, in order of first
    /// appearance).
    public static func parse(_ text: String, name: String, categorical: [String] = []) throws(InputError) -> DataSet {
        var header: [String]? = nil
        var targetColumns: [Int] = [], inputColumns: [Int] = []
        var rows: [(line: Int, cells: [String])] = []
        var lineNumber = 0
        // Lines end at "\n", with or without a "\r" before it.
        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if rawLine.count > maximumLineLength {
                throw InputError("\(name): line \(lineNumber) is longer than \(maximumLineLength) bytes")
            }
            let line = rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy(CSVLine.isBlank) { continue }
            if line.contains(0) { throw InputError("\(name): line \(lineNumber) holds binary data, not CSV text") }
            let (cells, unclosed) = CSVLine.cells(of: line, expected: header?.count ?? 0)
            if let column = unclosed {
                throw InputError(
                    "\(name): line \(lineNumber), column \(column): a quoted cell is not closed on its line (a cell "
                        + "cannot span lines)")
            }
            guard let columns = header else {
                if cells.count < 2 {
                    let separator =
                        line.contains(UInt8(ascii: ";")) ? "semicolons" : line.contains(CSVLine.tab) ? "tabs" : nil
                    throw InputError(
                        "\(name): line \(lineNumber): the header needs at least two columns (inputs and a "
                            + "target), found \(cells.count)"
                            + (separator.map { "; cells are separated by commas, and this line has \($0)" } ?? "")
                    )
                }
                if cells.allSatisfy({ Double($0) != nil }) {
                    let example = cells.count <= 4 ? (1..<cells.count).map { "x\($0)," }.joined() : "x1,x2,…,"
                    throw InputError(
                        "\(name): line \(lineNumber) looks like data, not a header (every cell is a number); the "
                            + "first row must name the columns, e.g. \(example)y"
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
            rows.append((lineNumber, cells))
        }
        guard let columns = header else {
            throw InputError("\(name): the file is empty; expected a header row and data rows")
        }
        guard !rows.isEmpty else { throw InputError("\(name): the file has a header but no data rows") }
        var categories: [Int: [String]] = [:]
        for column in categorical {
            guard let c = columns.firstIndex(of: column) else {
                throw InputError(
                    "--categorical \(column): \(name) has no such column; its columns are "
                        + columns.joined(separator: ", "))
            }
            guard inputColumns.contains(c) else {
                throw InputError(
                    "--categorical \(column): that is the target column; only input columns can be categorical")
            }
            var seen = Set<String>(), values: [String] = []
            for row in rows where seen.insert(row.cells[c]).inserted { values.append(row.cells[c]) }
            categories[c] = values
        }
        func number(_ row: (line: Int, cells: [String]), _ c: Int) throws(InputError) -> Double {
            let cell = row.cells[c]
            guard let value = Double(cell), !cell.isEmpty else {
                let shown = cell.isEmpty ? "an empty cell" : "'\(cell.prefix(40))'"
                throw InputError("\(name): line \(row.line), column \(c + 1) (\(columns[c])): \(shown) is not a number")
            }
            guard value.isFinite else {
                throw InputError(
                    "\(name): line \(row.line), column \(c + 1) (\(columns[c])): '\(cell)' is not a finite number")
            }
            return value
        }
        var inputs: [Double] = []
        inputs.reserveCapacity(rows.count * inputColumns.count)
        for row in rows {
            for c in inputColumns {
                if let values = categories[c] {
                    inputs += values.map { $0 == row.cells[c] ? 1 : 0 }
                    continue
                }
                do {
                    inputs.append(try number(row, c))
                } catch {
                    // Names in an input column: most likely classes in a column not taken as the target.
                    guard classNames(of: c, in: rows) != nil else { throw error }
                    let targets = targetColumns.map { columns[$0] }.joined(separator: ", ")
                    throw InputError(
                        "\(error.message) — \(columns[c]) is an input column, and inputs are numbers; a column of "
                            + "class names must be the target (the last column, unless headers named y… or "
                            + "target… mark others: here \(targets)), "
                            + "or declared --categorical \(columns[c]) to give each value its own input")
                }
            }
        }
        let inputNames = inputColumns.flatMap { c in
            categories[c].map { values in values.map { "\(columns[c])=\($0)" } } ?? [columns[c]]
        }
        if targetColumns.count == 1, let classes = classNames(of: targetColumns[0], in: rows) {
            let c = targetColumns[0]
            if let blank = rows.first(where: { $0.cells[c].isEmpty }) {
                throw InputError(
                    "\(name): line \(blank.line), column \(c + 1) (\(columns[c])): an empty cell names no class")
            }
            guard classes.count >= 2 else {
                throw InputError(
                    "\(name): column \(c + 1) (\(columns[c])) names one class only ('\(classes[0])'); a class "
                        + "column needs at least two")
            }
            let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
            var targets: [Double] = []
            for row in rows {
                let k = index[row.cells[c]]!
                if classes.count == 2 {
                    targets.append(Double(k))
                } else {
                    targets += (0..<classes.count).map { $0 == k ? 1 : 0 }
                }
            }
            return DataSet(
                name: name, inputNames: inputNames,
                targetNames: classes.count == 2 ? [classes[1]] : classes, inputs: inputs, targets: targets,
                classNames: classes)
        }
        var targets: [Double] = []
        targets.reserveCapacity(rows.count * targetColumns.count)
        for row in rows {
            for c in targetColumns { targets.append(try number(row, c)) }
        }
        let targetValues = Set(targets)
        return DataSet(
            name: name, inputNames: inputNames, targetNames: targetColumns.map { columns[$0] },
            inputs: inputs, targets: targets,
            isRegression: !targetValues.isSubset(of: [0, 1]))
    }

    /// The classes named in column `c`, in order of first appearance, when most of its cells are
    /// not numbers (a numeric column with a stray word is an error at that word instead).
    static func classNames(of c: Int, in rows: [(line: Int, cells: [String])]) -> [String]? {
        let words = rows.filter { !$0.cells[c].isEmpty && Double($0.cells[c]) == nil }.count
        guard words * 2 > rows.count else { return nil }
        var seen = Set<String>(), classes: [String] = []
        for row in rows where seen.insert(row.cells[c]).inserted { classes.append(row.cells[c]) }
        return classes
    }

    static func isTargetName(_ name: String) -> Bool {
        let lower = name.lowercased()
        if lower.hasPrefix("target") || lower == "y" { return true }
        guard lower.hasPrefix("y"), let next = lower.dropFirst().first else { return false }
        return next.isNumber || next == "_" || next == "-"
    }
}
