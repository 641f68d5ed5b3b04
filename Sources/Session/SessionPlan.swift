import Glibc
import NeuralCore
import Playback

/// Everything a session needs before it runs: the data, the untrained network, how to train it
/// and how to show it. Built from user options, with every problem reported before any window opens.
public struct SessionPlan: Sendable {
    /// The examples the trainer learns from (the training part).
    public let dataSet: DataSet
    /// The examples kept aside to measure how the network does on data it never saw, if any.
    public let testSet: DataSet?
    /// How raw input values become what the network sees (CSV data, unless `--no-standardize`):
    /// `dataSet` and `testSet` hold scaled inputs; the picture shows raw ones.
    public let inputScaling: InputScaling?
    /// Things the user should know about the data as it was read (a constant column, say).
    public let notes: [String]
    public let initialNetwork: Network
    public let training: TrainingOptions
    public let iterations: Int
    public let schedule: ScheduleOptions
    public let model: ModelOptions
    /// How the untrained weights were drawn (the option, or the data set's default).
    public var initialization: WeightInitialization {
        model.initialization
            ?? (BuiltInDataSets.isBuiltIn(model.dataSet)
                ? DataSetDefaults.named(model.dataSet).initialization : .uniform)
    }

    public init(
        dataSet: DataSet, initialNetwork: Network, training: TrainingOptions, iterations: Int,
        schedule: ScheduleOptions, model: ModelOptions = ModelOptions(), testSet: DataSet? = nil,
        inputScaling: InputScaling? = nil, notes: [String] = []
    ) {
        self.dataSet = dataSet
        self.testSet = testSet
        self.inputScaling = inputScaling
        self.notes = notes
        self.initialNetwork = initialNetwork
        self.training = training
        self.iterations = iterations
        self.schedule = schedule
        self.model = model
    }

    /// Resolves options into a plan: loads the data set (built-in name or CSV path) and the model
    /// file if any, fills in the data set's defaults, and checks that everything fits together.
    public static func make(model: ModelOptions, schedule: ScheduleOptions = ScheduleOptions()) throws(InputError)
        -> SessionPlan
    {
        try model.validate()
        try schedule.validate()
        return try make(model: model, schedule: schedule, data: SessionData(model: model))
    }

    /// The plan for `model` on data already prepared from the same data options (`--compare`
    /// gives both of its plans one `SessionData`).
    static func make(model: ModelOptions, schedule: ScheduleOptions, data: SessionData) throws(InputError)
        -> SessionPlan
    {
        let dataSet = data.dataSet, defaults = data.defaults, scaling = data.inputScaling
        var notes = data.notes
        if !model.shuffle, let note = data.sortedByClassNote { notes.append(note) }
        if model.batchSize > dataSet.count {
            notes.append(
                "--batch-size \(model.batchSize) is more than the \(dataSet.count) training examples: each weight "
                    + "update takes all of them, once an iteration")
        }
        let loss = model.loss ?? defaults.loss
        let network: Network
        if let path = model.loadPath, let text = data.loadedText {
            network = try ModelFile.decode(text, source: "--load \(path)")
            try checkAgreement(of: model, withModelIn: path, network)
        } else {
            let layers = model.layers ?? [dataSet.inputCount] + defaults.hiddenLayers + [dataSet.targetCount]
            let fresh = Network(
                layerSizes: layers, hidden: model.activation ?? defaults.activation,
                output: model.outputActivation ?? defaults.outputActivation,
                usesBias: model.bias ?? !dataSet.defaultsToNoBias,
                initialization: model.initialization ?? defaults.initialization,
                seed: model.seed)
            network = dataSet.isRegression ? fresh.centringLinearOutputs(on: dataSet) : fresh
        }
        let shape = network.layout.layerSizes
        let shapeText = shape.map(String.init).joined(separator: ",")
        if shape.first != dataSet.inputCount || shape.last != dataSet.targetCount {
            let origin = model.loadPath.map { "--load \($0) (shape \(shapeText))" } ?? "--layers \(shapeText)"
            throw InputError(
                "\(origin) does not fit data set '\(dataSet.name)': it has \(dataSet.inputCount) inputs and "
                    + "\(dataSet.targetCount) target(s), so the first layer must be \(dataSet.inputCount) and the "
                    + "last \(dataSet.targetCount)"
            )
        }
        try checkOutputs(of: network, loss: loss, model: model, dataSetName: dataSet.name)
        let training = TrainingOptions(
            loss: loss, learningRate: model.learningRate ?? defaults.learningRate, momentum: model.momentum,
            batchSize: model.batchSize, shuffle: model.shuffle, seed: model.seed)
        return SessionPlan(
            dataSet: dataSet, initialNetwork: network, training: training,
            iterations: model.iterations ?? defaults.iterations,
            schedule: schedule, model: model, testSet: data.testSet, inputScaling: scaling, notes: notes)
    }

    /// Refuses an output layer that cannot learn: a loss its activation does not suit, or a
    /// softmax over one neuron (always 1, whatever the weights). The message names where each
    /// choice came from: the option typed, the data set's default or the model file.
    static func checkOutputs(of network: Network, loss: Loss, model: ModelOptions, dataSetName: String)
        throws(InputError)
    {
        let output = network.activations.last!
        let byDefault = " (the default for \(dataSetName))"
        let outputOrigin =
            model.loadPath.map { "the model in \($0) has \(output.rawValue) outputs" }
            ?? "--output-activation \(output.rawValue)\(model.outputActivation == nil ? byDefault : "")"
        if output == .softmax && network.layout.outputCount == 1 {
            throw InputError(
                "\(outputOrigin) with 1 output: a softmax over one neuron is always 1, so it cannot learn; "
                    + "softmax needs 2 or more outputs (one output takes sigmoid or linear)")
        }
        if !loss.allowedOutputActivations.contains(output) {
            let needs = loss.allowedOutputActivations.map(\.rawValue).joined(separator: " or ")
            let lossOrigin = "--loss \(loss.rawValue)\(model.loss == nil ? byDefault : "")"
            throw InputError("\(lossOrigin) with \(outputOrigin): \(loss.rawValue) needs \(needs) outputs")
        }
    }

    /// Refuses shape options given with `--load` that the model file contradicts: the file
    /// brings its own shape, activations and biases. Options that agree with it are accepted.
    static func checkAgreement(of model: ModelOptions, withModelIn path: String, _ network: Network) throws(InputError)
    {
        func conflict(_ option: String, _ given: String, _ file: String, _ what: String) -> InputError {
            InputError(
                "\(option) \(given) and --load \(path): the model file has \(what) \(file); drop \(option) (the "
                    + "model brings its own)"
            )
        }
        let layout = network.layout
        if let layers = model.layers, layers != layout.layerSizes {
            let list = { (sizes: [Int]) in sizes.map(String.init).joined(separator: ",") }
            throw conflict("--layers", list(layers), list(layout.layerSizes), "the shape")
        }
        let hidden = network.activations.dropLast()
        if let activation = model.activation, let own = hidden.first, hidden.contains(where: { $0 != activation }) {
            throw conflict("--activation", activation.rawValue, own.rawValue, "hidden activation")
        }
        if let output = model.outputActivation, let own = network.activations.last, own != output {
            throw conflict("--output-activation", output.rawValue, own.rawValue, "output activation")
        }
        if let bias = model.bias, bias != layout.usesBias {
            throw InputError(
                "--\(bias ? "bias" : "no-bias") and --load \(path): the model file has "
                    + "\(layout.usesBias ? "biases" : "no biases"); drop --\(bias ? "bias" : "no-bias") (the "
                    + "model brings its own)"
            )
        }
    }

    /// A built-in data set by name (`digits` drawn from `digitGlyphs`), or a CSV file by path
    /// (anything ending in .csv or containing '/'), with its `categorical` inputs, its `targets`
    /// (`--target`) and its `ignored` columns (`--ignore`) if any.
    public static func loadDataSet(
        _ nameOrPath: String, seed: UInt64, noise: Int = 0, categorical: [String] = [], targets: [String] = [],
        ignored: [String] = [], digitGlyphs: [CoverageImage]? = nil
    ) throws(InputError) -> DataSet {
        if nameOrPath == "digits" && digitGlyphs == nil {
            throw InputError("--dataset digits: the font's digits were not loaded (is DejaVuSans.ttf in Assets/?)")
        }
        if let builtIn = BuiltInDataSets.named(nameOrPath, seed: seed, noise: noise, digitGlyphs: digitGlyphs) {
            if let column = categorical.first {
                throw InputError("--categorical \(column): only a CSV file's columns can be categorical")
            }
            if let column = targets.first {
                throw InputError("--target \(column): only a CSV file's columns can be chosen as targets")
            }
            if let column = ignored.first {
                throw InputError("--ignore \(column): only a CSV file's columns can be ignored")
            }
            return builtIn
        }
        guard nameOrPath.lowercased().hasSuffix(".csv") || nameOrPath.contains("/") else {
            throw InputError(
                "--dataset \(nameOrPath): unknown data set; expected one of "
                    + "\(BuiltInDataSets.names.joined(separator: ", ")) or a path to a .csv file"
            )
        }
        let text = try readText(nameOrPath, option: "--dataset")
        return try CSVDataSet.parse(
            text, name: nameOrPath, categorical: categorical, targets: targets, ignored: ignored)
    }

    /// Reads a UTF-8 text file of at most 256 MiB; errors name the option and the path.
    static func readText(_ path: String, option: String) throws(InputError) -> String {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else {
            throw InputError("\(option) \(path): cannot open the file (missing or not readable)")
        }
        defer { close(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(file, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError("\(option) \(path): cannot read the file (\(String(cString: strerror(errno))))")
            }
            bytes += chunk[0..<count]
            if bytes.count > 256 << 20 { throw InputError("\(option) \(path): the file is larger than 256 MiB") }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputError("\(option) \(path): the file is not UTF-8 text")
        }
        return text
    }
}
