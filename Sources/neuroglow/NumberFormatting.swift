import Glibc

/// `value` with a fixed number of decimals; a value that rounds to zero is written without a
/// sign ("0.00", never "-0.00").
func format(_ value: Double, _ decimals: Int) -> String {
    let text = String(printf: "%.\(decimals)f", value)
    let isNegativeZero = text.hasPrefix("-") && text.dropFirst().allSatisfy { $0 == "0" || $0 == "." }
    return isNegativeZero ? String(text.dropFirst()) : text
}
/// A vector as "[0.12, 3.40]", two decimals. Past a dozen values (a wide CSV's hundreds of
/// inputs would fill the terminal) its first eight and how many more:
/// "[0.00, 37.00, 200.00, 0.00, 0.00, 0.00, 0.00, 0.00, … 776 more]".
func vector(_ values: [Double]) -> String {
    let written = values.count > 12 ? Array(values.prefix(8)) : values
    let rest = values.count - written.count
    return "[" + written.map { format($0, 2) }.joined(separator: ", ") + (rest > 0 ? ", … \(rest) more]" : "]")
}
