import Glibc

/// `value` with a fixed number of decimals.
func format(_ value: Double, _ decimals: Int) -> String { String(printf: "%.\(decimals)f", value) }
/// A vector as "[0.12, 3.40]", two decimals.
func vector(_ values: [Double]) -> String { "[" + values.map { format($0, 2) }.joined(separator: ", ") + "]" }
