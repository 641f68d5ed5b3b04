import NeuralCore

extension DataSet {
    /// A note naming the input columns (`columns`, indices) whose values never change in the
    /// training part: standardising leaves them at 0, so the network learns nothing from them.
    /// One note for all of them, naming at most three: an MNIST file has dozens of blank border
    /// pixels, and a note each buried everything else. Nil when there are none.
    func constantColumnsNote(_ columns: [Int]) -> String? {
        let names = columns.map { "'\(inputNames[$0])'" }
        switch names.count {
        case 0: return nil
        case 1: return "input column \(names[0]) is constant; the network sees it as 0"
        case 2, 3:
            return "input columns \(names.dropLast().joined(separator: ", ")) and \(names.last!) are constant; "
                + "the network sees them as 0"
        default:
            return "\(names.count) input columns are constant (\(names.prefix(3).joined(separator: ", ")), …); "
                + "the network sees them as 0"
        }
    }

    /// A note for inputs that would make a square image of at least 8×8 (MNIST's 784 are 28 rows
    /// of 28) and are not declared one: `--image` draws them as an image. Nil otherwise.
    var squareImageNote: String? {
        let side = Int(Double(inputCount).squareRoot())
        guard imageShape == nil, side >= 8, side * side == inputCount else { return nil }
        return "the \(inputCount) inputs are \(side) rows of \(side); if they are an image's pixels, "
            + "--image \(side)x\(side) draws them as one"
    }
}
