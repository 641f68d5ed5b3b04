/// A CSV file read into columns, line by line, for `CSVDataSet` (whose contract it follows): the
/// header, which columns are targets and inputs, each numeric input cell as a number the moment it
/// is read, and — as text — the cells of the columns that may hold words: the targets and the
/// `--categorical` inputs. `--target` names the target columns; without it the header's names
/// decide (`CSVDataSet`). `--ignore` columns are neither: their cells are skipped as they are read.
///
/// Numbers are read on arrival because a wide file holds millions of cells (an MNIST-sized CSV
/// 15.7 million): kept as strings until every row was in, they took several times the file's
/// size in memory and most of its reading time. The first input cell that is not a finite number
/// is remembered rather than thrown: whether its column looks like class names (most of its
/// cells words) decides the message, and that depends on the rows after it. The errors thrown
/// while reading (a line too long, binary data, an open quote, a header or a row of the wrong
/// shape) are the ones that stop at their line.
struct CSVColumns {
    let name: String
    /// Input column names (`--categorical`) read as text; a name that is no input column is refused.
    let categorical: [String]
    /// Column names (`--target`) that are the targets, whatever the header calls them.
    let targets: [String]
    /// Column names (`--ignore`) left out of the data set.
    let ignored: [String]
    private(set) var header: [String]? = nil
    private(set) var targetColumns: [Int] = [], inputColumns: [Int] = []
    /// The input columns read as numbers (the ones not categorical), in order.
    private(set) var numericColumns: [Int] = []
    /// The numeric columns' cells, a row at a time (`numericColumns.count` each); 0 stands in for
    /// a cell that is not a number (`firstBadNumber` holds the first).
    private(set) var numbers: [Double] = []
    /// The columns read as text, in order, and their cells, a column each.
    private(set) var textColumns: [Int] = []
    private(set) var texts: [[String]] = []
    /// Each data row's line number (1-based).
    private(set) var lines: [Int] = []
    /// The first numeric input cell (in reading order) that is not a finite number.
    private(set) var firstBadNumber: (line: Int, column: Int, cell: String)? = nil
    /// How many cells of `firstBadNumber`'s column, from its row on, are words (not empty, not
    /// numbers); the rows before it held numbers there.
    private(set) var wordsInBadColumn = 0
    /// What becomes of each header column's cells as they are read.
    private var roles: [Role] = []

    private enum Role {
        case number
        /// Kept as text, in `texts[slot]`.
        case text(slot: Int)
        case ignored
        /// The unnamed column after a header's trailing comma: its cells must be empty too.
        case unnamed
    }
    /// The first cell found under `.unnamed`, to refuse once its row is read.
    private var valueUnderUnnamed: (column: Int, cell: String)? = nil

    init(name: String, categorical: [String], targets: [String] = [], ignored: [String] = []) {
        self.name = name
        self.categorical = categorical
        self.targets = targets
        self.ignored = ignored
    }

    /// Reads every line of `bytes` (UTF-8). Lines end at "\n", with or without a "\r" before it;
    /// blank lines are skipped.
    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) throws(InputError) {
        var lineNumber = 0, start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            lineNumber += 1
            let raw = bytes[start..<end]
            start = end + 1
            if raw.count > CSVDataSet.maximumLineLength {
                throw InputError("\(name): line \(lineNumber) is longer than \(CSVDataSet.maximumLineLength) bytes")
            }
            let line = raw.last == UInt8(ascii: "\r") ? raw.dropLast() : raw
            if line.allSatisfy(CSVLine.isBlank) { continue }
            if line.contains(0) { throw InputError("\(name): line \(lineNumber) holds binary data, not CSV text") }
            if let columns = header?.count {
                try readRow(line, number: lineNumber, columns: columns)
            } else {
                try readHeader(line, number: lineNumber)
            }
        }
    }

    private mutating func readHeader(_ line: Slice<UnsafeBufferPointer<UInt8>>, number: Int) throws(InputError) {
        let cells = try Self.cells(of: line, number: number, name: name)
        if cells.count < 2 {
            let separator = line.contains(UInt8(ascii: ";")) ? "semicolons" : line.contains(CSVLine.tab) ? "tabs" : nil
            throw InputError(
                "\(name): line \(number): the header needs at least two columns (inputs and a target), found "
                    + "\(cells.count)"
                    + (separator.map { "; cells are separated by commas, and this line has \($0)" } ?? ""))
        }
        if cells.allSatisfy({ Double($0) != nil }) {
            let example = cells.count <= 4 ? (1..<cells.count).map { "x\($0)," }.joined() : "x1,x2,…,"
            // A wide row of numbers is often an image set with its class first (MNIST's files).
            let labelFirst = cells.count > 4 ? ", or label,x1,x2,… when the first column holds the classes" : ""
            throw InputError(
                "\(name): line \(number) looks like data, not a header (every cell is a number); the first row must "
                    + "name the columns, e.g. \(example)y\(labelFirst)")
        }
        if cells.count > CSVDataSet.maximumColumns {
            throw InputError(
                "\(name): line \(number): at most \(CSVDataSet.maximumColumns) columns, found \(cells.count)")
        }
        // Some exporters end every line with a comma (Kaggle's breast-cancer file): an unnamed
        // last column, left out as long as it stays empty.
        if let blank = cells.dropLast().firstIndex(where: \.isEmpty) {
            throw InputError("\(name): line \(number), column \(blank + 1): the header has an empty column name")
        }
        try assignColumns(cells, line: number)
        header = cells
    }

    /// Decides each column's part: target (`--target`, else the header's names, else the last
    /// column not ignored), ignored (`--ignore`), or input, read as text when `--categorical`.
    private mutating func assignColumns(_ cells: [String], line number: Int) throws(InputError) {
        let named = cells.filter { !$0.isEmpty }
        func missing(_ option: String, _ column: String) -> InputError {
            InputError(
                "\(option) \(column): \(name) has no such column; its columns are \(named.joined(separator: ", "))")
        }
        for column in ignored where !cells.contains(column) { throw missing("--ignore", column) }
        if let both = ignored.first(where: targets.contains) {
            throw InputError("--ignore \(both): it is given as --target too; a column is either learnt or ignored")
        }
        let kept = cells.indices.filter { !cells[$0].isEmpty && !ignored.contains(cells[$0]) }
        if targets.isEmpty {
            targetColumns = kept.filter { CSVDataSet.isTargetName(cells[$0]) }
            if targetColumns.isEmpty, let last = kept.last { targetColumns = [last] }
        } else {
            for target in targets where !cells.contains(target) { throw missing("--target", target) }
            targetColumns = cells.indices.filter { targets.contains(cells[$0]) }
        }
        inputColumns = kept.filter { !targetColumns.contains($0) }
        if inputColumns.isEmpty {
            throw InputError(
                "\(name): line \(number): every column is \(ignored.isEmpty ? "" : "ignored or ")marked as a target; "
                    + "at least one must be an input")
        }
        var categoricalColumns = Set<Int>()
        for column in categorical {
            guard let c = cells.firstIndex(of: column) else { throw missing("--categorical", column) }
            guard inputColumns.contains(c) else {
                let part = targetColumns.contains(c) ? "the target column" : "an ignored column (--ignore)"
                throw InputError("--categorical \(column): that is \(part); only input columns can be categorical")
            }
            categoricalColumns.insert(c)
        }
        textColumns = cells.indices.filter { targetColumns.contains($0) || categoricalColumns.contains($0) }
        numericColumns = inputColumns.filter { !categoricalColumns.contains($0) }
        texts = textColumns.map { _ in [] }
        roles = cells.indices.map { c in
            if let slot = textColumns.firstIndex(of: c) { return .text(slot: slot) }
            if cells[c].isEmpty { return .unnamed }
            return kept.contains(c) ? .number : .ignored
        }
    }

    private mutating func readRow(
        _ line: Slice<UnsafeBufferPointer<UInt8>>, number lineNumber: Int, columns: Int
    ) throws(InputError) {
        if numbers.isEmpty, !numericColumns.isEmpty {
            // Room for as many rows as lines like this one would fill the file.
            let rows = line.base.count / max(line.count, 1) + 1
            numbers.reserveCapacity(min(rows * numericColumns.count, line.base.count / 2))
        }
        var found = 0
        if line.contains(CSVLine.quote) {
            let cells = try Self.cells(of: line, number: lineNumber, name: name)
            found = cells.count
            if found == columns {
                for (k, cell) in cells.enumerated() {
                    var cell = cell
                    cell.withUTF8 { take($0[...], column: k, line: lineNumber) }
                }
            }
        } else {
            CSVLine.forEachUnquotedCell(of: line) { cell in
                if found < columns { take(cell, column: found, line: lineNumber) }
                found += 1
            }
        }
        if found != columns {
            throw InputError("\(name): line \(lineNumber): expected \(columns) cells as in the header, found \(found)")
        }
        if let (column, cell) = valueUnderUnnamed {
            throw InputError(
                "\(name): line \(lineNumber), column \(column + 1): '\(cell.prefix(40))' is under no column name (the "
                    + "header ends with a comma): name that column in the header")
        }
        lines.append(lineNumber)
    }

    private mutating func take(_ cell: Slice<UnsafeBufferPointer<UInt8>>, column k: Int, line: Int) {
        switch roles[k] {
        case .number: break
        case .text(let slot):
            texts[slot].append(String(decoding: cell, as: UTF8.self))
            return
        case .ignored: return
        case .unnamed:
            if !cell.isEmpty { valueUnderUnnamed = (k, String(decoding: cell, as: UTF8.self)) }
            return
        }
        let value = Self.number(cell)
        if let value, value.isFinite {
            numbers.append(value)
            return
        }
        numbers.append(0)
        if firstBadNumber == nil { firstBadNumber = (line, k, String(decoding: cell, as: UTF8.self)) }
        if firstBadNumber?.column == k, !cell.isEmpty, value == nil { wordsInBadColumn += 1 }
    }

    private static func cells(
        of line: Slice<UnsafeBufferPointer<UInt8>>, number: Int, name: String
    ) throws(InputError) -> [String] {
        let (cells, unclosed) = CSVLine.cells(of: line)
        if let column = unclosed {
            throw InputError(
                "\(name): line \(number), column \(column): a quoted cell is not closed on its line (a cell cannot "
                    + "span lines)")
        }
        return cells
    }

    /// The number a cell holds, exactly as `Double(String)` reads it (nil where that is nil).
    /// Whole numbers of up to 15 digits, with or without a minus sign — most cells of image and
    /// count data — are read here, without making a string; below 2^53 they are exact either way.
    static func number(_ cell: Slice<UnsafeBufferPointer<UInt8>>) -> Double? {
        let negative = cell.first == UInt8(ascii: "-")
        let digits = negative ? cell.dropFirst() : cell
        if !digits.isEmpty, digits.count <= 15 {
            var value = 0
            for byte in digits {
                let digit = byte &- UInt8(ascii: "0")
                guard digit <= 9 else { return Double(String(decoding: cell, as: UTF8.self)) }
                value = value * 10 + Int(digit)
            }
            return negative ? -Double(value) : Double(value)
        }
        return Double(String(decoding: cell, as: UTF8.self))
    }
}
