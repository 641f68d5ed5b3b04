import ArgumentParser
import NeuralCore
import Session

/// The model options shared by every subcommand that trains (docs/DESIGN.md §4).
///
/// Numbers are parsed `.unconditional`ly, so a negative value ("--learning-rate -1") reaches the
/// validation, which names the option and the allowed range, instead of reading as an option.
struct ModelArguments: ParsableArguments {
    @Option(help: "A built-in data set (\(BuiltInDataSets.names.joined(separator: ", "))) or a CSV file.")
    var dataset = "xor3"
    @Option(help: "The whole shape, e.g. 3,4,1 or 3-4-1 (default: the data set's, inputs,4,outputs for most).")
    var layers: String?
    @Option(
        help:
            "Hidden-layer activation: \(HiddenActivationChoice.choiceList) (default: the data set's, sigmoid for most)."
    )
    var activation: HiddenActivationChoice?
    @Option(
        name: .customLong("output-activation"),
        help: "Output activation: \(OutputActivationChoice.choiceList) (default sigmoid).")
    var outputActivation: OutputActivationChoice?
    @Option(help: "Loss: \(Loss.choiceList) (default mse).")
    var loss: Loss?
    @Option(
        name: .customLong("learning-rate"), parsing: .unconditional,
        help: "SGD learning rate (> 0; default: the data set's, 1 for most — `neuroglow datasets` lists them).")
    var learningRate: Double?
    @Option(parsing: .unconditional, help: "SGD momentum, 0 ≤ m < 1.")
    var momentum = 0.0
    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "Examples per weight update.")
    var batchSize = 1
    @Flag(inversion: .prefixedNo, help: "Give neurons biases (default: on, except for xor3 as in the video).")
    var bias: Bool?
    @Option(
        help: "Weight initialisation: \(WeightInitialization.choiceList) (default: the data set's, uniform for most).")
    var `init`: WeightInitialization?
    @Option(
        parsing: .unconditional,
        help: "Training iterations, one pass over the data set each (default: the data set's, 60000 for most).")
    var iterations: Int?
    @Option(parsing: .unconditional, help: "Seed for the weights, the 2-D data sets and shuffling.")
    var seed: Int = 1
    @Flag(help: "Visit the examples in a new seeded order every iteration.")
    var shuffle = false
    @Option(help: "Start from a model file (it brings its own shape, activations and biases).")
    var load: String?
    @Option(
        help: "A CSV input column whose values are categories: one 0/1 input per value (repeat for several).")
    var categorical: [String] = []
    @Option(
        help: """
            A CSV column to learn (repeat for several; default: columns headed y…, target…, label or class, \
            else the last).
            """)
    var target: [String] = []
    @Option(help: "A CSV column to leave out, such as a row number or a name (repeat for several).")
    var ignore: [String] = []
    @Flag(
        name: .customLong("no-standardize"),
        help: """
            Give a CSV's inputs to the network as they are (default: standardised with the training part's \
            mean and deviation).
            """)
    var noStandardize = false
    @Option(parsing: .unconditional, help: "Scatter the 2-D sets' points, 0–50 (as in TensorFlow Playground).")
    var noise = 0
    @Option(
        name: .customLong("test-fraction"), parsing: .unconditional,
        help:
            """
            Keep this share of the examples aside as test data, 0–0.9 (default 0.5 for the 2-D sets, 0.2 for \
            digits, else 0).
            """
    )
    var testFraction: Double?
    @Option(
        help: """
            Train a second network beside the first, differing in these model options, e.g. "learning-rate=3" or \
            "activation=tanh,learning-rate=0.3" (same data, seed and timeline).
            """)
    var compare: String?
    @Option(help: "The CSV's inputs form an image of WIDTHxHEIGHT pixels, row by row (drawn, and painted on, as one).")
    var image: String?

    /// The session, and with `--compare` the two compared sessions (whose first is the session).
    func plans(schedule: ScheduleOptions = ScheduleOptions()) throws(InputError) -> (
        plan: SessionPlan, compared: ComparedPlans?
    ) {
        let options = try resolved()
        guard let compare else { return (try SessionPlan.make(model: options, schedule: schedule), nil) }
        let compared = try ComparedPlans.make(
            model: options, schedule: schedule, comparison: try Comparison(parsing: compare))
        return (compared.first, compared)
    }

    /// The options as plain values; errors name the option, the value and what is allowed.
    func resolved() throws(InputError) -> ModelOptions {
        var options = ModelOptions()
        options.dataSet = dataset
        if let layers { options.layers = try ModelOptions.parseLayers(layers) }
        options.activation = activation?.activation
        options.outputActivation = outputActivation?.activation
        options.loss = loss
        options.learningRate = learningRate
        options.momentum = momentum
        options.batchSize = batchSize
        options.bias = bias
        options.initialization = self.`init`
        options.iterations = iterations
        guard seed >= 0 else { throw InputError("--seed \(seed): expected a whole number of at least 0") }
        options.seed = UInt64(seed)
        options.shuffle = shuffle
        options.loadPath = load
        options.noise = noise
        options.standardize = !noStandardize
        options.categorical = categorical
        options.targets = target
        options.ignored = ignore
        options.testFraction = testFraction
        if let image { options.imageShape = try ImageShape.parse(image) }
        options.digitGlyphs = try ShippedFont.glyphs(forDataSet: dataset)
        return options
    }
}
