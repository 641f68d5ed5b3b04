import NeuralCore

/// What a data set trains with when the command line leaves it open: chosen per built-in set so
/// each learns visibly within the default playback (every one reaches ≥ 95 % training accuracy,
/// or R² ≥ 0.9, in a few seconds of `neuroglow train`). Any option overrides its part.
public struct DataSetDefaults: Sendable, Equatable {
    /// Hidden layer sizes (the input and output sizes come from the data).
    public var hiddenLayers: [Int] = [4]
    public var activation = Activation.sigmoid
    public var outputActivation = Activation.sigmoid
    public var loss = Loss.mse
    public var learningRate = 1.0
    public var iterations = 60_000
    public var batchSize = 1
    public var initialization = WeightInitialization.uniform

    /// The defaults of the data set called `name` (a CSV file gets the general ones).
    public static func named(_ name: String) -> DataSetDefaults {
        var defaults = DataSetDefaults()
        switch name {
        case "parity4":
            // Four-bit parity needs more than four hidden units to separate its 16 rows.
            defaults.hiddenLayers = [8]
        case "spiral":
            // Two interleaved arms: two tanh layers and a small rate; 5,000 passes over its points.
            defaults.hiddenLayers = [16, 16]
            defaults.activation = .tanh
            defaults.learningRate = 0.03
            defaults.iterations = 5_000
        case "digits":
            // Ten classes from 144 pixels: softmax with cross-entropy over 32 sigmoid units.
            defaults.hiddenLayers = [32]
            defaults.outputActivation = .softmax
            defaults.loss = .ce
            defaults.learningRate = 0.05
            defaults.iterations = 60
            // Small first weights (±0.18 rather than ±1), so what each neuron learns to look for
            // soon outweighs where it started and its receptive field shows it.
            defaults.initialization = .xavier
        default:
            break
        }
        return defaults
    }

    /// The defaults for a data set read from a file, sized to it so training takes seconds: one
    /// hidden layer of inputs + outputs neurons (4 to 32), about two million example-steps
    /// (100 to 60,000 passes); named classes take softmax with cross-entropy (three or more) or
    /// BCE on one sigmoid output (two). Numeric targets beyond 0…1, which a sigmoid output cannot
    /// reach, take a linear output and a learning rate scaled to their spread (`regressionRate`).
    public static func sized(to data: DataSet) -> DataSetDefaults {
        var defaults = DataSetDefaults()
        defaults.hiddenLayers = [min(max(data.inputCount + data.targetCount, 4), 32)]
        defaults.iterations = min(max(2_000_000 / max(data.count, 1), 100), 60_000)
        if let classes = data.classNames {
            if classes.count > 2 {
                defaults.outputActivation = .softmax
                defaults.loss = .ce
            } else {
                defaults.loss = .bce
            }
        } else if data.isRegression, data.targets.contains(where: { !(0...1).contains($0) }) {
            defaults.outputActivation = .linear
            defaults.learningRate = regressionRate(data.targets)
        }
        return defaults
    }

    /// A learning rate for a linear output fitting `targets` (its bias starting at their mean,
    /// `Network.centringLinearOutputs`): 0.3 over their standard deviation, at most 0.3. Steps
    /// grow with the targets' size, and a rate of 1 diverges on targets in the tens. On a smooth
    /// function of two inputs scaled by 0.1 to 1,000 (offsets up to 1,000) this rate reached
    /// R² 0.91–1.0 at every scale; `DataSetDefaultsTests` trains two such files end to end.
    static func regressionRate(_ targets: [Double]) -> Double {
        let n = Double(max(targets.count, 1))
        let mean = targets.reduce(0, +) / n
        let deviation = (targets.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        return min(0.3, 0.3 / max(deviation, 1e-12))
    }
}
