/// One CSV line split into cells (RFC 4180 within a line): cells are separated by commas outside
/// double quotes; a cell that starts with a quote (after blanks) runs to the closing quote, commas
/// included, and `""` inside it is one quote. Blanks around a cell are dropped; inside quotes
/// they are kept. A quoted cell cannot continue on the next line: numbers and class names never
/// need one, so an open quote at the end of the line is an error (`unclosedQuoteColumn`).
///
/// The line is read as UTF-8 bytes: the separators are ASCII, and a file of 15 million cells
/// spent most of its reading time walking characters (grapheme clusters) instead.
enum CSVLine {
    static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")
    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    static func cells(of line: Substring) -> (cells: [String], unclosedQuoteColumn: Int?) { cells(of: line.utf8) }

    /// The cells, or the 1-based column whose quote is not closed on the line.
    static func cells(of line: some BidirectionalCollection<UInt8>) -> (cells: [String], unclosedQuoteColumn: Int?) {
        guard line.contains(quote) else {
            var cells: [String] = []
            forEachUnquotedCell(of: line) { cells.append(String(decoding: $0, as: UTF8.self)) }
            return (cells, nil)
        }
        var cells: [String] = []
        var cell: [UInt8] = []
        var quoted = false, inQuotes = false
        let bytes = Array(line)
        var k = 0
        while k < bytes.count {
            let b = bytes[k]
            if inQuotes {
                if b == quote, k + 1 < bytes.count, bytes[k + 1] == quote {
                    cell.append(quote)
                    k += 1
                } else if b == quote {
                    inQuotes = false
                } else {
                    cell.append(b)
                }
            } else if b == comma {
                cells.append(finished(cell, quoted: quoted))
                cell = []
                quoted = false
            } else if b == quote, !quoted, cell.allSatisfy(isBlank) {
                cell = []
                quoted = true
                inQuotes = true
            } else if !(quoted && isBlank(b)) {
                cell.append(b)
            }
            k += 1
        }
        if inQuotes { return (cells, cells.count + 1) }
        cells.append(finished(cell, quoted: quoted))
        return (cells, nil)
    }

    private static func finished(_ bytes: [UInt8], quoted: Bool) -> String {
        guard !quoted, let first = bytes.firstIndex(where: { !isBlank($0) }) else {
            return quoted ? String(decoding: bytes, as: UTF8.self) : ""
        }
        let last = bytes.lastIndex(where: { !isBlank($0) })!
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// Calls `body` with each cell of a line that holds no quote, in order, without the blanks
    /// around it.
    static func forEachUnquotedCell<Bytes: BidirectionalCollection<UInt8>>(
        of line: Bytes, _ body: (Bytes.SubSequence) -> Void
    ) {
        var start = line.startIndex
        while let comma = line[start...].firstIndex(of: comma) {
            body(trimmed(line[start..<comma]))
            start = line.index(after: comma)
        }
        body(trimmed(line[start...]))
    }

    /// `cell` without the blanks around it.
    private static func trimmed<Bytes: BidirectionalCollection<UInt8>>(_ cell: Bytes) -> Bytes.SubSequence {
        guard let first = cell.firstIndex(where: { !isBlank($0) }) else { return cell[cell.endIndex...] }
        return cell[first...cell.lastIndex(where: { !isBlank($0) })!]
    }
}
