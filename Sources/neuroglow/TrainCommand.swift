import ArgumentParser
import Dispatch
import Glibc
import NeuralCore
import Session

/// `neuroglow train`: trains without a window and reports the result.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train without a window and print the result.")

    @OptionGroup var model: ModelArguments
    @Option(help: "Also print the trained network's output for this input, e.g. 1,1,0.")
    var predict: String?
    @Option(help: "Write the trained model to this file (JSON).")
    var save: String?
    @Flag(help: "Print one JSON object instead of text.")
    var json = false
    @Flag(name: .customLong("all-examples"), help: "List every example with its output (default: the first 50).")
    var allExamples = false

    mutating func run() throws {
        let (plan, compared) = try validating { try model.plans() }
        for note in plan.notes { report("neuroglow: \(note)") }
        // --predict takes raw values, as the CSV holds them; the network sees them scaled.
        let rawQuery = try predict.map { text in
            try validating { try parseVector(text, option: "--predict", count: plan.dataSet.inputCount) }
        }
        let query = rawQuery.map { plan.inputScaling?.apply($0) ?? $0 }
        /// The raw values of an example's scaled inputs, as the user's file holds them.
        func raw(_ scaled: [Double]) -> [Double] { plan.inputScaling?.invert(scaled) ?? scaled }
        let trainer = Trainer(network: plan.initialNetwork, dataSet: plan.dataSet, options: plan.training)
        let start = DispatchTime.now().uptimeNanoseconds
        trainer.train(iterations: plan.iterations)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let network = trainer.network
        let data = plan.dataSet
        let steps = Double(trainer.iteration * data.count)
        let loss = network.meanLoss(on: data, loss: plan.training.loss)
        if let save {
            do {
                try ModelFile.encode(network, inputScaling: plan.inputScaling).write(
                    toFile: save, atomically: true, encoding: .utf8)
            } catch {
                throw ValidationError("--save \(save): cannot write the file (\(systemReason(error)))")
            }
        }
        let shown = allExamples ? data.count : min(data.count, 50)
        if json {
            var fields: [(String, JSONValue)] = [
                ("iterations", JSONValue(trainer.iteration)),
                ("loss", JSONValue(loss)),
                ("diverged", .bool(trainer.hasDiverged)),
                (
                    "examples",
                    .array(
                        (0..<shown).map { e -> JSONValue in
                            let output = network.predict(data.input(e))
                            var example: [(String, JSONValue)] = [
                                ("input", JSONValue(raw(data.input(e)))), ("target", JSONValue(data.target(e))),
                                ("output", JSONValue(output)),
                            ]
                            if let name = data.predictedClass(output) { example.append(("class", JSONValue(name))) }
                            return .object(example)
                        })
                ),
            ]
            fields += quality(of: network, on: data)
            if let test = plan.testSet {
                fields.append(("test_loss", JSONValue(network.meanLoss(on: test, loss: plan.training.loss))))
                fields += quality(of: network, on: test).map { ("test_" + $0.0, $0.1) }
                fields.append(("test_examples", JSONValue(test.count)))
            }
            if let query, let rawQuery {
                let output = network.predict(query)
                var prediction: [(String, JSONValue)] = [
                    ("input", JSONValue(rawQuery)), ("output", JSONValue(output)),
                ]
                if let name = data.predictedClass(output) { prediction.append(("class", JSONValue(name))) }
                fields.append(("prediction", .object(prediction)))
            }
            fields += [("seconds", JSONValue(seconds)), ("steps_per_second", JSONValue(steps / max(seconds, 1e-9)))]
            if let compared { fields.append(("compare", Self.comparedResult(compared, query: query))) }
            print(JSONValue.object(fields).text)
            return
        }
        let shape = network.layout.layerSizes.map(String.init).joined(separator: "-")
        let iterations = "\(trainer.iteration) iteration\(trainer.iteration == 1 ? "" : "s")"
        print(
            "trained \(shape) on \(data.name): \(iterations), final loss "
                + "\(format(loss, 6))\(trainer.hasDiverged ? " — DIVERGED (lower the learning rate)" : "")"
        )
        for e in 0..<shown {
            // An image's hundreds of pixels would fill the terminal: it is named instead.
            let input = data.imageShape.map { "example \(e + 1) (a \($0.width)×\($0.height) image)" }
            let output = network.predict(data.input(e))
            print(
                "  \(input ?? vector(raw(data.input(e)))) → target \(vector(data.target(e)))  output \(vector(output))"
                    + (data.predictedClass(output).map { " — \($0)" } ?? ""))
        }
        if data.count > shown { print("  … \(data.count - shown) more examples") }
        for (key, value) in quality(of: network, on: data) {
            print("\(key.replacing("_", with: " ")): \(value.text)")
        }
        if let test = plan.testSet {
            print(
                "test part (\(test.count) examples, never trained on): loss "
                    + "\(format(network.meanLoss(on: test, loss: plan.training.loss), 6)), "
                    + qualityText(of: network, on: test))
        }
        if let query, let rawQuery {
            let output = network.predict(query)
            let named = data.predictedClass(output).map { " — \($0)" } ?? ""
            print("prediction for \(vector(rawQuery)): \(vector(output))\(named)")
        }
        print("\(format(seconds, 3)) s, \(format(steps / max(seconds, 1e-9) / 1e6, 2)) M example-steps/s")
        if let save { print("saved the model to \(save)") }
        if let compared { Self.printComparedResult(compared, query: query, rawQuery: rawQuery) }
    }

    /// The second compared network, trained the way the first was.
    static func trainCompared(_ compared: ComparedPlans) -> Trainer {
        let plan = compared.second
        let trainer = Trainer(network: plan.initialNetwork, dataSet: plan.dataSet, options: plan.training)
        trainer.train(iterations: plan.iterations)
        return trainer
    }

    /// The second compared network's summary under `"compare"`.
    static func comparedResult(_ compared: ComparedPlans, query: [Double]?) -> JSONValue {
        let plan = compared.second, trainer = trainCompared(compared), network = trainer.network
        var fields: [(String, JSONValue)] = [
            ("options", JSONValue(compared.comparison.caption)),
            ("same_initial_weights", .bool(compared.startTheSame)),
            ("layers", .array(network.layout.layerSizes.map(JSONValue.init))),
            ("iterations", JSONValue(trainer.iteration)),
            ("loss", JSONValue(network.meanLoss(on: plan.dataSet, loss: plan.training.loss))),
            ("diverged", .bool(trainer.hasDiverged)),
        ]
        fields += quality(of: network, on: plan.dataSet)
        if let test = plan.testSet {
            fields.append(("test_loss", JSONValue(network.meanLoss(on: test, loss: plan.training.loss))))
            fields += quality(of: network, on: test).map { ("test_" + $0.0, $0.1) }
        }
        if let query { fields.append(("prediction", .object([("output", JSONValue(network.predict(query)))]))) }
        return .object(fields)
    }

    /// The second compared network's summary as text, in the first one's words.
    static func printComparedResult(_ compared: ComparedPlans, query: [Double]?, rawQuery: [Double]?) {
        let plan = compared.second, trainer = trainCompared(compared), network = trainer.network
        let shape = network.layout.layerSizes.map(String.init).joined(separator: "-")
        let start = compared.startTheSame ? "the first network's first weights" : "first weights of its own"
        print(
            "compared with \(compared.comparison.caption): \(shape) from \(start), \(trainer.iteration) iterations, "
                + "final loss \(format(network.meanLoss(on: plan.dataSet, loss: plan.training.loss), 6))"
                + (trainer.hasDiverged ? " — DIVERGED (lower the learning rate)" : ""))
        print("  " + qualityText(of: network, on: plan.dataSet))
        if let test = plan.testSet {
            print(
                "  test part: loss \(format(network.meanLoss(on: test, loss: plan.training.loss), 6)), "
                    + qualityText(of: network, on: test))
        }
        if let query, let rawQuery {
            let output = network.predict(query)
            let named = plan.dataSet.predictedClass(output).map { " — \($0)" } ?? ""
            print("  its prediction for \(vector(rawQuery)): \(vector(output))\(named)")
        }
    }
}

/// `accuracy` (fraction right) for a classification set, `r_squared` for a regression one.
func quality(of network: Network, on data: DataSet) -> [(String, JSONValue)] {
    data.isRegression
        ? [("r_squared", JSONValue(network.rSquared(on: data)))]
        : [("accuracy", JSONValue(network.accuracy(on: data)))]
}

/// `quality` as words: "accuracy 0.94" or "r squared 0.98".
func qualityText(of network: Network, on data: DataSet) -> String {
    quality(of: network, on: data).map { "\($0.0.replacing("_", with: " ")) \($0.1.text)" }.joined(separator: ", ")
}

/// Parses "1,1,0" into exactly `count` finite numbers.
func parseVector(_ text: String, option: String, count: Int) throws(InputError) -> [Double] {
    let values = text.split(separator: ",", omittingEmptySubsequences: false).map {
        Double($0.trimmed)
    }
    guard values.count == count, values.allSatisfy({ $0?.isFinite == true }) else {
        throw InputError("\(option) \(text): expected \(count) comma-separated finite numbers (the data set's inputs)")
    }
    return values.map { $0! }
}
