/// The model file (docs/DESIGN.md §5): `{"format": "neuroglow-model", "version": 1, "layers": [...],
/// "activations": [...], "bias": Bool, "weights": [[[w]]], "biases": [[b]]}` where
/// `weights[l][j][i]` goes from neuron i of layer l to neuron j of layer l + 1.
///
/// Loading checks the format, the shape, the activation names and that every number is finite;
/// each error names the JSON path of the offending value.
public enum ModelFile {
    public static let format = "neuroglow-model"
    public static let version = 1

    /// `inputScaling`: the standardisation the network was trained with (CSV data), written as
    /// `"input_scaling": {"mean": […], "std": […]}` so a loaded model takes raw values.
    public static func encode(_ network: Network, inputScaling: InputScaling? = nil) -> String {
        let layout = network.layout
        let weights: [JSONValue] = (0..<layout.connectionLayerCount).map { l in
            .array(
                (0..<layout.layerSizes[l + 1]).map { j in
                    JSONValue((0..<layout.layerSizes[l]).map { i in network.weight(layer: l, to: j, from: i) })
                })
        }
        let biases: [JSONValue] = (0..<layout.connectionLayerCount).map { l in
            JSONValue((0..<layout.layerSizes[l + 1]).map { j in network.bias(layer: l, neuron: j) ?? 0 })
        }
        var fields: [(String, JSONValue)] = [
            ("format", JSONValue(format)),
            ("version", JSONValue(version)),
            ("layers", .array(layout.layerSizes.map(JSONValue.init))),
            ("activations", .array(network.activations.map { JSONValue($0.rawValue) })),
            ("bias", .bool(layout.usesBias)),
            ("weights", .array(weights)),
            ("biases", .array(biases)),
        ]
        if let inputScaling {
            fields.append(
                (
                    "input_scaling",
                    .object([("mean", JSONValue(inputScaling.means)), ("std", JSONValue(inputScaling.deviations))])
                ))
        }
        let document = JSONValue.object(fields)
        return document.text + "\n"
    }

    public static func decode(_ text: String, source: String = "model") throws(InputError) -> Network {
        let root = try JSONParser.parse(text, source: source)
        func fail(_ path: String, _ what: String) -> InputError { InputError("\(source): \(path): \(what)") }
        guard case .object = root else { throw fail("$", "expected an object with \"format\": \"\(format)\"") }
        guard case let .string(f)? = root["format"], f == format else {
            throw fail("$.format", "expected \"\(format)\"")
        }
        guard case let .number(v)? = root["version"], v == Double(version) else {
            throw fail("$.version", "expected \(version) (this build reads version \(version))")
        }
        let layers = try integers(root["layers"], path: "$.layers", fail: fail)
        if let problem = NetworkLayout.problem(with: layers) { throw fail("$.layers", problem) }
        guard case let .array(names)? = root["activations"] else {
            throw fail("$.activations", "expected an array of names")
        }
        guard names.count == layers.count - 1 else {
            throw fail(
                "$.activations",
                "expected \(layers.count - 1) names (one per layer after the inputs), found \(names.count)")
        }
        var activations: [Activation] = []
        for (l, name) in names.enumerated() {
            let isOutput = l == names.count - 1
            let allowed = isOutput ? Activation.outputChoices : Activation.hiddenChoices
            guard case let .string(s) = name, let a = Activation(rawValue: s), allowed.contains(a) else {
                throw fail("$.activations[\(l)]", "expected one of \(allowed.map(\.rawValue).joined(separator: ", "))")
            }
            activations.append(a)
        }
        guard case let .bool(usesBias)? = root["bias"] else { throw fail("$.bias", "expected true or false") }
        let layout = NetworkLayout(layerSizes: layers, usesBias: usesBias)
        var parameters = [Double](repeating: 0, count: layout.parameterCount)
        guard case let .array(weightLayers)? = root["weights"], weightLayers.count == layout.connectionLayerCount else {
            throw fail("$.weights", "expected \(layout.connectionLayerCount) weight matrices")
        }
        for l in 0..<layout.connectionLayerCount {
            guard case let .array(rows) = weightLayers[l], rows.count == layers[l + 1] else {
                throw fail("$.weights[\(l)]", "expected \(layers[l + 1]) rows (one per neuron of layer \(l + 1))")
            }
            for j in 0..<layers[l + 1] {
                let row = try numbers(rows[j], count: layers[l], path: "$.weights[\(l)][\(j)]", fail: fail)
                for i in 0..<layers[l] { parameters[layout.weightIndex(layer: l, to: j, from: i)] = row[i] }
            }
        }
        if usesBias {
            guard case let .array(biasLayers)? = root["biases"], biasLayers.count == layout.connectionLayerCount else {
                throw fail("$.biases", "expected \(layout.connectionLayerCount) bias vectors")
            }
            for l in 0..<layout.connectionLayerCount {
                let row = try numbers(biasLayers[l], count: layers[l + 1], path: "$.biases[\(l)]", fail: fail)
                for j in 0..<layers[l + 1] { parameters[layout.biasIndex(layer: l, neuron: j)] = row[j] }
            }
        }
        return Network(layout: layout, activations: activations, parameters: parameters)
    }

    /// The model's input scaling, if it carries one; errors name the JSON path.
    public static func inputScaling(in text: String, source: String = "model") throws(InputError) -> InputScaling? {
        let root = try JSONParser.parse(text, source: source)
        func fail(_ path: String, _ what: String) -> InputError { InputError("\(source): \(path): \(what)") }
        guard let scaling = root["input_scaling"], scaling != .null else { return nil }
        let layers = try integers(root["layers"], path: "$.layers", fail: fail)
        guard case .object = scaling, let meanValue = scaling["mean"], let stdValue = scaling["std"] else {
            throw fail("$.input_scaling", "expected {\"mean\": […], \"std\": […]}")
        }
        let means = try numbers(meanValue, count: layers[0], path: "$.input_scaling.mean", fail: fail)
        let deviations = try numbers(stdValue, count: layers[0], path: "$.input_scaling.std", fail: fail)
        if let k = deviations.firstIndex(where: { $0 <= 0 }) {
            throw fail("$.input_scaling.std[\(k)]", "expected a number greater than 0")
        }
        return InputScaling(means: means, deviations: deviations)
    }

    private static func integers(_ value: JSONValue?, path: String, fail: (String, String) -> InputError)
        throws(InputError) -> [Int]
    {
        guard case let .array(items)? = value else { throw fail(path, "expected an array of layer sizes") }
        var result: [Int] = []
        for (k, item) in items.enumerated() {
            guard case let .number(n) = item, n == n.rounded(), n >= 1, n <= 4096 else {
                throw fail("\(path)[\(k)]", "expected a whole number from 1 to 4096")
            }
            result.append(Int(n))
        }
        return result
    }

    private static func numbers(_ value: JSONValue, count: Int, path: String, fail: (String, String) -> InputError)
        throws(InputError) -> [Double]
    {
        guard case let .array(items) = value, items.count == count else {
            throw fail(path, "expected an array of \(count) numbers")
        }
        var result: [Double] = []
        for (k, item) in items.enumerated() {
            guard case let .number(n) = item, n.isFinite else {
                throw fail("\(path)[\(k)]", "expected a finite number")
            }
            result.append(n)
        }
        return result
    }
}
