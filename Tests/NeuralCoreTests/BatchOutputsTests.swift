import Testing

@testable import NeuralCore

/// Losses, accuracies and r² over a data set come from forward passes a batch at a time
/// (`Network.forEachOutput`); they must be the numbers of one example at a time, bit for bit, for
/// sets shorter than a batch, of exactly one, and with a part-batch at the end.
struct BatchOutputsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let shape: [Int], hidden: Activation, output: Activation, loss: Loss, usesBias: Bool
        var testDescription: String { "\(shape) \(hidden) \(output) \(loss)\(usesBias ? "" : " no bias")" }
    }

    static let cases = [
        Case(shape: [3, 4, 1], hidden: .sigmoid, output: .sigmoid, loss: .mse, usesBias: false),
        Case(shape: [5, 9, 7, 4], hidden: .tanh, output: .softmax, loss: .ce, usesBias: true),
        Case(shape: [2, 6, 1], hidden: .relu, output: .sigmoid, loss: .bce, usesBias: true),
        Case(shape: [4, 3, 2], hidden: .linear, output: .linear, loss: .mse, usesBias: false),
    ]

    /// A set of `count` examples for `shape`: inputs in −2…2, one-hot targets when there are several.
    static func dataSet(_ shape: [Int], count: Int, seed: UInt64) -> DataSet {
        var rng = SeededGenerator(seed: seed)
        let rows = (0..<count).map { _ -> ([Double], [Double]) in
            let input = (0..<shape[0]).map { _ in rng.nextUniform(-2, 2) }
            let outputs = shape.last!
            let hot = Int(rng.next() % UInt64(outputs))
            let target = outputs == 1 ? [rng.nextUnit()] : (0..<outputs).map { $0 == hot ? 1.0 : 0.0 }
            return (input, target)
        }
        return DataSet(name: "random", rows: rows)
    }

    @Test(arguments: cases, [1, 31, 32, 33, 70])
    func batchedPassesGiveTheNumbersOfOneExampleAtATime(_ c: Case, count: Int) {
        let network = Network(
            layerSizes: c.shape, hidden: c.hidden, output: c.output, usesBias: c.usesBias, seed: UInt64(count))
        let data = Self.dataSet(c.shape, count: count, seed: 5)
        let predicted = (0..<count).map { network.predict(data.input($0)) }

        var visited: [Int] = []
        var outputs: [[Double]] = []
        network.forEachOutput(on: data) { e, values in
            visited.append(e)
            outputs.append(Array(UnsafeBufferPointer(start: values, count: c.shape.last!)))
        }
        #expect(visited == Array(0..<count))
        #expect(outputs == predicted)

        var total = 0.0
        for e in 0..<count {
            for (k, o) in predicted[e].enumerated() { total += c.loss.value(output: o, target: data.target(e)[k]) }
        }
        #expect(network.meanLoss(on: data, loss: c.loss) == total / Double(count))

        let right = (0..<count).filter { e in
            let o = predicted[e], y = data.target(e)
            return o.count == 1
                ? (o[0] >= 0.5) == (y[0] >= 0.5)
                : o.indices.max(by: { o[$0] < o[$1] }) == y.indices.max(by: { y[$0] < y[$1] })
        }
        #expect(network.accuracy(on: data) == Double(right.count) / Double(count))

        var residual = 0.0, spread = 0.0
        for k in 0..<c.shape.last! {
            let mean = (0..<count).reduce(0.0) { $0 + data.target($1)[k] } / Double(count)
            for e in 0..<count {
                let y = data.target(e)[k]
                residual += (y - predicted[e][k]) * (y - predicted[e][k])
                spread += (y - mean) * (y - mean)
            }
        }
        #expect(network.rSquared(on: data) == (spread > 0 ? 1 - residual / spread : (residual == 0 ? 1 : 0)))
    }

    /// Ties between outputs go to the first of them, as `max(by:)` chooses.
    @Test func aTieGoesToTheFirstLargestOutput() {
        // All-zero weights without biases: every output of a linear network is 0, a three-way tie.
        let layout = NetworkLayout(layerSizes: [2, 3], usesBias: false)
        let network = Network(
            layout: layout, activations: [.linear], parameters: [Double](repeating: 0, count: layout.parameterCount))
        let data = DataSet(name: "ties", rows: [([1, 1], [1, 0, 0]), ([1, 1], [1, 0, 0]), ([1, 1], [0, 0, 1])])
        #expect(network.accuracy(on: data) == 2.0 / 3)
    }
}
