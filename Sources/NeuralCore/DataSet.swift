/// A training set: rows of inputs with their targets, stored flat.
public struct DataSet: Sendable, Equatable {
    public let name: String
    public let inputNames: [String]
    public let targetNames: [String]
    /// `count × inputCount` values, row by row.
    public let inputs: [Double]
    /// `count × targetCount` values, row by row.
    public let targets: [Double]
    /// Whether a bias-free network is this set's natural default (only the video's xor3).
    public let defaultsToNoBias: Bool
    /// Whether targets are continuous (regression) rather than classes.
    public let isRegression: Bool
    /// The classes' names when the targets came from a column of names (CSV): with two classes
    /// the one target is 1 for the second; with more, target k is class k.
    public let classNames: [String]?
    /// The class each output stands for, when the targets are one-hot classes (one name per
    /// target, at least two); nil otherwise. Outputs are named by these where a number would
    /// read as a class.
    public var outputClasses: [String]? {
        guard let classNames, classNames.count == targetCount, targetCount > 1 else { return nil }
        return classNames
    }
    /// The grid the inputs form when they are an image (`digits`, `--image WxH`), else nil.
    public let imageShape: ImageShape?

    /// Precondition: the flat arrays hold whole rows; an image shape has one cell per input.
    public init(
        name: String, inputNames: [String], targetNames: [String], inputs: [Double], targets: [Double],
        defaultsToNoBias: Bool = false, isRegression: Bool = false, classNames: [String]? = nil,
        imageShape: ImageShape? = nil
    ) {
        precondition(!inputNames.isEmpty && !targetNames.isEmpty)
        precondition(inputs.count % inputNames.count == 0 && targets.count % targetNames.count == 0)
        precondition(inputs.count / inputNames.count == targets.count / targetNames.count)
        self.name = name
        self.inputNames = inputNames
        self.targetNames = targetNames
        self.inputs = inputs
        self.targets = targets
        self.defaultsToNoBias = defaultsToNoBias
        self.isRegression = isRegression
        self.classNames = classNames
        precondition(imageShape == nil || imageShape!.cellCount == inputNames.count)
        self.imageShape = imageShape
    }

    /// The same examples with their inputs declared an image of `shape` (`--image WxH`).
    public func withImageShape(_ shape: ImageShape) throws(InputError) -> DataSet {
        guard shape.cellCount == inputCount else {
            throw InputError(
                "--image \(shape.width)x\(shape.height): that is \(shape.cellCount) pixels, but data set "
                    + "'\(name)' has \(inputCount) input column\(inputCount == 1 ? "" : "s")")
        }
        return DataSet(
            name: name, inputNames: inputNames, targetNames: targetNames, inputs: inputs, targets: targets,
            defaultsToNoBias: defaultsToNoBias, isRegression: isRegression, classNames: classNames,
            imageShape: shape)
    }

    /// The class an output vector predicts, by name, for a set with named classes.
    public func predictedClass(_ outputs: [Double]) -> String? {
        guard let classNames else { return nil }
        if outputs.count == 1 { return classNames[outputs[0] >= 0.5 ? 1 : 0] }
        return outputs.indices.max { outputs[$0] < outputs[$1] }.map { classNames[$0] }
    }

    /// Convenience for small literal sets: rows of inputs and targets.
    public init(name: String, rows: [([Double], [Double])], defaultsToNoBias: Bool = false, isRegression: Bool = false)
    {
        let inputCount = rows.first?.0.count ?? 1, targetCount = rows.first?.1.count ?? 1
        self.init(
            name: name,
            inputNames: (0..<inputCount).map { "x\($0 + 1)" },
            targetNames: targetCount == 1 ? ["y"] : (0..<targetCount).map { "y\($0 + 1)" },
            inputs: rows.flatMap { $0.0 }, targets: rows.flatMap { $0.1 },
            defaultsToNoBias: defaultsToNoBias, isRegression: isRegression)
    }

    public var inputCount: Int { inputNames.count }
    public var targetCount: Int { targetNames.count }
    public var count: Int { inputs.count / inputCount }

    public func input(_ example: Int) -> [Double] {
        Array(inputs[(example * inputCount)..<((example + 1) * inputCount)])
    }

    public func target(_ example: Int) -> [Double] {
        Array(targets[(example * targetCount)..<((example + 1) * targetCount)])
    }

    /// The smallest and largest value of each input over the set (0...1 for an empty set).
    public var inputRanges: [ClosedRange<Double>] {
        (0..<inputCount).map { column in
            var low = Double.infinity, high = -Double.infinity
            for e in 0..<count {
                let v = inputs[e * inputCount + column]
                low = min(low, v)
                high = max(high, v)
            }
            return low <= high ? low...high : 0...1
        }
    }
}
