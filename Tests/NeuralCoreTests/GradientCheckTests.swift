import Testing
@testable import NeuralCore

/// Back-propagated gradients agree with central finite differences for every activation × loss
/// combination the command line allows, with and without biases, for several shapes.
struct GradientCheckTests {
    static let combinations: [(hidden: Activation, output: Activation, loss: Loss)] = {
        var all: [(Activation, Activation, Loss)] = []
        for hidden in Activation.hiddenChoices {
            for loss in Loss.allCases {
                for output in loss.allowedOutputActivations { all.append((hidden, output, loss)) }
            }
        }
        return all
    }()

    @Test(arguments: [[3, 4, 1], [2, 5, 3], [4, 3, 3, 2]], [false, true])
    func backpropMatchesFiniteDifferences(shape: [Int], bias: Bool) {
        for (index, combo) in Self.combinations.enumerated() {
            var network = Network(
                layerSizes: shape, hidden: combo.hidden, output: combo.output, usesBias: bias,
                initialization: .xavier, seed: UInt64(index + 7))
            var rng = SeededGenerator(seed: 99)
            // Nudge every parameter off zero so ReLU kinks and zero biases are not sat on exactly.
            for k in network.parameters.indices { network.parameters[k] += rng.nextUniform(-0.3, 0.3) }
            let input = (0..<shape[0]).map { _ in rng.nextUniform(-1, 1) }
            var target = (0..<shape.last!).map { _ in rng.nextUnit() }
            if combo.loss == .ce { let total = target.reduce(0, +); target = target.map { $0 / total } }
            let analytic = network.trace(input: input, target: target, loss: combo.loss).gradients
            for k in network.parameters.indices {
                let h = 1e-5
                var plus = network, minus = network
                plus.parameters[k] += h
                minus.parameters[k] -= h
                let numeric =
                    (plus.trace(input: input, target: target, loss: combo.loss).loss
                        - minus.trace(input: input, target: target, loss: combo.loss).loss) / (2 * h)
                // Relative error, with the denominator floored so near-zero gradients compare absolutely.
                let scale = max(abs(numeric), abs(analytic[k]), 1e-3)
                let relative = abs(numeric - analytic[k]) / scale
                #expect(
                    relative < 1e-6,
                    "\(shape) bias=\(bias) \(combo) parameter \(k): analytic \(analytic[k]) numeric \(numeric)")
            }
        }
    }

    @Test func tracePassesMatchPredict() {
        let network = Network(layerSizes: [3, 4, 2], hidden: .tanh, output: .softmax, usesBias: true, seed: 3)
        let trace = network.trace(input: [1, 0, 1], target: [1, 0], loss: .ce)
        #expect(trace.outputs == network.predict([1, 0, 1]))
        #expect(abs(trace.outputs.reduce(0, +) - 1) < 1e-12)
        // Input neurons carry the input as both sum and activation, and no error.
        #expect(trace.activation(layer: 0, index: 0) == 1 && trace.delta(layer: 0, index: 2) == 0)
    }
}
