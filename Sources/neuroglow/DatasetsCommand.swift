import ArgumentParser
import NeuralCore
import Session

/// `neuroglow datasets`: the built-in data sets, their sizes and the defaults each trains with.
struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "List the built-in data sets with their sizes and defaults, or describe a CSV file.")

    @Flag(help: "Print one JSON object.")
    var json = false
    @Option(help: "Describe what neuroglow makes of this CSV file: columns, classes, scaling, test part, defaults.")
    var describe: String?
    @Option(help: "With --describe: an input column of categories (repeat for several).")
    var categorical: [String] = []
    @Option(help: "With --describe: a column to learn (repeat for several).")
    var target: [String] = []
    @Option(help: "With --describe: a column to leave out (repeat for several).")
    var ignore: [String] = []
    @Option(name: .customLong("test-fraction"), parsing: .unconditional, help: "With --describe: the test share.")
    var testFraction: Double?
    @Option(help: "With --describe: the CSV's inputs form an image of WIDTHxHEIGHT pixels, row by row.")
    var image: String?

    func validate() throws {
        guard describe == nil else { return }
        let given = [
            categorical.first.map { "--categorical \($0)" }, target.first.map { "--target \($0)" },
            ignore.first.map { "--ignore \($0)" },
            testFraction.map { "--test-fraction \($0)" },
            image.map { "--image \($0)" },
        ].compactMap { $0 }
        if let option = given.first {
            throw ValidationError("\(option): describes a file, so it goes with --describe FILE")
        }
    }

    mutating func run() throws {
        if let describe {
            try self.describe(describe)
            return
        }
        let glyphs = try ShippedFont.digitGlyphs()
        let rows = BuiltInDataSets.names.map { name -> (DataSet, SessionPlan) in
            var model = ModelOptions()
            model.dataSet = name
            if name == "digits" { model.digitGlyphs = glyphs }
            let plan = try! SessionPlan.make(model: model)  // the built-in sets with their own defaults always fit
            return (plan.dataSet, plan)
        }
        if json {
            let sets = rows.map { data, plan -> JSONValue in
                .object([
                    ("name", JSONValue(data.name)), ("examples", JSONValue(data.count + (plan.testSet?.count ?? 0))),
                    ("test_examples", JSONValue(plan.testSet?.count ?? 0)),
                    ("inputs", JSONValue(data.inputCount)), ("outputs", JSONValue(data.targetCount)),
                    ("kind", JSONValue(data.isRegression ? "regression" : "classification")),
                    ("defaults", Self.defaults(plan)),
                ])
            }
            print(JSONValue.object([("datasets", .array(sets))]).text)
            return
        }
        let header = [
            "name", "examples (test)", "inputs", "kind", "layers", "activation", "loss", "rate", "iterations", "bias",
        ]
        let table = rows.map { data, plan -> [String] in
            let network = plan.initialNetwork
            return [
                data.name, "\(data.count + (plan.testSet?.count ?? 0))" + (plan.testSet.map { " (\($0.count))" } ?? ""),
                String(data.inputCount), data.isRegression ? "regression" : "classification",
                network.layout.layerSizes.map(String.init).joined(separator: "-"),
                network.activations.map(\.rawValue).joined(separator: "/").replacingSigmoidRuns,
                plan.training.loss.rawValue, number(plan.training.learningRate), String(plan.iterations),
                network.layout.usesBias ? "on" : "off",
            ]
        }
        // Each column as wide as its widest cell, so every value starts under its heading.
        let widths = header.indices.map { column in ([header] + table).map { $0[column].count }.max()! }
        for line in [header] + table {
            let cells = zip(line, widths).map { text, width in text + String(repeating: " ", count: width - text.count)
            }
            print(cells.joined(separator: "  ").trimmingTrailingSpaces)
        }
    }

    private static func defaults(_ plan: SessionPlan) -> JSONValue {
        let network = plan.initialNetwork
        return .object([
            ("layers", .array(network.layout.layerSizes.map(JSONValue.init))),
            ("activation", JSONValue(network.activations.first!.rawValue)),
            ("output_activation", JSONValue(network.activations.last!.rawValue)),
            ("loss", JSONValue(plan.training.loss.rawValue)),
            ("learning_rate", JSONValue(plan.training.learningRate)),
            ("iterations", JSONValue(plan.iterations)), ("batch_size", JSONValue(plan.training.batchSize)),
            ("init", JSONValue(plan.initialization.rawValue)),
            ("bias", .bool(network.layout.usesBias)),
        ])
    }

    /// A whole number as one ("255", not "255.0"), anything else as Swift writes it.
    func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }

    /// "sigmoid/sigmoid" → "sigmoid": the hidden and output activations, once when they agree.
    fileprivate var replacingSigmoidRuns: String {
        let parts = split(separator: "/")
        return Set(parts).count == 1 ? String(parts[0]) : parts.first! + "/" + parts.last!
    }
}
