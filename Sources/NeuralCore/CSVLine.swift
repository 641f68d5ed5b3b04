/// One CSV line split into cells (RFC 4180 within a line): cells are separated by commas outside
/// double quotes; a cell that starts with a quote (after blanks) runs to the closing quote, commas
/// included, and `""` inside it is one quote. Blanks around a cell are dropped; inside quotes
/// they are kept. A quoted cell cannot continue on the next line: numbers and class names never
/// need one, so an open quote at the end of the line is an error (`unclosedQuoteColumn`).
enum CSVLine {
    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    /// The cells, or the 1-based column whose quote is not closed on the line.
    static func cells(of line: Substring) -> (cells: [String], unclosedQuoteColumn: Int?) {
        // Most lines hold no quote: split them without looking at each byte twice.
        guard line.utf8.contains(quote) else {
            return (line.split(separator: ",", omittingEmptySubsequences: false).map(trimmed), nil)
        }
        var cells: [String] = []
        var cell: [UInt8] = []
        var quoted = false, inQuotes = false
        let bytes = Array(line.utf8)
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
            } else if b == quote, !quoted, cell.allSatisfy({ $0 == space || $0 == tab }) {
                cell = []
                quoted = true
                inQuotes = true
            } else if !(quoted && (b == space || b == tab)) {
                cell.append(b)
            }
            k += 1
        }
        if inQuotes { return (cells, cells.count + 1) }
        cells.append(finished(cell, quoted: quoted))
        return (cells, nil)
    }

    private static func finished(_ bytes: [UInt8], quoted: Bool) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return quoted ? text : trimmed(text[...])
    }

    private static func trimmed(_ cell: Substring) -> String {
        var s = cell.drop(while: { $0 == " " || $0 == "\t" })
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
