import Foundation
import NeuralCore
import Playback

/// Everything a session needs before it runs: the data, the untrained network, how to train it
/// and how to show it. Built from user options, with every problem reported before any window opens.
public struct SessionPlan: Sendable {
    public let dataSet: DataSet
    public let initialNetwork: Network
    public let training: TrainingOptions
    public let iterations: Int
    public let schedule: ScheduleOptions
    public let model: ModelOptions

    public init(dataSet: DataSet, initialNetwork: Network, training: TrainingOptions, iterations: Int,
                schedule: ScheduleOptions, model: ModelOptions = ModelOptions()) {
        self.dataSet = dataSet
        self.initialNetwork = initialNetwork
        self.training = training
        self.iterations = iterations
        self.schedule = schedule
        self.model = model
    }

    /// Resolves options into a plan: loads the data set (built-in name or CSV path) and the model
    /// file if any, fills in the data set's defaults, and checks that everything fits together.
    public static func make(model: ModelOptions, schedule: ScheduleOptions = ScheduleOptions()) throws(InputError) -> SessionPlan {
        try model.validate()
        try schedule.validate()
        let dataSet = try loadDataSet(model.dataSet, seed: model.seed)
        let output = model.outputActivation ?? .sigmoid
        let loss = model.loss ?? .mse
        if !loss.allowedOutputActivations.contains(output) {
            throw InputError("--loss \(loss.rawValue) with --output-activation \(output.rawValue): \(loss.rawValue) needs " +
                             loss.allowedOutputActivations.map(\.rawValue).joined(separator: " or ") + " outputs")
        }
        let network: Network
        if let path = model.loadPath {
            network = try loadModel(path)
            if model.layers != nil, model.layers != network.layout.layerSizes {
                throw InputError("--layers \(model.layers!.map(String.init).joined(separator: ",")) and --load \(path): the model file brings its own shape \(network.layout.layerSizes.map(String.init).joined(separator: ",")); drop --layers")
            }
        } else {
            let layers = model.layers ?? [dataSet.inputCount, 4, dataSet.targetCount]
            network = Network(layerSizes: layers, hidden: model.activation, output: output,
                              usesBias: model.bias ?? !dataSet.defaultsToNoBias, initialization: model.initialization, seed: model.seed)
        }
        let shape = network.layout.layerSizes
        let shapeText = shape.map(String.init).joined(separator: ",")
        if shape.first != dataSet.inputCount || shape.last != dataSet.targetCount {
            let origin = model.loadPath.map { "--load \($0) (shape \(shapeText))" } ?? "--layers \(shapeText)"
            throw InputError("\(origin) does not fit data set '\(dataSet.name)': it has \(dataSet.inputCount) inputs and \(dataSet.targetCount) target(s), so the first layer must be \(dataSet.inputCount) and the last \(dataSet.targetCount)")
        }
        let lastActivation = network.activations.last!
        if !loss.allowedOutputActivations.contains(lastActivation) {
            throw InputError("--loss \(loss.rawValue): the model's output activation is \(lastActivation.rawValue); \(loss.rawValue) needs " +
                             loss.allowedOutputActivations.map(\.rawValue).joined(separator: " or "))
        }
        let training = TrainingOptions(loss: loss, learningRate: model.learningRate, momentum: model.momentum,
                                       batchSize: model.batchSize, shuffle: model.shuffle, seed: model.seed)
        return SessionPlan(dataSet: dataSet, initialNetwork: network, training: training, iterations: model.iterations,
                           schedule: schedule, model: model)
    }

    /// A built-in data set by name, or a CSV file by path (anything ending in .csv or containing '/').
    public static func loadDataSet(_ nameOrPath: String, seed: UInt64) throws(InputError) -> DataSet {
        if let builtIn = BuiltInDataSets.named(nameOrPath, seed: seed) { return builtIn }
        guard nameOrPath.lowercased().hasSuffix(".csv") || nameOrPath.contains("/") else {
            throw InputError("--dataset \(nameOrPath): unknown data set; expected one of \(BuiltInDataSets.names.joined(separator: ", ")) or a path to a .csv file")
        }
        let text = try readText(nameOrPath, option: "--dataset")
        return try CSVDataSet.parse(text, name: nameOrPath)
    }

    public static func loadModel(_ path: String) throws(InputError) -> Network {
        try ModelFile.decode(try readText(path, option: "--load"), source: path)
    }

    /// Reads a UTF-8 text file of at most 256 MiB; errors name the option and the path.
    static func readText(_ path: String, option: String) throws(InputError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError("\(option) \(path): cannot open the file (missing or not readable)")
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.readToEnd() ?? Data() } catch {
            throw InputError("\(option) \(path): cannot read the file (\(error.localizedDescription))")
        }
        if data.count > 256 << 20 { throw InputError("\(option) \(path): the file is larger than 256 MiB") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError("\(option) \(path): the file is not UTF-8 text")
        }
        return text
    }
}
