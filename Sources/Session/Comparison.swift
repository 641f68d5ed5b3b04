import NeuralCore

/// `--compare "name=value,…"`: a second network trained beside the first on the same data, the
/// same seed and the same schedule, differing only in the model options named.
public struct Comparison: Sendable, Equatable {
    /// One option given a value, e.g. learning-rate = 3.
    public struct Change: Sendable, Equatable {
        public let name: String
        public let value: String
    }

    /// The options as given, in order.
    public let changes: [Change]

    /// The model options that may differ; everything else (the data, its split, the seed, the
    /// number of iterations) is what the two networks share.
    public static let optionNames = [
        "learning-rate", "activation", "output-activation", "loss", "layers", "momentum", "batch-size", "bias",
        "init", "shuffle",
    ]
    /// Options that exist but cannot differ, with why.
    static let shared: [String: String] = [
        "dataset": "both networks learn the same data", "noise": "both networks learn the same data",
        "test-fraction": "both networks learn the same data", "categorical": "both networks learn the same data",
        "target": "both networks learn the same data", "ignore": "both networks learn the same data",
        "image": "both networks learn the same data", "no-standardize": "both networks learn the same data",
        "seed": "the seed gives both networks their data order and, where the shapes allow, the same first weights",
        "iterations": "the two networks share one timeline", "load": "the second network starts like the first",
    ]

    /// Reads "learning-rate=0.1,activation=tanh" (a layer list keeps its commas:
    /// "layers=3,8,1,learning-rate=2"). Errors name the part and what is allowed.
    public init(parsing text: String) throws(InputError) {
        var changes: [Change] = []
        var parts: [Substring] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            if !piece.contains("="), let last = parts.last, last.trimmingSpaces.hasPrefix("layers="),
                Int(piece.trimmingSpaces) != nil
            {
                parts[parts.count - 1] = Substring(String(last) + "," + piece)
            } else {
                parts.append(piece)
            }
        }
        for part in parts {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = pieces.first.map { String($0.trimmingSpaces) } ?? ""
            guard pieces.count == 2, !name.isEmpty, !pieces[1].trimmingSpaces.isEmpty else {
                throw InputError(
                    "--compare \(text): '\(part)' is not name=value; expected model options such as "
                        + "\"learning-rate=0.1\" or \"activation=tanh,learning-rate=0.3\"")
            }
            let bare = name.hasPrefix("--") ? String(name.dropFirst(2)) : name
            if let why = Comparison.shared[bare] {
                throw InputError("--compare \(text): \(bare) cannot differ (\(why))")
            }
            guard Comparison.optionNames.contains(bare) else {
                throw InputError(
                    "--compare \(text): '\(bare)' is not a model option; expected one of "
                        + Comparison.optionNames.joined(separator: ", "))
            }
            if changes.contains(where: { $0.name == bare }) {
                throw InputError("--compare \(text): \(bare) is given twice")
            }
            changes.append(Change(name: bare, value: String(pieces[1].trimmingSpaces)))
        }
        self.changes = changes
    }

    /// What the second network's caption says differs: "learning-rate=3".
    public var caption: String { changes.map { "\($0.name)=\($0.value)" }.joined(separator: ", ") }

    /// `base` with the changes applied. Errors name `--compare`, the option and what is allowed.
    public func applied(to base: ModelOptions) throws(InputError) -> ModelOptions {
        var options = base
        for (name, value) in changes.map({ ($0.name, $0.value) }) {
            func fail(_ allowed: String) -> InputError {
                InputError("--compare \(name)=\(value): expected \(allowed)")
            }
            switch name {
            case "learning-rate":
                guard let v = Double(value) else { throw fail("a number greater than 0 and at most 1000") }
                options.learningRate = v
            case "momentum":
                guard let v = Double(value) else { throw fail("a number from 0 up to (not including) 1") }
                options.momentum = v
            case "batch-size":
                guard let v = Int(value) else { throw fail("a whole number of at least 1") }
                options.batchSize = v
            case "activation":
                guard let v = Activation(rawValue: value), Activation.hiddenChoices.contains(v) else {
                    throw fail(Activation.hiddenChoices.map(\.rawValue).joined(separator: ", "))
                }
                options.activation = v
            case "output-activation":
                guard let v = Activation(rawValue: value), Activation.outputChoices.contains(v) else {
                    throw fail(Activation.outputChoices.map(\.rawValue).joined(separator: ", "))
                }
                options.outputActivation = v
            case "loss":
                guard let v = Loss(rawValue: value) else {
                    throw fail(Loss.allCases.map(\.rawValue).joined(separator: ", "))
                }
                options.loss = v
            case "layers":
                do { options.layers = try ModelOptions.parseLayers(value) } catch {
                    throw InputError("--compare \(name)=\(value): \(error.message)")
                }
            case "bias":
                guard let v = Bool(value) else { throw fail("true or false") }
                options.bias = v
            case "init":
                guard let v = WeightInitialization(rawValue: value) else {
                    throw fail(WeightInitialization.allCases.map(\.rawValue).joined(separator: ", "))
                }
                options.initialization = v
            case "shuffle":
                guard let v = Bool(value) else { throw fail("true or false") }
                options.shuffle = v
            default:
                preconditionFailure("checked by init(parsing:)")
            }
        }
        do { try options.validate() } catch {
            throw InputError("--compare \(caption): \(error.message)")
        }
        return options
    }
}

/// Two sessions on the same data, one option apart (`--compare`): the first is the session the
/// command line describes, the second differs by `comparison`.
public struct ComparedPlans: Sendable {
    public let first: SessionPlan
    public let second: SessionPlan
    public let comparison: Comparison
    /// The captions drawn over each network: what the command line gave, and what differs.
    /// Worked out once: every frame draws them, and why the starts differ compares every weight.
    public let captions: (first: String, second: String)

    /// Two plans made elsewhere (the bench builds its own); `second` should differ from `first`
    /// only as `comparison` says.
    public init(first: SessionPlan, second: SessionPlan, comparison: Comparison) {
        self.first = first
        self.second = second
        self.comparison = comparison
        let note = Self.differentStart(first, second).map { " (its own first weights: \($0))" } ?? ""
        let base = comparison.changes.map { change in
            "\(change.name)=\(first.value(of: change.name))"
        }.joined(separator: ", ")
        captions = (base, comparison.caption + note)
    }

    /// Both plans; errors as for one, the second's naming `--compare`.
    public static func make(model: ModelOptions, schedule: ScheduleOptions, comparison: Comparison) throws(InputError)
        -> ComparedPlans
    {
        try model.validate()
        try schedule.validate()
        // The data options cannot differ (`Comparison.shared`): both plans take one prepared
        // data, the file read once and its arrays shared, not copied.
        let data = try SessionData(model: model)
        let first = try SessionPlan.make(model: model, schedule: schedule, data: data)
        let second: SessionPlan
        do {
            second = try SessionPlan.make(model: try comparison.applied(to: model), schedule: schedule, data: data)
        } catch {
            throw error.message.hasPrefix("--compare")
                ? error : InputError("--compare \(comparison.caption): \(error.message)")
        }
        // Values the session already has ("learning-rate=0.05" where its default is 0.05) would
        // draw one network twice; said before any training, with what the session uses.
        if comparison.changes.allSatisfy({ first.value(of: $0.name) == second.value(of: $0.name) }) {
            let inForce = comparison.changes.map { "\($0.name)=\(first.value(of: $0.name))" }
            throw InputError(
                "--compare \(comparison.caption): the session already has \(inForce.joined(separator: ", ")), so "
                    + "both networks would learn the same; give a value it does not have")
        }
        return ComparedPlans(first: first, second: second, comparison: comparison)
    }

    /// Whether both networks start from the same weights (same shape, initialisation and biases;
    /// activations may differ).
    public var startTheSame: Bool { Self.startTheSame(first, second) }

    /// Why the second network starts from other weights, or nil when it starts from the same.
    public var differentStart: String? { Self.differentStart(first, second) }

    private static func startTheSame(_ first: SessionPlan, _ second: SessionPlan) -> Bool {
        first.initialNetwork.layout.layerSizes == second.initialNetwork.layout.layerSizes
            && first.initialNetwork.parameters == second.initialNetwork.parameters
    }

    private static func differentStart(_ first: SessionPlan, _ second: SessionPlan) -> String? {
        guard !startTheSame(first, second) else { return nil }
        let a = first.initialNetwork.layout, b = second.initialNetwork.layout
        if a.layerSizes != b.layerSizes { return "the shapes differ" }
        if a.usesBias != b.usesBias { return "one has biases" }
        let outputBiases = Set((0..<a.outputCount).map { a.biasIndex(layer: a.layerSizes.count - 2, neuron: $0) })
        let differing = first.initialNetwork.parameters.indices.filter {
            first.initialNetwork.parameters[$0] != second.initialNetwork.parameters[$0]
        }
        if differing.allSatisfy(outputBiases.contains) { return "a linear output starts at the targets' mean" }
        return "another initialisation"
    }
}

extension SessionPlan {
    /// The value in force of the model option `name` (one of `Comparison.optionNames`), as text.
    func value(of name: String) -> String {
        let network = initialNetwork
        switch name {
        case "learning-rate": return shortNumber(training.learningRate)
        case "momentum": return shortNumber(training.momentum)
        case "batch-size": return String(training.batchSize)
        case "activation": return network.activations.first!.rawValue
        case "output-activation": return network.activations.last!.rawValue
        case "loss": return training.loss.rawValue
        case "layers": return network.layout.layerSizes.map(String.init).joined(separator: ",")
        case "bias": return String(network.layout.usesBias)
        case "init": return initialization.rawValue
        case "shuffle": return String(training.shuffle)
        default: return "?"
        }
    }

    private func shortNumber(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : String(v) }
}
