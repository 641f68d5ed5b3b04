/// Reads a data set from CSV text (docs/DESIGN.md §5).
///
/// Contract: cells are separated by commas, and may be quoted (`"Iris, setosa"`; `CSVLine`); a
/// header row (not all numbers: a file without one is refused rather than losing its first
/// example), then rows with as many cells as the header. Target columns are those whose header is
/// `y`, starts with `y` followed by a digit, `_` or `-`, starts with `target`, or is `label` or
/// `class` (any case); when none is marked, the last column is the target; `targets` (`--target`),
/// when given, are the target columns instead. `ignored` columns (`--ignore`) are left out, and
/// never the default target. Inputs are numbers. A single target column whose cells are mostly not
/// numbers is a **class column**: its distinct values are the classes, in order of first
/// appearance; so is a single target headed `label` or `class` whose cells are all whole numbers
/// (MNIST's CSV files), its classes in numeric order, so that digit k is class k. Two classes give
/// one 0/1 target (the second class is 1), more give one-hot targets named after the classes. Blank
/// lines are skipped. Every error names the line (1-based) and, for a cell, the column (1-based)
/// and its name.
public enum CSVDataSet {
    public static let maximumColumns = 4096
    public static let maximumLineLength = 1 << 20

    /// `categorical`: input columns (by header name) whose values are categories, each given to
    /// the network as one 0/1 input per category (named `column=value`, in order of first
    /// appearance).
    public static func parse(
        _ text: String, name: String, categorical: [String] = [], targets: [String] = [], ignored: [String] = []
    ) throws(InputError) -> DataSet {
        var text = text
        let read = text.withUTF8 { bytes in
            Result { () throws(InputError) -> CSVColumns in
                var columns = CSVColumns(name: name, categorical: categorical, targets: targets, ignored: ignored)
                try columns.read(bytes)
                return columns
            }
        }
        return try dataSet(from: read.get())
    }

    /// The data set a file's columns make, with the errors that need every row to decide: the
    /// `--categorical` names, the first input that is not a number, the class column's cells.
    private static func dataSet(from file: CSVColumns) throws(InputError) -> DataSet {
        let name = file.name
        guard let columns = file.header else {
            throw InputError("\(name): the file is empty; expected a header row and data rows")
        }
        let rowCount = file.lines.count
        guard rowCount > 0 else { throw InputError("\(name): the file has a header but no data rows") }
        func text(_ c: Int) -> [String] { file.texts[file.textColumns.firstIndex(of: c)!] }
        var categories: [Int: [String]] = [:]
        for column in file.categorical {
            // Each names an input column (`CSVColumns` checked it with the header).
            let c = columns.firstIndex(of: column)!
            var seen = Set<String>()
            categories[c] = text(c).filter { seen.insert($0).inserted }
        }
        func notANumber(line: Int, column c: Int, cell: String) -> InputError {
            let problem =
                Double(cell) != nil
                ? "'\(cell)' is not a finite number"
                : "\(cell.isEmpty ? "an empty cell" : "'\(cell.prefix(40))'") is not a number"
            return InputError("\(name): line \(line), column \(c + 1) (\(columns[c])): \(problem)")
        }
        if let bad = file.firstBadNumber {
            let error = notANumber(line: bad.line, column: bad.column, cell: bad.cell)
            // Names in an input column: most likely classes in a column not taken as the target.
            guard file.wordsInBadColumn * 2 > rowCount else { throw error }
            let targets = file.targetColumns.map { columns[$0] }.joined(separator: ", ")
            throw InputError(
                "\(error.message) — \(columns[bad.column]) is an input column, and inputs are numbers; a column of "
                    + "class names must be the target (the last column, unless --target NAME or headers named y…, "
                    + "target…, label or class mark others: here \(targets)), or declared --categorical "
                    + "\(columns[bad.column]) to give each value its own input")
        }
        var inputs = file.numbers
        if !categories.isEmpty {
            // Each categorical column's one-hot inputs in its place among the numbers.
            let numeric = file.numericColumns.count
            inputs = []
            for row in 0..<rowCount {
                var n = 0
                for c in file.inputColumns {
                    if let values = categories[c] {
                        let value = text(c)[row]
                        inputs += values.map { $0 == value ? 1 : 0 }
                    } else {
                        inputs.append(file.numbers[row * numeric + n])
                        n += 1
                    }
                }
            }
        }
        let inputNames = file.inputColumns.flatMap { c in
            categories[c].map { values in values.map { "\(columns[c])=\($0)" } } ?? [columns[c]]
        }
        if file.targetColumns.count == 1 {
            let c = file.targetColumns[0]
            var cells = text(c)
            var classes = classNames(in: cells)
            if classes == nil, let numbered = numberedClasses(in: cells, header: columns[c]) {
                (cells, classes) = (numbered.cells, numbered.classes)
            }
            if let classes {
                if let blank = cells.firstIndex(where: \.isEmpty) {
                    throw InputError(
                        "\(name): line \(file.lines[blank]), column \(c + 1) (\(columns[c])): an empty cell names no "
                            + "class")
                }
                guard classes.count >= 2 else {
                    throw InputError(
                        "\(name): column \(c + 1) (\(columns[c])) names one class only ('\(classes[0])'); a class "
                            + "column needs at least two")
                }
                let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
                var targets: [Double] = []
                for cell in cells {
                    let k = index[cell]!
                    if classes.count == 2 {
                        targets.append(Double(k))
                    } else {
                        targets += (0..<classes.count).map { $0 == k ? 1 : 0 }
                    }
                }
                return DataSet(
                    name: name, inputNames: inputNames, targetNames: classes.count == 2 ? [classes[1]] : classes,
                    inputs: inputs, targets: targets, classNames: classes)
            }
        }
        var targets: [Double] = []
        targets.reserveCapacity(rowCount * file.targetColumns.count)
        let targetCells = file.targetColumns.map(text)
        for row in 0..<rowCount {
            for (t, c) in file.targetColumns.enumerated() {
                let cell = targetCells[t][row]
                guard let value = Double(cell), value.isFinite else {
                    throw notANumber(line: file.lines[row], column: c, cell: cell)
                }
                targets.append(value)
            }
        }
        let targetValues = Set(targets)
        return DataSet(
            name: name, inputNames: inputNames, targetNames: file.targetColumns.map { columns[$0] },
            inputs: inputs, targets: targets,
            isRegression: !targetValues.isSubset(of: [0, 1]))
    }

    /// The classes named in a column (its cells in row order), in order of first appearance, when
    /// most of its cells are not numbers (a numeric column with a stray word is an error at that
    /// word instead).
    static func classNames(in cells: [String]) -> [String]? {
        let words = cells.filter { !$0.isEmpty && Double($0) == nil }.count
        guard words * 2 > cells.count else { return nil }
        var seen = Set<String>()
        return cells.filter { seen.insert($0).inserted }
    }

    /// The classes of a column headed `label` or `class` whose cells (in row order) are all whole
    /// numbers: each cell written plainly ("7" for "7.0" or "07") and the distinct ones in numeric
    /// order. Nil for any other header, or when a cell is empty, a fraction or not a number.
    static func numberedClasses(in cells: [String], header: String) -> (cells: [String], classes: [String])? {
        guard isClassHeader(header) else { return nil }
        var numbers: [Int] = []
        numbers.reserveCapacity(cells.count)
        for cell in cells {
            guard let value = Double(cell), value == value.rounded(), abs(value) < 1e15 else { return nil }
            numbers.append(Int(value))
        }
        return (numbers.map(String.init), Set(numbers).sorted().map(String.init))
    }

    static func isClassHeader(_ name: String) -> Bool {
        ["label", "class"].contains(name.lowercased())
    }

    static func isTargetName(_ name: String) -> Bool {
        let lower = name.lowercased()
        if lower.hasPrefix("target") || lower == "y" || isClassHeader(name) { return true }
        guard lower.hasPrefix("y"), let next = lower.dropFirst().first else { return false }
        return next.isNumber || next == "_" || next == "-"
    }
}
