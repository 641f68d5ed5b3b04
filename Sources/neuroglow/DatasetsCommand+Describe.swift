import ArgumentParser
import NeuralCore
import Session

extension DatasetsCommand {
    /// What neuroglow makes of a CSV file (or a built-in set) before anything trains: its columns,
    /// the target and its classes, the scaling, the test part and the defaults it would train with.
    func describe(_ path: String) throws {
        var model = ModelOptions()
        model.dataSet = path
        model.categorical = categorical
        model.targets = target
        model.ignored = ignore
        model.testFraction = testFraction
        if let image { model.imageShape = try validating { try ImageShape.parse(image) } }
        model.digitGlyphs = try ShippedFont.glyphs(forDataSet: path)
        // The data set is named by --describe here, not --dataset.
        let plan = try validating {
            do { return try SessionPlan.make(model: model) } catch let error as InputError {
                guard error.message.hasPrefix("--dataset ") else { throw error }
                throw InputError("--describe " + error.message.dropFirst("--dataset ".count))
            }
        }
        let data = plan.dataSet, network = plan.initialNetwork
        let rows = data.count + (plan.testSet?.count ?? 0)
        let kind =
            data.classNames.map { "classification, \($0.count) named classes" }
            ?? (data.isRegression ? "regression" : "classification: \(data.targetCount == 1 ? "" : "each ")0 or 1")
        let defaults: [(String, JSONValue)] = [
            ("layers", .array(network.layout.layerSizes.map(JSONValue.init))),
            ("activation", JSONValue(network.activations.first!.rawValue)),
            ("output_activation", JSONValue(network.activations.last!.rawValue)),
            ("loss", JSONValue(plan.training.loss.rawValue)),
            ("learning_rate", JSONValue(plan.training.learningRate)), ("iterations", JSONValue(plan.iterations)),
            ("batch_size", JSONValue(plan.training.batchSize)), ("bias", .bool(network.layout.usesBias)),
        ]
        if json {
            var fields: [(String, JSONValue)] = [
                ("file", JSONValue(path)), ("rows", JSONValue(rows)),
                ("test_examples", JSONValue(plan.testSet?.count ?? 0)),
                ("inputs", .array(data.inputNames.map(JSONValue.init))),
                ("targets", .array(data.targetNames.map(JSONValue.init))), ("kind", JSONValue(kind)),
                ("classes", data.classNames.map { .array($0.map(JSONValue.init)) } ?? .null),
                (
                    "image",
                    data.imageShape.map { .object([("width", JSONValue($0.width)), ("height", JSONValue($0.height))]) }
                        ?? .null
                ),
            ]
            if let scaling = plan.inputScaling {
                fields.append(
                    ("scaling", .object([("mean", JSONValue(scaling.means)), ("std", JSONValue(scaling.deviations))])))
            } else {
                fields.append(("scaling", .null))
            }
            fields += [("notes", .array(plan.notes.map(JSONValue.init))), ("defaults", .object(defaults))]
            print(JSONValue.object(fields).text)
            return
        }
        print(
            "\(path): \(rows) rows, \(data.inputCount) input\(data.inputCount == 1 ? "" : "s"), "
                + "target\(data.targetCount == 1 ? "" : "s") \(data.targetNames.joined(separator: ", ")) (\(kind))"
        )
        if let classes = data.classNames {
            // Classes that are all whole numbers came from a label column, in numeric order (`CSVDataSet`).
            let order = classes.allSatisfy { Int($0) != nil } ? "numeric order" : "order of first appearance"
            print("classes, in \(order): \(classes.joined(separator: ", "))")
        }
        // A wide file's every column would push the rest off the screen: the first sixteen, then a count.
        let listed = data.inputCount > 20 ? 16 : data.inputCount, unlisted = data.inputCount - listed
        if let image = data.imageShape, let first = data.inputNames.first, let last = data.inputNames.last {
            // Pixel values are mostly whole numbers (0 and 255, 0 and 16): written as such.
            let range = plan.inputScaling.map { scaling in
                ", scaled to 0…1 from the training part's darkest and brightest values, \(number(scaling.means[0])) "
                    + "and \(number(scaling.means[0] + scaling.deviations[0])) (--no-standardize keeps them raw)"
            }
            print("inputs: a \(image.width)×\(image.height) image, row by row (\(first) … \(last))\(range ?? "")")
        } else if let scaling = plan.inputScaling {
            print("inputs, standardised with the training part's mean and deviation (--no-standardize keeps them raw):")
            for (k, name) in data.inputNames.prefix(listed).enumerated() {
                print("  \(name): mean \(format(scaling.means[k], 4)), deviation \(format(scaling.deviations[k], 4))")
            }
            if unlisted > 0 { print("  … \(unlisted) more (--json gives every one)") }
        } else {
            print(
                "inputs: \(data.inputNames.prefix(listed).joined(separator: ", "))"
                    + (unlisted > 0 ? ", … \(unlisted) more (--json names every one)" : ""))
        }
        for note in plan.notes { print("note: \(note)") }
        print(
            plan.testSet.map { "test part: \($0.count) rows kept aside (seeded, stratified by class)" }
                ?? "test part: none (--test-fraction F keeps a share aside)")
        let shape = network.layout.layerSizes.map(String.init).joined(separator: "-")
        print(
            "defaults: layers \(shape), \(network.activations.first!.rawValue) hidden, "
                + "\(network.activations.last!.rawValue) output, loss \(plan.training.loss.rawValue), learning rate "
                + "\(format(plan.training.learningRate, 3)), \(plan.iterations) iterations, biases "
                + (network.layout.usesBias ? "on" : "off"))
    }
}
