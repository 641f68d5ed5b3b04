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
    /// BCE on one sigmoid output (two).
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
        }
        return defaults
    }
}
