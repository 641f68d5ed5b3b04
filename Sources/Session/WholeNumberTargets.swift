import NeuralCore

extension DataSet {
    /// A note for a file whose one target column holds a few whole numbers (0, 1, 2 … up to 20
    /// of them): they may be classes written as numbers, which neuroglow learns as numbers. Nil
    /// for anything else (names, 0/1, fractions, many values).
    var wholeNumberTargetsNote: String? {
        guard isRegression, classNames == nil, targetCount == 1, targets.allSatisfy({ $0 == $0.rounded() }) else {
            return nil
        }
        let values = Set(targets).sorted()
        guard (3...20).contains(values.count), let low = values.first, let high = values.last else { return nil }
        let examples = values.prefix(3).map { "c\(Int($0))" }.joined(separator: ", ") + (values.count > 3 ? ", …" : "")
        return "target '\(targetNames[0])' holds only the whole numbers \(Int(low)) to \(Int(high)): they are "
            + "learnt as numbers (regression); to learn them as classes, head the column label or class, or "
            + "write them as names (e.g. \(examples))"
    }
}
