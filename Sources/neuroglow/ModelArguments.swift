import ArgumentParser
import NeuralCore
import Session

/// The model options shared by every subcommand that trains (DESIGN.md §4).
struct ModelArguments: ParsableArguments {
    @Option(help: "A built-in data set (\(BuiltInDataSets.names.joined(separator: ", "))) or a CSV file.")
    var dataset = "xor3"
    @Option(help: "The whole shape, e.g. 3,4,1 (default: inputs,4,outputs of the data set).")
    var layers: String?
    @Option(help: "Hidden-layer activation: \(Activation.hiddenChoices.map(\.rawValue).joined(separator: "|")).")
    var activation = "sigmoid"
    @Option(name: .customLong("output-activation"), help: "Output activation: \(Activation.outputChoices.map(\.rawValue).joined(separator: "|")) (default sigmoid).")
    var outputActivation: String?
    @Option(help: "Loss: \(Loss.allCases.map(\.rawValue).joined(separator: "|")) (default mse).")
    var loss: String?
    @Option(name: .customLong("learning-rate"), help: "SGD learning rate (> 0).")
    var learningRate = 1.0
    @Option(help: "SGD momentum, 0 ≤ m < 1.")
    var momentum = 0.0
    @Option(name: .customLong("batch-size"), help: "Examples per weight update.")
    var batchSize = 1
    @Flag(inversion: .prefixedNo, help: "Give neurons biases (default: on, except for xor3 as in the video).")
    var bias: Bool?
    @Option(help: "Weight initialisation: \(WeightInitialization.allCases.map(\.rawValue).joined(separator: "|")).")
    var `init` = "uniform"
    @Option(help: "Training iterations (one iteration = one pass over the data set).")
    var iterations = 60_000
    @Option(help: "Seed for the weights, the 2-D data sets and shuffling.")
    var seed: Int = 1
    @Flag(help: "Visit the examples in a new seeded order every iteration.")
    var shuffle = false
    @Option(help: "Start from a model file (it brings its own shape).")
    var load: String?

    /// The options as plain values; errors name the option, the value and what is allowed.
    func resolved() throws(InputError) -> ModelOptions {
        var options = ModelOptions()
        options.dataSet = dataset
        if let layers { options.layers = try ModelOptions.parseLayers(layers) }
        options.activation = try choice(activation, "--activation", Activation.hiddenChoices)
        if let outputActivation { options.outputActivation = try choice(outputActivation, "--output-activation", Activation.outputChoices) }
        if let loss { options.loss = try choice(loss, "--loss", Loss.allCases) }
        options.learningRate = learningRate
        options.momentum = momentum
        options.batchSize = batchSize
        options.bias = bias
        options.initialization = try choice(self.`init`, "--init", WeightInitialization.allCases)
        options.iterations = iterations
        guard seed >= 0 else { throw InputError("--seed \(seed): expected a whole number of at least 0") }
        options.seed = UInt64(seed)
        options.shuffle = shuffle
        options.loadPath = load
        return options
    }
}

/// Picks the named case or throws a message listing what is allowed.
func choice<T: RawRepresentable>(_ text: String, _ option: String, _ allowed: [T]) throws(InputError) -> T where T.RawValue == String {
    guard let value = T(rawValue: text), allowed.contains(where: { $0.rawValue == value.rawValue }) else {
        throw InputError("\(option) \(text): expected one of \(allowed.map(\.rawValue).joined(separator: ", "))")
    }
    return value
}
