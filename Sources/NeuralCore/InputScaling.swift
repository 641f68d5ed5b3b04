/// How a data set's inputs are standardised for the network: each input minus its mean, over its
/// standard deviation, with the statistics of the training part only (the test part and the
/// user's values are scaled with the same numbers). A constant input (deviation 0) is centred
/// and left unscaled, so it is 0 for the network.
public struct InputScaling: Sendable, Equatable {
    public let means: [Double]
    public let deviations: [Double]

    public init(means: [Double], deviations: [Double]) {
        precondition(means.count == deviations.count && deviations.allSatisfy { $0 > 0 && $0.isFinite })
        self.means = means
        self.deviations = deviations
    }

    /// The statistics of `data`'s inputs (population standard deviation).
    public init(standardizing data: DataSet) {
        let n = Double(max(data.count, 1)), columns = data.inputCount
        var means = [Double](repeating: 0, count: columns), deviations = means
        for e in 0..<data.count {
            for c in 0..<columns { means[c] += data.inputs[e * columns + c] / n }
        }
        for e in 0..<data.count {
            for c in 0..<columns {
                let d = data.inputs[e * columns + c] - means[c]
                deviations[c] += d * d / n
            }
        }
        self.init(means: means, deviations: deviations.map { $0 > 1e-24 ? $0.squareRoot() : 1 })
    }

    /// For an image: every pixel mapped by the same rule, the smallest value of the training part
    /// to 0 and the largest to 1, so the picture keeps its contrast (per-column statistics would
    /// give each cell its own brightness) and the drawing pad paints in 0…1.
    public init(imageRangeOf data: DataSet) {
        let low = data.inputs.min() ?? 0, high = data.inputs.max() ?? 1
        let span = high - low > 1e-12 ? high - low : 1
        self.init(
            means: Array(repeating: low, count: data.inputCount),
            deviations: Array(repeating: span, count: data.inputCount))
    }

    /// The columns that were constant (left at 0 for the network).
    public func constantColumns(of data: DataSet) -> [Int] {
        (0..<data.inputCount).filter { c in
            (0..<data.count).allSatisfy { data.inputs[$0 * data.inputCount + c] == data.inputs[c] }
        }
    }

    /// Raw values → what the network sees.
    public func apply(_ input: [Double]) -> [Double] {
        input.indices.map { (input[$0] - means[$0]) / deviations[$0] }
    }

    /// What the network sees → raw values.
    public func invert(_ scaled: [Double]) -> [Double] {
        scaled.indices.map { invert(scaled[$0], input: $0) }
    }

    /// Input `index`'s raw value for what the network sees as `scaled`.
    public func invert(_ scaled: Double, input index: Int) -> Double { scaled * deviations[index] + means[index] }

    /// `data` with every input scaled.
    public func apply(to data: DataSet) -> DataSet {
        DataSet(
            name: data.name, inputNames: data.inputNames, targetNames: data.targetNames,
            inputs: data.inputs.indices.map { k in
                let c = k % data.inputCount
                return (data.inputs[k] - means[c]) / deviations[c]
            }, targets: data.targets, defaultsToNoBias: data.defaultsToNoBias, isRegression: data.isRegression,
            classNames: data.classNames, imageShape: data.imageShape)
    }
}
