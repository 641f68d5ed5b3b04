import NeuralCore

/// The arithmetic of each stage, as the lines written beside the network.
extension Explanation {
    /// Terms of a sum written out before the rest is summarised as "+ n more".
    static let termsShown = 4
    /// Neurons of a layer listed in a backward stage, weights in the update stage.
    static let rowsShown = 4

    /// The card's title and lines for `stage`.
    public func lines(for stage: Stage) -> (title: String, lines: [String]) {
        switch stage {
        case .forward(let neuron): forwardLines(neuron)
        case .error: errorLines()
        case .backward(let layer): backwardLines(layer: layer)
        case .update: updateLines()
        }
    }

    private var network: Network { step.before }
    private var trace: Trace { step.trace }
    private var outputLayer: Int { network.layout.layerCount - 1 }

    private func name(_ neuron: NeuronID) -> String {
        guard neuron.layer == outputLayer else { return "layer \(neuron.layer), neuron \(neuron.index + 1)" }
        return outputClasses.map { "output \"\($0[neuron.index])\"" } ?? "output \(neuron.index + 1)"
    }

    private func forwardLines(_ neuron: NeuronID) -> (String, [String]) {
        let l = neuron.layer - 1, j = neuron.index
        let fanIn = network.layout.layerSizes[l]
        let terms = (0..<fanIn).map { i in
            (i: i, w: network.weight(layer: l, to: j, from: i), x: trace.activation(layer: l, index: i))
        }
        let strongest = terms.sorted { abs($0.w * $0.x) > abs($1.w * $1.x) }
        var lines: [String] = []
        for term in strongest.prefix(Self.termsShown) {
            lines.append(
                "\(formatExplained(term.w, signed: true)) × \(formatExplained(term.x)) = "
                    + formatExplained(term.w * term.x, signed: true))
        }
        if fanIn > Self.termsShown {
            let rest = strongest.dropFirst(Self.termsShown).reduce(0.0) { $0 + $1.w * $1.x }
            lines.append("+ \(fanIn - Self.termsShown) more = \(formatExplained(rest, signed: true))")
        }
        if let b = network.bias(layer: l, neuron: j) { lines.append("bias \(formatExplained(b, signed: true))") }
        let z = trace.sum(layer: neuron.layer, index: j), a = trace.activation(layer: neuron.layer, index: j)
        lines.append("z = Σ w·x\(network.layout.usesBias ? " + b" : "") = \(formatExplained(z))")
        let function = network.activations[l]
        switch function {
        case .sigmoid: lines.append("σ(z) = 1 / (1 + e^−z) = \(formatExplained(a))")
        case .tanh: lines.append("tanh(z) = \(formatExplained(a))")
        case .relu: lines.append("relu(z) = max(0, z) = \(formatExplained(a))")
        case .linear: lines.append("linear: a = z = \(formatExplained(a))")
        case .softmax: lines.append("softmax: e^z / Σ e^z = \(formatExplained(a))")
        }
        return ("forward · \(name(neuron))", lines)
    }

    private func errorLines() -> (String, [String]) {
        let outputs = trace.outputs
        var lines: [String] = []
        let shown = outputs.indices.sorted { abs(outputs[$0] - step.target[$0]) > abs(outputs[$1] - step.target[$1]) }
            .prefix(Self.rowsShown).sorted()
        for k in shown {
            let y = step.target[k], o = outputs[k]
            let label = outputs.count == 1 ? "" : "\(name(NeuronID(layer: outputLayer, index: k))): "
            lines.append(
                "\(label)target y = \(formatExplained(y)), output o = \(formatExplained(o)), "
                    + "y − o = \(formatExplained(y - o, signed: true))")
        }
        if outputs.count > shown.count { lines.append("+ \(outputs.count - shown.count) more outputs") }
        let formula =
            switch step.loss {
            case .mse: "L = ½ Σ (y − o)²"
            case .bce: "L = −Σ [y·ln o + (1 − y)·ln(1 − o)]"
            case .ce: "L = −Σ y·ln o"
            }
        lines.append("\(formula) = \(formatExplained(trace.loss))")
        return ("error · this example's loss", lines)
    }

    private func backwardLines(layer: Int) -> (String, [String]) {
        var lines: [String] = []
        let function = network.activations[layer - 1]
        let derivative = Self.derivativeName(function)
        let neurons = path[layer].prefix(Self.rowsShown)
        if layer == outputLayer {
            switch (function, step.loss) {
            case (.sigmoid, .bce), (.softmax, .ce):
                lines.append("δ = o − y  (the loss and the activation cancel)")
                for j in neurons {
                    let o = trace.activation(layer: layer, index: j)
                    lines.append(
                        "\(name(NeuronID(layer: layer, index: j))): \(formatExplained(o)) − "
                            + "\(formatExplained(step.target[j])) = "
                            + formatExplained(trace.delta(layer: layer, index: j), signed: true))
                }
            case (.softmax, _):
                lines.append("δ = o · (∂L/∂o − Σ o·∂L/∂o)  (softmax couples the outputs)")
                for j in neurons { lines.append(deltaOnly(layer: layer, j)) }
            default:
                lines.append("δ = (o − y) · \(derivative)")
                for j in neurons {
                    let z = trace.sum(layer: layer, index: j), o = trace.activation(layer: layer, index: j)
                    let gradient = step.loss.gradient(output: o, target: step.target[j])
                    lines.append(
                        "\(name(NeuronID(layer: layer, index: j))): \(formatExplained(gradient, signed: true)) × "
                            + "\(formatExplained(function.derivative(z: z, a: o))) = "
                            + formatExplained(trace.delta(layer: layer, index: j), signed: true))
                }
            }
        } else {
            lines.append("δ = (Σ w·δ from the layer above) · \(derivative)")
            let above = network.layout.layerSizes[layer + 1]
            for j in neurons {
                var back = 0.0
                for k in 0..<above {
                    back += network.weight(layer: layer, to: k, from: j) * trace.delta(layer: layer + 1, index: k)
                }
                let z = trace.sum(layer: layer, index: j), a = trace.activation(layer: layer, index: j)
                lines.append(
                    "\(name(NeuronID(layer: layer, index: j))): \(formatExplained(back, signed: true)) × "
                        + "\(formatExplained(function.derivative(z: z, a: a))) = "
                        + formatExplained(trace.delta(layer: layer, index: j), signed: true))
            }
        }
        if path[layer].count > neurons.count { lines.append("+ \(path[layer].count - neurons.count) more neurons") }
        let title = layer == outputLayer ? "backward · the output's δ = ∂L/∂z" : "backward · layer \(layer): δ = ∂L/∂z"
        return (title, lines)
    }

    private func deltaOnly(layer: Int, _ j: Int) -> String {
        let delta = trace.delta(layer: layer, index: j)
        return "\(name(NeuronID(layer: layer, index: j))): δ = \(formatExplained(delta, signed: true))"
    }

    /// f′(z) written for the activation.
    static func derivativeName(_ function: Activation) -> String {
        switch function {
        case .sigmoid, .softmax: "σ′(z),  σ′ = o·(1 − o)"
        case .tanh: "tanh′(z),  tanh′ = 1 − a²"
        case .relu: "relu′(z),  1 if z > 0 else 0"
        case .linear: "1"
        }
    }

    /// The synapses whose change the update stage lists: the largest |Δw| into the path's neurons.
    static func largestChanges(of step: LearningStep, along path: [[Int]]) -> [SynapseID] {
        var changes: [(SynapseID, Double)] = []
        for layer in 1..<path.count {
            for j in path[layer] {
                for i in 0..<step.before.layout.layerSizes[layer - 1] {
                    changes.append(
                        (
                            SynapseID(layer: layer - 1, from: i, to: j),
                            abs(step.weightChange(layer: layer - 1, to: j, from: i))
                        ))
                }
            }
        }
        return changes.sorted { $0.1 > $1.1 }.prefix(rowsShown).map(\.0)
    }

    private func updateLines() -> (String, [String]) {
        var lines = ["Δw = −η · δ · x,  η = \(formatExplained(step.learningRate))"]
        for s in largestChanges {
            let old = network.weight(layer: s.layer, to: s.to, from: s.from)
            let new = step.after.weight(layer: s.layer, to: s.to, from: s.from)
            let delta = trace.delta(layer: s.layer + 1, index: s.to),
                x = trace.activation(layer: s.layer, index: s.from)
            lines.append(
                "\(s.layer).\(s.from + 1)→\(s.layer + 1).\(s.to + 1): −\(formatExplained(step.learningRate)) × "
                    + "\(formatExplained(delta)) × \(formatExplained(x)) = "
                    + "\(formatExplained(step.weightChange(layer: s.layer, to: s.to, from: s.from), signed: true)), "
                    + "w \(formatExplained(old)) → \(formatExplained(new))"
            )
        }
        if network.layout.usesBias {
            let j = focus.layer == outputLayer ? focus.index : path[outputLayer][0]
            if let change = step.biasChange(layer: outputLayer - 1, neuron: j) {
                let output = name(NeuronID(layer: outputLayer, index: j))
                lines.append("Δb = −η · δ: \(output)'s bias \(formatExplained(change, signed: true))")
            }
        }
        let k = subject(of: .update).index
        let output = trace.outputs.count == 1 ? "output" : name(NeuronID(layer: outputLayer, index: k))
        lines.append(
            "\(output) for this example: \(formatExplained(trace.outputs[k])) → \(formatExplained(step.newOutputs[k])) "
                + "(target \(formatExplained(step.target[k])))")
        if let sessionDifference { lines.append("(this is plain SGD; \(sessionDifference))") }
        let moved = network.layout.usesBias ? "every weight and bias moves" : "every weight moves"
        return ("update · \(moved) against its gradient", lines)
    }
}
