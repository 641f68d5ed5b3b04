import Glibc

/// `value` with a fixed number of decimals; a value that rounds to zero is written without a
/// sign ("0.00", never "-0.00").
func format(_ value: Double, _ decimals: Int) -> String {
    let text = String(printf: "%.\(decimals)f", value)
    return text.hasPrefix("-") && !text.contains(where: { $0 >= "1" && $0 <= "9" }) ? String(text.dropFirst()) : text
}
/// A vector as "[0.12, 3.40]", two decimals.
func vector(_ values: [Double]) -> String { "[" + values.map { format($0, 2) }.joined(separator: ", ") + "]" }
